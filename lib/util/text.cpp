#include "util/text.hpp"

#include <fmt/format.h>

namespace duty::util {

namespace {

// Length of the UTF-8 sequence at s[i] if well-formed, else 0.
size_t
sequence_length(std::string_view s, size_t i)
{
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  auto cont = [&](size_t k) { return i + k < s.size() && (b(k) & 0xC0) == 0x80; };
  unsigned char c = b(0);
  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF)
    return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2))
      return 0;
    if (c == 0xE0 && b(1) < 0xA0)
      return 0; // overlong
    if (c == 0xED && b(1) >= 0xA0)
      return 0; // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3))
      return 0;
    if (c == 0xF0 && b(1) < 0x90)
      return 0;
    if (c == 0xF4 && b(1) >= 0x90)
      return 0;
    return 4;
  }
  return 0;
}

bool
is_wide(char32_t c)
{
  return (c >= 0x1100 && c <= 0x115F) || c == 0x2329 || c == 0x232A ||
         (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) || (c >= 0xAC00 && c <= 0xD7A3) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE10 && c <= 0xFE19) ||
         (c >= 0xFE30 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
         (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x2FFFD) ||
         (c >= 0x30000 && c <= 0x3FFFD);
}

bool
is_zero_width(char32_t c)
{
  return (c >= 0x0300 && c <= 0x036F) || c == 0x200B || c == 0x200D || c == 0xFEFF ||
         (c >= 0xFE00 && c <= 0xFE0F);
}

} // namespace

size_t
find_invalid_utf8(std::string_view s)
{
  size_t i = 0;
  while (i < s.size()) {
    // Fast path over ASCII runs.
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t n = sequence_length(s, i);
    if (n == 0)
      return i;
    i += n;
  }
  return std::string_view::npos;
}

char32_t
decode_utf8(std::string_view s, size_t& i)
{
  size_t n = sequence_length(s, i);
  auto b = [&](size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k])); };
  char32_t cp;
  switch (n) {
  case 1: cp = b(0); break;
  case 2: cp = ((b(0) & 0x1F) << 6) | (b(1) & 0x3F); break;
  case 3: cp = ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F); break;
  case 4:
    cp = ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    break;
  default: cp = 0xFFFD; n = 1; break;
  }
  i += n;
  return cp;
}

void
append_utf8(std::string& out, char32_t cp)
{
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

size_t
count_code_points(std::string_view s)
{
  size_t n = 0;
  for (unsigned char c : s)
    n += (c & 0xC0) != 0x80;
  return n;
}

size_t
display_width(std::string_view s)
{
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t c = decode_utf8(s, i);
    w += is_zero_width(c) ? 0 : is_wide(c) ? 2 : 1;
  }
  return w;
}

std::string
pad_right(std::string_view s, size_t width)
{
  std::string out(s);
  size_t w = display_width(s);
  if (w < width)
    out.append(width - w, ' ');
  return out;
}

std::string_view
trim(std::string_view s)
{
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  if (!s.empty() && !space(s.front()) && !space(s.back()))
    return s; // the common case, without a search
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos)
    return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::vector<std::string_view>
split(std::string_view s, char sep)
{
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos)
      return out;
    start = p + 1;
  }
}

std::vector<size_t>
line_starts(std::string_view text)
{
  std::vector<size_t> starts{0};
  for (size_t p = text.find('\n'); p != std::string_view::npos; p = text.find('\n', p + 1))
    starts.push_back(p + 1);
  return starts;
}

bool
is_terminal_control(char32_t c)
{
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F
         || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

namespace {

// Appends the code point decoded from `raw`, escaped when it is a control,
// a quote or backslash (when `quoting`), or a byte that is not UTF-8.
void
append_visible(std::string& out, char32_t c, std::string_view raw, bool quoting)
{
  if (quoting && (c == '"' || c == '\\')) {
    out += '\\';
    out += static_cast<char>(c);
  } else if (c == '\n') {
    out += "\\n";
  } else if (c == '\t') {
    out += "\\t";
  } else if (c < 0x20 || c == 0x7F) {
    out += fmt::format("\\x{:02x}", static_cast<unsigned>(c));
  } else if (c == 0xFFFD && raw != "\xEF\xBF\xBD") {
    out += fmt::format("\\x{:02x}", static_cast<unsigned char>(raw[0]));
  } else if (is_terminal_control(c)) {
    out += fmt::format("\\u{{{:x}}}", static_cast<unsigned>(c));
  } else {
    out.append(raw);
  }
}

} // namespace

std::string
terminal_safe(std::string_view s)
{
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    // Fast path: printable ASCII.
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b >= 0x20 && b < 0x7F) {
      out += static_cast<char>(b);
      ++i;
      continue;
    }
    size_t start = i;
    char32_t c = decode_utf8(s, i);
    append_visible(out, c, s.substr(start, i - start), false);
  }
  return out;
}

std::string
terminal_safe_lines(std::string_view s)
{
  std::string out;
  auto lines = split(s, '\n');
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i)
      out += '\n';
    out += terminal_safe(lines[i]);
  }
  return out;
}

std::string
xml_escape(std::string_view s)
{
  std::string out;
  for (char ch : terminal_safe(s)) {
    switch (ch) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += ch;
    }
  }
  return out;
}

std::string
quote(std::string_view s, size_t max_chars)
{
  std::string out = "\"";
  size_t chars = 0;
  for (size_t i = 0; i < s.size();) {
    if (chars == max_chars) {
      out += fmt::format("…\" ({} more characters)", count_code_points(s.substr(i)));
      return out;
    }
    size_t start = i;
    char32_t c = decode_utf8(s, i);
    ++chars;
    append_visible(out, c, s.substr(start, i - start), true);
  }
  return out + "\"";
}

} // namespace duty::util
