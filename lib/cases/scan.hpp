#pragma once

// A projecting, zero-copy CSV/TSV tokenizer: finds the fields of one record
// in a byte buffer (quotes, doubled quotes and line breaks inside quoted
// fields included) and hands them out as views into the buffer, copying
// nothing. It works on the raw bytes of UTF-8 and GB18030/GBK files alike:
// the bytes that structure a CSV (separator, quote, CR, LF, NUL) never occur
// inside a GBK character, so the fields a job does not need are never decoded.
//
// It follows the same rules as RecordReader (duty-ingest(1)): a field is
// quoted only when it starts with a quote; "" inside it is a quote; text after
// a closing quote is an error; a quote inside an unquoted field is text;
// records end in LF, CRLF or a lone CR; a blank line is no record, a line
// holding only "" is one; NUL bytes and (UTF-8) byte-order marks inside a
// record are errors. TSV has no quoting.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace duty::cases {

struct ScanField
{
  std::string_view text; // as written, without the enclosing quotes
  bool quoted = false;
  bool escaped = false; // holds "" pairs: text needs unquote()
};

enum class ScanError { none, nul, bom, after_quote, never_ends };

// The message for a record error, as RecordReader words it; `line` is the
// physical line the record starts on.
std::string
scan_error_message(ScanError e, uint64_t line);

struct ScanRecord
{
  std::vector<ScanField> fields; // reused from record to record
  size_t count = 0;              // fields in this record (fields may hold more)
  uint32_t lines = 0;            // physical line breaks it spans, its own end included
  bool blank = false;            // a blank line: not a record
  ScanError error = ScanError::none;
  size_t error_offset = 0;       // byte offset of the problem from the record's start
  size_t error_field = 0;        // 0-based field of the problem
};

class CsvScanner
{
public:
  // `sep` ',' (with quoting) or '\t' (without). `utf8`: also reject byte-order marks.
  CsvScanner(char sep, bool utf8);

  enum class Status { record, need_more, end };
  // Tokenizes the record starting at `p`. `final` says no bytes follow `end`.
  // On `record`, `consumed` is its length, terminator included; `need_more`
  // means the record runs past `end` (read on and call again from `p`).
  Status next(const char* p, const char* end, bool final, ScanRecord& rec, size_t& consumed) const;

  // The field's value: the view itself, or `buf` holding it with "" made ".
  static std::string_view value(const ScanField& f, std::string& buf);

private:
  char m_sep;
  bool m_quoting;
  bool m_utf8;
  uint8_t m_stop[256];   // bytes that end a run of unquoted text
  uint8_t m_qstop[256];  // … of quoted text
  uint8_t m_any[256];    // either: the bytes the one-pass scan stops at
  char m_any_bytes[6];
  int m_nany = 0;
};

} // namespace duty::cases
