#include "cases/records.hpp"

#include "cases/json_line.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <cstring>
#include <string>

namespace duty::cases {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

} // namespace

std::optional<Format>
parse_format(std::string_view name)
{
  if (name == "csv")
    return Format::csv;
  if (name == "tsv")
    return Format::tsv;
  if (name == "jsonl" || name == "ndjson")
    return Format::jsonl;
  return std::nullopt;
}

std::string_view
format_name(Format f)
{
  switch (f) {
  case Format::csv: return "csv";
  case Format::tsv: return "tsv";
  case Format::jsonl: return "jsonl";
  case Format::xlsx: return "xlsx";
  case Format::xls: return "xls";
  }
  return "?";
}

std::optional<Format>
format_from_path(std::string_view path)
{
  auto ends = [&](std::string_view ext) {
    if (path.size() < ext.size())
      return false;
    auto tail = path.substr(path.size() - ext.size());
    for (size_t i = 0; i < ext.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(tail[i])) != ext[i])
        return false;
    return true;
  };
  if (ends(".csv"))
    return Format::csv;
  if (ends(".tsv") || ends(".tab"))
    return Format::tsv;
  if (ends(".jsonl") || ends(".ndjson") || ends(".json"))
    return Format::jsonl;
  return std::nullopt;
}

RecordReader::RecordReader(TextStream& in, std::optional<Format> format) : m_in(in)
{
  if (!format)
    format = format_from_path(in.path());
  while (m_buf.size() < 4096 && more()) {
  }
  if (!format) {
    std::string_view head(m_buf);
    head = util::trim(head);
    std::string_view first = head.substr(0, head.find('\n'));
    if (head.starts_with("{"))
      format = Format::jsonl;
    else if (first.find('\t') != std::string_view::npos
             && first.find(',') == std::string_view::npos)
      format = Format::tsv;
    else
      format = Format::csv;
  }
  m_format = *format;
  if (m_format != Format::jsonl)
    read_header();
}

void
RecordReader::read_header()
{
  Record rec;
  char sep = m_format == Format::csv ? ',' : '\t';
  bool got;
  do {
    got = next_delimited(rec, sep);
  } while (got && rec.values.size() == 1 && !m_first_quoted && util::trim(rec.values[0]).empty());
  if (!got)
    return;
  check_bytes(rec, sep);
  std::string where = m_in.path() + ":" + std::to_string(rec.error_line ? rec.error_line : rec.line)
                      + (rec.error_col ? ":" + std::to_string(rec.error_col) : std::string()) + ": ";
  // A broken header would swallow the file or shift every column: never read on.
  if (!rec.error.empty())
    throw InputError(where + "the header is broken: " + rec.error);
  // The lines it spans: a header the file ends in, without a line break, ends on m_line itself.
  bool broke = !m_raw.empty() && (m_raw.back() == '\n' || m_raw.back() == '\r');
  uint64_t spans = m_line - rec.line + (broke ? 0 : 1);
  if (spans > 1)
    throw InputError(m_in.path() + ":" + std::to_string(rec.line) + ": the header runs over "
                     + std::to_string(spans)
                     + " lines: a quoted header that holds line breaks (or a quote that closes "
                       "lines later) is not a header");
  m_header = std::move(rec.values);
}

bool
RecordReader::more()
{
  if (m_eof)
    return false;
  // Drop consumed text before reading on, so memory stays at about one chunk.
  if (m_start > (1u << 20)) {
    m_buf.erase(0, m_start);
    m_pos -= m_start;
    m_line_start -= m_start;
    m_start = 0;
  }
  size_t before = m_buf.size();
  while (m_buf.size() == before) {
    if (!m_in.read(m_buf)) {
      m_eof = true;
      return m_buf.size() > before;
    }
  }
  return true;
}

char
RecordReader::peek()
{
  if (m_pos >= m_buf.size() && !more())
    return '\0';
  return m_buf[m_pos];
}

void
RecordReader::new_line()
{
  ++m_line;
  m_line_start = m_pos;
}

