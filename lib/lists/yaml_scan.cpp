#include "lists/yaml_scan.hpp"

#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace duty::lists::yaml_scan {

namespace {

bool
is_hex(char c)
{
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// The end (past the closing quote) of a quoted scalar that closes on its line; npos otherwise.
size_t
quoted_end_on_line(std::string_view s, size_t q)
{
  char qc = s[q];
  for (size_t i = q + 1; i < s.size() && !is_break(s[i]); ++i) {
    if (qc == '"' && s[i] == '\\') {
      ++i;
      continue;
    }
    if (s[i] == qc) {
      if (qc == '\'' && i + 1 < s.size() && s[i + 1] == '\'') {
        ++i;
        continue;
      }
      return i + 1;
    }
  }
  return npos;
}

// The end of a flow collection that closes on its line; npos otherwise.
size_t
flow_end_on_line(std::string_view s, size_t q)
{
  int depth = 0;
  for (size_t i = q; i < s.size() && !is_break(s[i]);) {
    char c = s[i];
    if (c == '"' || c == '\'') {
      size_t e = quoted_end_on_line(s, i);
      if (e == npos)
        return npos;
      i = e;
      continue;
    }
    if (c == '#' && i > 0 && is_white(s[i - 1]))
      return npos;
    if (c == '[' || c == '{')
      ++depth;
    else if ((c == ']' || c == '}') && --depth == 0)
      return i + 1;
    ++i;
  }
  return npos;
}

} // namespace

YamlProblem
Scanner::problem(const Failure& f) const
{
  YamlProblem p;
  size_t at = std::min(f.at, m_text.size());
  size_t nl = at == 0 ? npos : m_text.rfind('\n', at - 1);
  p.line =
      static_cast<uint32_t>(std::count(m_text.begin(), m_text.begin() + static_cast<long>(at), '\n') + 1);
  p.col = static_cast<uint32_t>(at - (nl == npos ? 0 : nl + 1) + 1);
  p.rule = "syntax";
  p.message = f.message;
  p.hint = f.hint;
  return p;
}

std::string
Scanner::line_col(size_t at) const
{
  YamlProblem p = problem(Failure{at, {}, {}});
  return fmt::format("line {}, column {}", p.line, p.col);
}

std::string
Scanner::line_name(size_t at) const
{
  return fmt::format("line {}", problem(Failure{at, {}, {}}).line);
}

bool
Scanner::marker(size_t i, char c) const
{
  return at(i) == c && at(i + 1) == c && at(i + 2) == c && blankz(i + 3);
}

size_t
Scanner::count_spaces(size_t i) const
{
  size_t k = 0;
  while (at(i + k) == ' ')
    ++k;
  return k;
}

size_t
Scanner::skip_white(size_t i) const
{
  while (i < size() && is_white(m_text[i]))
    ++i;
  return i;
}

size_t
Scanner::to_eol(size_t i) const
{
  while (!eol(i))
    ++i;
  return i;
}

bool
Scanner::has_tab(size_t begin, size_t end) const
{
  return m_text.substr(begin, end - begin).find('\t') != npos;
}

size_t
Scanner::after_break(size_t i) const
{
  if (at(i) == '\r' && at(i + 1) == '\n')
    return i + 2;
  return i + 1;
}

size_t
Scanner::next_line(size_t i)
{
  m_line_start = after_break(i);
  return m_line_start;
}

void
Scanner::fail(size_t at, std::string message, std::string hint) const
{
  throw Failure{at, std::move(message), std::move(hint)};
}

void
Scanner::add_edit(size_t begin, size_t end, std::string text)
{
  m_edits.push_back(TextEdit{begin, end, std::move(text)});
}

void
Scanner::check_characters() const
{
  for (size_t i = 0; i < m_text.size(); ++i) {
    auto c = static_cast<unsigned char>(m_text[i]);
    char32_t cp = 0;
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
      cp = c;
    else if (c == 0xC2 && i + 1 < m_text.size()) {
      auto d = static_cast<unsigned char>(m_text[i + 1]);
      if (d >= 0x80 && d <= 0x9F && d != 0x85)
        cp = d;
    } else if (c == 0xEF && m_text.substr(i, 2) == "\xEF\xBF" && i + 2 < m_text.size() &&
               (m_text[i + 2] == '\xBE' || m_text[i + 2] == '\xBF'))
      cp = m_text[i + 2] == '\xBE' ? 0xFFFE : 0xFFFF;
    if (cp)
      fail(i,
           fmt::format("control character U+{:04X} is not allowed in YAML text", static_cast<uint32_t>(cp)),
           "remove it; inside a double-quoted string it may be written as an escape such as \\x1B");
  }
}

size_t
Scanner::finish_line(size_t q, std::string_view after)
{
  size_t r = skip_white(q);
  if (at(r) == '#') {
    if (r > m_line_start && !is_white(m_text[r - 1]))
      fail(r, "a comment needs white space before '#'",
           "without it, '#' and the text after it are glued to what comes before; write \" #\"");
    r = to_eol(r);
  } else if (!eol(r)) {
    fail(r, after.empty() ? std::string("unexpected text") : fmt::format("unexpected text {}", after),
         "quote the whole value, or start a comment with \" #\"");
  }
  return r >= size() ? r : next_line(r);
}

bool
Scanner::plain_start(size_t q, bool flow) const
{
  char c = at(q);
  if (blankz(q))
    return false;
  switch (c) {
  case '-':
  case '?':
  case ':': return !blankz(q + 1) && !(flow && is_flow_indicator(at(q + 1)));
  case ',':
  case '[':
  case ']':
  case '{':
  case '}':
  case '#':
  case '&':
  case '*':
  case '!':
  case '|':
  case '>':
  case '\'':
  case '"':
  case '%':
  case '@':
  case '`': return false;
  default: return true;
  }
}

size_t
Scanner::implicit_key(size_t q) const
{
  size_t r = q;
  while (at(r) == '&' || at(r) == '!') {
    while (!blankz(r))
      ++r;
    r = skip_white(r);
    if (eol(r))
      return npos;
  }
  char c = at(r);
  if (r > q && c == ':' && blankz(r + 1))
    return r; // an empty key with an anchor or tag: "!!null : a"
  if (c == '"' || c == '\'' || c == '[' || c == '{' || c == '*') {
    if (c == '*')
      while (!blankz(r)) // an alias name may hold ':' ("*a: b" is the alias "a:")
        ++r;
    else
      r = (c == '"' || c == '\'') ? quoted_end_on_line(m_text, r) : flow_end_on_line(m_text, r);
    if (r == npos)
      return npos;
    r = skip_white(r);
    return at(r) == ':' && blankz(r + 1) ? r : npos;
  }
  if (!plain_start(r, false))
    return npos;
  for (; !eol(r); ++r) {
    if (at(r) == ':' && blankz(r + 1))
      return r;
    if (is_white(at(r)) && at(r + 1) == '#')
      return npos;
  }
  return npos;
}

size_t
Scanner::property(size_t q, bool flow) const
{
  size_t r = q + 1;
  if (at(q) == '!' && at(r) == '<') {
    while (!eol(r) && at(r) != '>')
      ++r;
    if (at(r) != '>')
      fail(q, "unterminated verbatim tag \"!<…>\"");
    return r + 1;
  }
  while (!blankz(r) && !(flow && is_flow_indicator(at(r))))
    ++r;
  if (at(q) == '&' && r == q + 1)
    fail(q, "an anchor needs a name after '&'");
  if (at(q) == '!')
    for (size_t i = q + 1; i < r; ++i)
      if (is_flow_indicator(at(i)))
        fail(i, fmt::format("'{}' cannot appear in a tag", at(i)), "a tag is written !name or !!type");
  return r;
}

size_t
Scanner::alias(size_t q, bool flow) const
{
  size_t r = q + 1;
  while (!blankz(r) && !(flow && is_flow_indicator(at(r))))
    ++r;
  if (r == q + 1)
    fail(q, "an alias needs a name after '*'", "write *name, where &name anchors a node above");
  return r;
}

size_t
Scanner::quoted(size_t q, int n, bool)
{
  char qc = m_text[q];
  size_t open = q++;
  const char* what = qc == '"' ? "double-quoted" : "single-quoted";
  std::string unterminated =
      fmt::format("unterminated {} string: the closing {} is missing", what, qc == '"' ? "'\"'" : "\"'\"");
  for (;;) {
    if (q >= size())
      fail(open, unterminated, "a quoted value ends with the quote it starts with");
    char c = m_text[q];
    if (c == qc) {
      if (qc == '\'' && at(q + 1) == '\'') {
        q += 2;
        continue;
      }
      return q + 1;
    }
    if (qc == '"' && c == '\\') {
      char e = at(q + 1);
      if (is_break(e) || q + 1 >= size()) {
        ++q;
        continue;
      }
      size_t hex = 0;
      switch (e) {
      case '0':
      case 'a':
      case 'b':
      case 't':
      case '\t':
      case 'n':
      case 'v':
      case 'f':
      case 'r':
      case 'e':
      case ' ':
      case '"':
      case '/':
      case '\\':
      case 'N':
      case '_':
      case 'L':
      case 'P': break;
      case 'x': hex = 2; break;
      case 'u': hex = 4; break;
      case 'U': hex = 8; break;
      default: {
        size_t i = q + 1;
        std::string ch;
        util::append_utf8(ch, util::decode_utf8(m_text, i));
        fail(q, fmt::format("invalid escape \"\\{}\" in a double-quoted string", ch),
             "the escapes are \\\\ \\\" \\/ \\n \\t \\r \\0 \\a \\b \\e \\f \\v \\N \\_ \\L \\P \\xXX "
             "\\uXXXX \\UXXXXXXXX; a single quote needs no escape inside double quotes");
      }
      }
      for (size_t k = 0; k < hex; ++k)
        if (!is_hex(at(q + 2 + k)))
          fail(q, fmt::format("\"\\{}\" needs {} hexadecimal digits", e, hex));
      q += 2 + hex;
      continue;
    }
    if (is_break(c)) {
      q = next_line(q);
      if (marker(q, '-') || marker(q, '.'))
        fail(open, fmt::format("{} before the document marker at {}", unterminated, line_col(q)),
             "a quoted value ends with the quote it starts with");
      size_t k = count_spaces(q), g = skip_white(q);
      if (eol(g)) {
        q = g;
        continue;
      }
      if (static_cast<int>(k) <= n) {
        if (at(q + k) == '\t')
          fail(q + k, "tab character in indentation",
               fmt::format("this line continues the {} string opened at {}; indent it with at least {} "
                           "space{} (a tab may follow them)",
                           what, line_col(open), n + 1, n == 0 ? "" : "s"));
        fail(open,
             fmt::format("the {} string opened here is not closed on its line, and {} is not "
                         "indented enough to continue it",
                         what, line_name(q)),
             "add the missing closing quote, or indent the continuation lines more than the key");
      }
      q = g;
      continue;
    }
    ++q;
  }
}

size_t
Scanner::after_quoted(size_t q, bool flow) const
{
  char c = at(q);
  if (blankz(q) || c == ':' || (flow && is_flow_indicator(c)))
    return q;
  if (c == '#')
    fail(q, "a comment needs white space before '#'",
         "without it, '#' and the text after it are glued to the quoted value; write \" #\"");
  fail(q, "text right after the closing quote",
       "a quoted value ends at its closing quote: quote the whole value, or separate what follows");
}

size_t
Scanner::plain_block(size_t q, int n)
{
  size_t start_line = m_line_start;
  for (;;) {
    for (; !eol(q); ++q) {
      char c = m_text[q];
      if (c == ':' && blankz(q + 1)) {
        if (m_line_start != start_line)
          fail(q,
               fmt::format("this line continues the value that starts on {} (it is indented more "
                           "than that value's key), and a value cannot contain \": \"",
                           line_name(start_line)),
               "align this line with the keys above it, or quote the value");
        fail(q, "a value cannot contain \": \" unquoted", "quote the value: key: \"a: b\"");
      }
      if (is_white(c) && at(q + 1) == '#')
        return q;
    }
    // Does a following line continue the scalar?
    size_t b = q, next = npos;
    while (b < size()) {
      size_t ls = after_break(b);
      size_t k = count_spaces(ls), g = skip_white(ls);
      if (g >= size())
        break;
      if (eol(g)) {
        b = g;
        continue;
      }
      if (static_cast<int>(k) > n && at(g) != '#' && !(k == 0 && (marker(ls, '-') || marker(ls, '.'))))
        next = ls;
      break;
    }
    if (next == npos)
      return q;
    line_starts_at(next);
    q = skip_white(next);
  }
}

size_t
Scanner::block_scalar(size_t q, int n)
{
  ++q;
  int explicit_indent = 0;
  bool chomp = false;
  for (int k = 0; k < 2; ++k) {
    char c = at(q);
    if (c >= '1' && c <= '9' && !explicit_indent)
      explicit_indent = c - '0';
    else if ((c == '+' || c == '-') && !chomp)
      chomp = true;
    else
      break;
    ++q;
  }
  size_t r = skip_white(q);
  if (at(r) == '#') {
    if (r == q)
      fail(r, "a comment needs white space before '#'",
           fmt::format("write \"{} # comment\"", m_text.substr(q - 1, 1)));
    r = to_eol(r);
  } else if (!eol(r)) {
    fail(r, "unexpected text after a block scalar indicator",
         "the text of a literal (|) or folded (>) value starts on the next line, indented; "
         "the indicator may carry only an indentation digit and a chomping sign (+ or -)");
  }
  if (r >= size())
    return r;
  size_t i = next_line(r);
  int m = explicit_indent ? (n >= 0 ? n + explicit_indent : explicit_indent) : -1;
  if (!explicit_indent) {
    size_t widest = 0, widest_at = npos;
    for (size_t j = i; j < size();) {
      size_t k = count_spaces(j);
      if (!eol(j + k)) {
        m = static_cast<int>(k);
        break;
      }
      if (k > widest) {
        widest = k;
        widest_at = j;
      }
      if (j + k >= size())
        break;
      j = after_break(j + k);
    }
    if (m > n && widest_at != npos && static_cast<int>(widest) > m)
      fail(widest_at,
           fmt::format("a leading empty line of this block scalar holds {} spaces, more than the {} "
                       "that indent its first line of text",
                       widest, m),
           "remove the trailing spaces from the empty lines at the start of the value");
    if (m <= n)
      m = n + 1;
  }
  bool zero = m == 0; // only a top-level block scalar: yaml-cpp reads such lines as a new document
  while (i < size()) {
    line_starts_at(i);
    size_t k = count_spaces(i);
    if (eol(i + k)) {
      if (i + k >= size())
        return i + k;
      i = next_line(i + k);
      continue;
    }
    if (static_cast<int>(k) < m && eol(skip_white(i + k)))
      fail(i + k, "tab character in the indentation of a block scalar",
           "a line inside or after a literal (|) or folded (>) value may hold only spaces before its text; "
           "remove the tab");
    if (static_cast<int>(k) < m || (zero && (marker(i, '-') || marker(i, '.'))))
      return i;
    if (zero)
      add_edit(i, i, " ");
    size_t e = to_eol(i + k);
    if (e >= size())
      return e;
    i = next_line(e);
  }
  return i;
}

} // namespace duty::lists::yaml_scan
