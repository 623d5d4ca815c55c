#include "cases/records.hpp"

#include "cases/json_line.hpp"
#include "util/text.hpp"

#include <string>

namespace duty::cases {

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
  if (m_format != Format::jsonl) {
    Record rec;
    bool got;
    do {
      got = m_format == Format::csv ? next_delimited(rec, ',') : next_delimited(rec, '\t');
    } while (got && rec.values.size() == 1 && util::trim(rec.values[0]).empty());
    if (got)
      m_header = rec.values;
  }
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

bool
RecordReader::next(Record& rec)
{
  rec.error.clear();
  for (;;) {
    bool got = m_format == Format::jsonl  ? next_json(rec)
               : m_format == Format::csv ? next_delimited(rec, ',')
                                          : next_delimited(rec, '\t');
    if (!got)
      return false;
    if (m_format == Format::jsonl)
      return true;
    if (rec.values.size() == 1 && rec.values[0].empty() && rec.error.empty())
      continue; // a blank line
    if (rec.error.empty() && rec.values.size() != m_header.size()) {
      size_t n = rec.values.size();
      // Trailing empty fields (a trailing separator) are harmless.
      while (n > m_header.size() && rec.values[n - 1].empty())
        --n;
      if (n != m_header.size())
        rec.error = "the row has " + std::to_string(rec.values.size()) + " fields, the header "
                    + std::to_string(m_header.size());
      rec.values.resize(m_header.size());
    }
    rec.present.assign(rec.values.size(), true);
    return true;
  }
}

bool
RecordReader::next_delimited(Record& rec, char sep)
{
  if (m_pos >= m_buf.size() && !more())
    return false;
  rec.line = m_line;
  size_t nfields = 0;
  auto field = [&]() -> std::string& {
    if (nfields == rec.values.size())
      rec.values.emplace_back();
    std::string& f = rec.values[nfields++];
    f.clear();
    return f;
  };
  m_start = m_pos;
  bool quoting = sep == ',';
  for (;;) {
    std::string& f = field();
    bool quoted = false;
    if (quoting && (m_pos < m_buf.size() || more()) && m_buf[m_pos] == '"') {
      quoted = true;
      ++m_pos;
      for (;;) {
        if (m_pos >= m_buf.size() && !more()) {
          rec.error = "a quoted field that starts on line " + std::to_string(rec.line)
                      + " never ends";
          rec.values.resize(nfields);
          m_raw.assign(m_buf, m_start, m_pos - m_start);
          return true;
        }
        char c = m_buf[m_pos++];
        if (c == '"') {
          if (m_pos >= m_buf.size())
            more();
          if (m_pos < m_buf.size() && m_buf[m_pos] == '"') {
            f += '"';
            ++m_pos;
            continue;
          }
          break;
        }
        if (c == '\n')
          ++m_line;
        f += c;
      }
    }
    // Unquoted text (or text after a closing quote, kept as is: exports are not always tidy).
    for (;;) {
      if (m_pos >= m_buf.size() && !more()) {
        rec.values.resize(nfields);
        m_raw.assign(m_buf, m_start, m_pos - m_start);
        return true;
      }
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
    (void)quoted;
    char c = m_buf[m_pos++];
    if (c == sep)
      continue;
    if (c == '\r') {
      if (m_pos >= m_buf.size())
        more();
      if (m_pos < m_buf.size() && m_buf[m_pos] == '\n')
        ++m_pos;
    }
    ++m_line;
    rec.values.resize(nfields);
    m_raw.assign(m_buf, m_start, m_pos - m_start);
    return true;
  }
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
    if (line.ends_with('\r'))
      line.remove_suffix(1);
    if (util::trim(line).empty())
      continue;
    m_raw.assign(line);
    rec.values.assign(m_header.size(), std::string());
    rec.present.assign(m_header.size(), false);
    std::vector<std::pair<std::string, std::string>> fields;
    std::string error = parse_json_object(line, fields);
    if (!error.empty()) {
      rec.error = error;
      return true;
    }
    for (auto& [k, v] : fields) {
      size_t col = 0;
      while (col < m_header.size() && m_header[col] != k)
        ++col;
      if (col == m_header.size()) {
        m_header.push_back(k);
        rec.values.emplace_back();
        rec.present.push_back(false);
      }
      rec.values[col] = std::move(v);
      rec.present[col] = true;
    }
    return true;
  }
}

} // namespace duty::cases