bool
RecordReader::next(Record& rec)
{
  for (;;) {
    bool got = m_format == Format::jsonl  ? next_json(rec)
               : m_format == Format::csv ? next_delimited(rec, ',')
                                          : next_delimited(rec, '\t');
    if (!got)
      return false;
    if (m_format == Format::jsonl)
      return true;
    if (rec.values.size() == 1 && rec.values[0].empty() && !m_first_quoted && rec.error.empty())
      continue; // a blank line
    check_bytes(rec, m_format == Format::csv ? ',' : '\t');
    if (rec.values.size() != m_header.size()) {
      size_t n = rec.values.size();
      // Trailing empty fields (a trailing separator) are harmless.
      while (n > m_header.size() && rec.values[n - 1].empty())
        --n;
      if (n != m_header.size() && rec.error.empty()) {
        rec.error = "the row has " + std::to_string(rec.values.size()) + " fields, the header "
                    + std::to_string(m_header.size());
        rec.error_line = rec.error_col = 0;
        rec.error_field = Record::npos;
      }
      rec.misaligned = n != m_header.size();
      rec.values.resize(m_header.size());
    }
    rec.present.assign(rec.values.size(), true);
    return true;
  }
}

bool
RecordReader::read_quoted(Record& rec, std::string& f)
{
  ++m_pos; // the opening quote
  for (;;) {
    if (m_pos >= m_buf.size() && !more()) {
      if (rec.error.empty()) { // an undoubled quote before it came first
        rec.error = "a quoted field that starts on line " + std::to_string(rec.line) + " never ends";
        m_error_at = m_pos - m_start;
      }
      return false;
    }
    // Copy up to the next quote or line break in one go.
    const char* p = m_buf.data() + m_pos;
    const char* end = m_buf.data() + m_buf.size();
    const char* q = p;
    while (q < end && *q != '"' && *q != '\n' && *q != '\r')
      ++q;
    f.append(p, size_t(q - p));
    m_pos = size_t(q - m_buf.data());
    if (q == end)
      continue;
    char c = m_buf[m_pos++];
    if (c == '"') {
      if (peek() == '"') {
        f += '"';
        ++m_pos;
        continue;
      }
      return true;
    }
    f += c;
    // LF, CRLF and a lone CR each end a physical line.
    if (c == '\r' && peek() == '\n') {
      f += '\n';
      ++m_pos;
    }
    new_line();
  }
}

bool
RecordReader::next_delimited(Record& rec, char sep)
{
  if (m_pos >= m_buf.size() && !more())
    return false;
  rec.line = m_line;
  rec.error.clear();
  rec.error_line = rec.error_col = 0;
  rec.error_field = Record::npos;
  rec.misaligned = false;
  rec.columns.clear();
  m_first_quoted = false;
  size_t nfields = 0;
  m_start = m_pos;
  bool quoting = sep == ',';
  auto finish = [&] {
    rec.values.resize(nfields);
    m_raw.assign(m_buf, m_start, m_pos - m_start);
    return true;
  };
  for (;;) {
    if (nfields == rec.values.size())
      rec.values.emplace_back();
    std::string& f = rec.values[nfields++];
    f.clear();
    if (quoting && peek() == '"') {
      m_first_quoted = m_first_quoted || nfields == 1;
      if (!read_quoted(rec, f))
        return finish();
      char c = peek();
      if (c != sep && c != '\n' && c != '\r' && m_pos < m_buf.size() && rec.error.empty()) {
        // 1,"a " b",3: the quote before ` b` was meant as text. Guessing
        // where the field ends would silently change the value.
        rec.error = "a quote inside a quoted field must be doubled (\"\"): text follows the "
                    "closing quote";
        rec.error_line = m_line;
        rec.error_col = util::count_code_points(
                          std::string_view(m_buf).substr(m_line_start, m_pos - m_line_start));
        rec.error_field = nfields - 1;
        m_error_at = m_pos - m_start;
      }
    }
    // Unquoted text (or, after an error, the rest of the field).
    for (;;) {
      if (m_pos >= m_buf.size() && !more())
        return finish();
      size_t start = m_pos;
      const char* p = m_buf.data() + m_pos;
      const char* end = m_buf.data() + m_buf.size();
      while (p < end && *p != sep && *p != '\n' && *p != '\r')
        ++p;
      m_pos = size_t(p - m_buf.data());
      f.append(m_buf, start, m_pos - start);
      if (m_pos < m_buf.size())
        break;
    }
    char c = m_buf[m_pos++];
    if (c == sep)
      continue;
    if (c == '\r' && peek() == '\n')
      ++m_pos;
    new_line();
    return finish();
  }
}

