#include "util/json.hpp"

#include "util/text.hpp"

#include <cmath>
#include <fmt/format.h>

namespace duty::util {

namespace {

void
append_escaped_ascii(std::string& out, unsigned char c)
{
  switch (c) {
  case '"': out += "\\\""; break;
  case '\\': out += "\\\\"; break;
  case '\n': out += "\\n"; break;
  case '\r': out += "\\r"; break;
  case '\t': out += "\\t"; break;
  default: out += fmt::format("\\u{:04x}", c);
  }
}

} // namespace

void
append_json_string(std::string& out, std::string_view s)
{
  out += '"';
  // Valid UTF-8 (the usual case): copy runs between the characters to escape.
  if (util::find_invalid_utf8(s) == std::string_view::npos) {
    size_t run = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c < 0x20 || c == '"' || c == '\\' || c == 0x7F) {
        out.append(s.substr(run, i - run));
        append_escaped_ascii(out, c);
        run = i + 1;
      }
    }
    out.append(s.substr(run));
    out += '"';
    return;
  }
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t start = i;
      char32_t cp = util::decode_utf8(s, i);
      if (cp == 0xFFFD && s.substr(start, i - start) != "\xEF\xBF\xBD")
        out += "\\ufffd";
      else
        out.append(s.substr(start, i - start));
      continue;
    }
    ++i;
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default:
      if (c < 0x20 || c == 0x7F)
        out += fmt::format("\\u{:04x}", c);
      else
        out += static_cast<char>(c);
    }
  }
  out += '"';
}

void
JsonWriter::comma()
{
  if (m_after_key) {
    m_after_key = false;
    return;
  }
  if (!m_first.empty()) {
    if (!m_first.back())
      m_out += ',';
    m_first.back() = false;
    newline(m_first.size());
  }
}

void
JsonWriter::newline(size_t depth)
{
  if (m_indent > 0) {
    m_out += '\n';
    m_out.append(depth * static_cast<size_t>(m_indent), ' ');
  }
}

void
JsonWriter::close(char c)
{
  bool empty = m_first.back();
  m_first.pop_back();
  if (!empty)
    newline(m_first.size());
  m_out += c;
}

JsonWriter&
JsonWriter::begin_object()
{
  comma();
  m_out += '{';
  m_first.push_back(true);
  return *this;
}

JsonWriter&
JsonWriter::end_object()
{
  close('}');
  return *this;
}

JsonWriter&
JsonWriter::begin_array()
{
  comma();
  m_out += '[';
  m_first.push_back(true);
  return *this;
}

JsonWriter&
JsonWriter::end_array()
{
  close(']');
  return *this;
}

JsonWriter&
JsonWriter::key(std::string_view k)
{
  comma();
  append_json_string(m_out, k);
  m_out += m_indent > 0 ? ": " : ":";
  m_after_key = true;
  return *this;
}

JsonWriter&
JsonWriter::value(std::string_view v)
{
  comma();
  append_json_string(m_out, v);
  return *this;
}

JsonWriter&
JsonWriter::value(int64_t v)
{
  comma();
  m_out += std::to_string(v);
  return *this;
}

JsonWriter&
JsonWriter::value(double v)
{
  comma();
  if (std::isfinite(v))
    m_out += fmt::format("{}", v);
  else
    m_out += "null";
  return *this;
}

JsonWriter&
JsonWriter::value(bool v)
{
  comma();
  m_out += v ? "true" : "false";
  return *this;
}

JsonWriter&
JsonWriter::null()
{
  comma();
  m_out += "null";
  return *this;
}

JsonWriter&
JsonWriter::raw(std::string_view json)
{
  comma();
  m_out += json;
  return *this;
}

} // namespace duty::util
