#pragma once

#include "cases/stream.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace duty::cases {

// Text exports, and the workbooks cases/source.hpp reads through lib/xlsx.
enum class Format { csv, tsv, jsonl, xlsx, xls };

inline bool
is_workbook(Format f)
{
  return f == Format::xlsx || f == Format::xls;
}

// "csv", "tsv", "jsonl" (also "ndjson"); nullopt otherwise.
std::optional<Format>
parse_format(std::string_view name);

// "csv", "tsv", "jsonl", "xlsx", "xls".
std::string_view
format_name(Format f);

// The format a path's extension names (.csv .tsv .txt .jsonl .ndjson .json), or nullopt.
std::optional<Format>
format_from_path(std::string_view path);

// One record as read: raw string values, in header order.
struct Record
{
  static constexpr size_t npos = size_t(-1);
  std::vector<std::string> values;
  std::vector<bool> present; // false where the record lacks the column (JSON Lines)
  // JSON Lines: the columns this record holds (a record of a wide log touches
  // few of them). CSV/TSV: empty, every column is present.
  std::vector<size_t> columns;
  uint64_t line = 0;       // physical line where the record starts (1-based)
  std::string error;       // non-empty: the record is broken (reason)
  uint64_t error_line = 0; // where the problem is, when known (else 0)
  uint64_t error_col = 0;  // its column in code points, when known (else 0)
  size_t error_field = npos; // the column it is in, when known
  // The field count differs from the header's: values cannot be matched to
  // headers and must not be used (or shown) at all.
  bool misaligned = false;
};

// Splits a text stream into records. It knows nothing of orders or events:
// a record is a list of strings with a physical line. CSV follows RFC 4180
// (quoted fields may hold the separator, "" and line breaks; records end in
// LF, CRLF or a lone CR); TSV has no quoting; JSON Lines holds one flat
// object per line (nested values kept as JSON text). The first CSV/TSV record
// is the header; for JSON Lines the header grows as new keys appear. Streams:
// holds one chunk and one record at a time.
//
// Choices where exports and RFC 4180 part ways (see duty-ingest(1)): blank
// lines are skipped (a line holding only "" is a record); trailing empty
// fields beyond the header are dropped; a quote inside an unquoted field is
// kept as text; text after a closing quote (a quote that was not doubled) is
// an error; NUL bytes and byte-order marks inside the text are errors.
class RecordReader
{
public:
  // `format` nullopt: guessed from the path's extension, else from the first
  // bytes ("{" means JSON Lines, a tab in the first line TSV, otherwise CSV).
  // Throws InputError when the header is broken (a quote that never closes,
  // a header that runs over several lines).
  RecordReader(TextStream& in, std::optional<Format> format);

  const std::vector<std::string>& header() const { return m_header; }
  Format format() const { return m_format; }
  // The next data record; false at the end of input. Pass the same Record
  // each time: JSON Lines clears only the columns the last record set.
  bool next(Record& rec);
  // Raw text of the last record (for --skip-bad output of JSON Lines).
  std::string_view raw() const { return m_raw; }

private:
  bool more();
  char peek(); // the byte at m_pos, reading on if needed; '\0' at the end
  void new_line(); // a line break was just consumed
  bool next_delimited(Record& rec, char sep);
  bool read_quoted(Record& rec, std::string& f);
  bool next_json(Record& rec);
  void check_bytes(Record& rec, char sep);
  void locate(Record& rec, size_t offset, char sep) const;
  void read_header();

  TextStream& m_in;
  Format m_format = Format::csv;
  std::string m_buf;
  size_t m_pos = 0;
  size_t m_start = 0;      // start of the record being read: kept in m_buf
  size_t m_line_start = 0; // start of the current physical line in m_buf
  bool m_eof = false;
  bool m_first_quoted = false; // the last record's first field was quoted
  size_t m_error_at = 0;       // where in the record its error was found (the first one counts)
  uint64_t m_line = 1;
  std::vector<std::string> m_header;
  std::unordered_map<std::string, size_t> m_key_column; // JSON Lines key → column
  std::string m_raw;
};

} // namespace duty::cases