void
RecordReader::check_bytes(Record& rec, char sep)
{
  std::string_view raw(m_raw);
  size_t nul = raw.find('\0');
  size_t bom = raw.find(kBom);
  size_t at = std::min(nul, bom);
  // The first problem in reading order counts, as in the scanner of duty rates:
  // a quote error before the byte stays; a quoted field that never ends is
  // found at the end, after any byte inside it.
  if (at == std::string_view::npos || (!rec.error.empty() && m_error_at <= at))
    return;
  rec.error = at == nul ? "a NUL byte in the text (a binary file, or a damaged export?)"
                        : "a byte-order mark (U+FEFF) inside the text (two exports joined "
                          "together?)";
  locate(rec, at, sep);
}

void
RecordReader::locate(Record& rec, size_t offset, char sep) const
{
  // Walk the raw record as the tokenizer did, for the line, the column and the field.
  std::string_view raw(m_raw);
  uint64_t line = rec.line;
  size_t line_start = 0, field = 0;
  bool in_quotes = false, field_start = true;
  for (size_t i = 0; i < offset; ++i) {
    char c = raw[i];
    if (c == '\n' || (c == '\r' && (i + 1 >= raw.size() || raw[i + 1] != '\n'))) {
      ++line;
      line_start = i + 1;
    }
    if (sep == ',' && c == '"') {
      if (field_start)
        in_quotes = true;
      else if (in_quotes && i + 1 < raw.size() && raw[i + 1] == '"')
        ++i;
      else
        in_quotes = false;
    } else if (c == sep && !in_quotes) {
      ++field;
      field_start = true;
      continue;
    }
    field_start = false;
  }
  rec.error_line = line;
  rec.error_col = util::count_code_points(raw.substr(line_start, offset - line_start)) + 1;
  rec.error_field = field;
}

bool
RecordReader::next_json(Record& rec)
{
  for (;;) {
    if (m_pos >= m_buf.size() && !more())
      return false;
    size_t nl;
    m_start = m_pos;
    while ((nl = m_buf.find('\n', m_pos)) == std::string::npos && more()) {
    }
    size_t end = nl == std::string::npos ? m_buf.size() : nl;
    std::string_view line(m_buf.data() + m_pos, end - m_pos);
    rec.line = m_line++;
    m_pos = nl == std::string::npos ? m_buf.size() : nl + 1;
    m_start = m_pos;
    m_line_start = m_pos;
    if (line.ends_with('\r'))
      line.remove_suffix(1);
    if (util::trim(line).empty())
      continue;
    m_raw.assign(line);
    // Clear what the last record set: a row costs its own keys, not the header's.
    for (size_t c : rec.columns)
      if (c < rec.values.size()) {
        rec.values[c].clear();
        rec.present[c] = false;
      }
    rec.columns.clear();
    rec.values.resize(m_header.size());
    rec.present.resize(m_header.size(), false);
    rec.error.clear();
    rec.error_line = rec.error_col = 0;
    rec.error_field = Record::npos;
    rec.misaligned = false;
    if (size_t nul = line.find('\0'); nul != std::string_view::npos) {
      rec.error = "a NUL byte in the text";
      rec.error_line = rec.line;
      rec.error_col = util::count_code_points(line.substr(0, nul)) + 1;
      return true;
    }
    std::vector<std::pair<std::string, std::string>> fields;
    std::string error = parse_json_object(line, fields);
    if (!error.empty()) {
      rec.error = error;
      return true;
    }
    for (auto& [k, v] : fields) {
      auto [it, added] = m_key_column.try_emplace(k, m_header.size());
      size_t col = it->second;
      if (added) {
        m_header.push_back(k);
        rec.values.emplace_back();
        rec.present.push_back(false);
      }
      if (rec.present[col])
        continue; // a repeated key: the first one counts
      if (rec.error.empty() && (v.find('\0') != std::string::npos || v.find(kBom) != std::string::npos)) {
        rec.error = v.find('\0') != std::string::npos ? "a NUL character (\\u0000) in the value"
                                                      : "a byte-order mark (U+FEFF) in the value";
        rec.error_field = col;
      }
      rec.values[col] = std::move(v);
      rec.present[col] = true;
      rec.columns.push_back(col);
    }
    return true;
  }
}

} // namespace duty::cases
