#include "lists/yaml_edit.hpp"

#include <algorithm>

namespace duty::lists {

size_t
OffsetMap::original(size_t edited) const
{
  auto it = std::upper_bound(m_spans.begin(), m_spans.end(), edited,
                             [](size_t x, const Span& s) { return x < s.edited; });
  if (it == m_spans.begin())
    return edited;
  --it;
  return it->copied ? it->original + (edited - it->edited) : it->original;
}

std::string
apply_edits(std::string_view text, const std::vector<TextEdit>& edits, OffsetMap& map)
{
  std::string out;
  out.reserve(text.size() + 64);
  map.m_spans.clear();
  size_t at = 0;
  for (const auto& e : edits) {
    map.m_spans.push_back({out.size(), at, true});
    out.append(text.substr(at, e.begin - at));
    map.m_spans.push_back({out.size(), e.begin, false});
    out += e.text;
    at = e.end;
  }
  map.m_spans.push_back({out.size(), at, true});
  out.append(text.substr(at));
  return out;
}

namespace {

bool
is_white(char c)
{
  return c == ' ' || c == '\t';
}

// Splits at line breaks (LF, CRLF or CR).
std::vector<std::string_view>
split_lines(std::string_view s)
{
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\n' && s[i] != '\r')
      continue;
    lines.push_back(s.substr(start, i - start));
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n')
      ++i;
    start = i + 1;
  }
  lines.push_back(s.substr(start));
  return lines;
}

std::string_view
strip_leading(std::string_view s)
{
  while (!s.empty() && is_white(s.front()))
    s.remove_prefix(1);
  return s;
}

// Strips trailing white space, except a space or tab that a backslash escapes.
std::string_view
strip_trailing(std::string_view s, bool escapes)
{
  while (!s.empty() && is_white(s.back())) {
    if (escapes) {
      size_t slashes = 0;
      for (size_t i = s.size() - 1; i > 0 && s[i - 1] == '\\'; --i)
        ++slashes;
      if (slashes % 2 == 1)
        break;
    }
    s.remove_suffix(1);
  }
  return s;
}

// Whether a double-quoted line ends in an escaped line break (an odd run of backslashes).
bool
escaped_break(std::string_view line)
{
  size_t slashes = 0;
  for (size_t i = line.size(); i > 0 && line[i - 1] == '\\'; --i)
    ++slashes;
  return slashes % 2 == 1;
}

// Content of a plain or single-quoted line, escaped for double quotes.
void
append_escaped(std::string& out, std::string_view s, char style)
{
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (style == '\'' && c == '\'' && i + 1 < s.size() && s[i + 1] == '\'')
      ++i;
    else if (c == '\\' || c == '"')
      out += '\\';
    out += c;
  }
}

} // namespace

std::string
requote_flow_scalar(std::string_view raw, char style)
{
  std::string_view body = raw;
  if (style != 0 && body.size() >= 2)
    body = body.substr(1, body.size() - 2);
  bool escapes = style == '"';
  auto put = [&](std::string& out, std::string_view s) {
    if (escapes)
      out += s;
    else
      append_escaped(out, s, style);
  };
  std::vector<std::string_view> lines = split_lines(body);
  std::string out = "\"";
  size_t last = lines.size() - 1;
  for (size_t i = 0; i <= last;) {
    std::string_view line = lines[i];
    if (i > 0)
      line = strip_leading(line);
    bool joined = false;
    if (i < last) {
      if (escapes && escaped_break(line)) {
        line.remove_suffix(1);
        joined = true;
      } else {
        line = strip_trailing(line, escapes);
      }
    }
    put(out, line);
    if (i == last)
      break;
    size_t next = i + 1, empty = 0;
    while (next < last && strip_leading(lines[next]).empty()) {
      ++empty;
      ++next;
    }
    if (empty == 0 && !joined)
      out += ' ';
    for (size_t k = 0; k < empty; ++k)
      out += "\\n";
    i = next;
  }
  out += '"';
  return out;
}

} // namespace duty::lists
