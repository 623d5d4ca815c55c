#pragma once

#include "cases/stream.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duty::cases {

enum class Format { csv, tsv, jsonl };

// "csv", "tsv", "jsonl" (also "ndjson"); nullopt otherwise.
std::optional<Format>
parse_format(std::string_view name);

// The format a path's extension names (.csv .tsv .txt .jsonl .ndjson .json), or nullopt.
std::optional<Format>
format_from_path(std::string_view path);

// One record as read: raw string values, in header order.
struct Record
{
  std::vector<std::string> values;
  std::vector<bool> present; // JSON Lines: false where the object lacks the key
  uint64_t line = 0;         // physical line where the record starts (1-based)
  std::string error;         // non-empty: the record is broken (reason)
};

// Splits a text stream into records: CSV per RFC 4180 (quoted fields may hold
// the separator, "" and line breaks; LF or CRLF), TSV (no quoting), or JSON
// Lines (one flat object per line; nested values kept as JSON text). The
// first CSV/TSV record is the header; for JSON Lines the header grows as new
// keys appear. Streams: holds one chunk and one record at a time.
class RecordReader
{
public:
  // `format` nullopt: guessed from the path's extension, else from the first
  // bytes ("{" means JSON Lines, a tab in the first line TSV, otherwise CSV).
  RecordReader(TextStream& in, std::optional<Format> format);

  const std::vector<std::string>& header() const { return m_header; }
  Format format() const { return m_format; }
  // The next data record; false at the end of input.
  bool next(Record& rec);
  // Raw text of the last record (for --skip-bad output of JSON Lines).
  std::string_view raw() const { return m_raw; }

private:
  bool more();
  bool next_delimited(Record& rec, char sep);
  bool next_json(Record& rec);

  TextStream& m_in;
  Format m_format = Format::csv;
  std::string m_buf;
  size_t m_pos = 0;
  size_t m_start = 0; // start of the record being read: kept in m_buf
  bool m_eof = false;
  uint64_t m_line = 1;
  std::vector<std::string> m_header;
  std::string m_raw;
};

} // namespace duty::cases
