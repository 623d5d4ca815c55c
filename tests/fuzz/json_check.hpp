#pragma once

// A strict JSON (RFC 8259) recogniser for the fuzz targets' invariants: the
// json and sarif formats must always produce one valid JSON value.
#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>

namespace duty::fuzz {

class JsonCheck
{
public:
  // True when `s` is exactly one JSON value (surrounding white space allowed)
  // in valid UTF-8; otherwise `why` says where it goes wrong.
  static bool
  valid(std::string_view s, std::string& why)
  {
    JsonCheck c(s);
    if (c.value(0) && (c.skip(), c.m_at == s.size()))
      return true;
    why = "invalid JSON at byte " + std::to_string(c.m_at) + ": " + c.m_why;
    return false;
  }

private:
  explicit JsonCheck(std::string_view s) : m_s(s) {}

  bool
  fail(const char* why)
  {
    if (m_why.empty())
      m_why = why;
    return false;
  }
  char
  peek() const
  {
    return m_at < m_s.size() ? m_s[m_at] : '\0';
  }
  void
  skip()
  {
    while (m_at < m_s.size() &&
           (m_s[m_at] == ' ' || m_s[m_at] == '\t' || m_s[m_at] == '\n' || m_s[m_at] == '\r'))
      ++m_at;
  }
  bool
  literal(std::string_view word)
  {
    if (m_s.substr(m_at, word.size()) != word)
      return fail("bad literal");
    m_at += word.size();
    return true;
  }
  bool
  value(int depth)
  {
    if (depth > 512)
      return fail("nesting too deep");
    skip();
    switch (peek()) {
    case '{': return object(depth);
    case '[': return array(depth);
    case '"': return string();
    case 't': return literal("true");
    case 'f': return literal("false");
    case 'n': return literal("null");
    default: return number();
    }
  }
  bool
  object(int depth)
  {
    ++m_at;
    skip();
    if (peek() == '}')
      return ++m_at, true;
    for (;;) {
      skip();
      if (peek() != '"' || !string())
        return fail("expected a string key");
      skip();
      if (peek() != ':')
        return fail("expected ':'");
      ++m_at;
      if (!value(depth + 1))
        return false;
      skip();
      if (peek() == ',') {
        ++m_at;
        continue;
      }
      if (peek() == '}')
        return ++m_at, true;
      return fail("expected ',' or '}'");
    }
  }
  bool
  array(int depth)
  {
    ++m_at;
    skip();
    if (peek() == ']')
      return ++m_at, true;
    for (;;) {
      if (!value(depth + 1))
        return false;
      skip();
      if (peek() == ',') {
        ++m_at;
        continue;
      }
      if (peek() == ']')
        return ++m_at, true;
      return fail("expected ',' or ']'");
    }
  }
  bool
  string()
  {
    ++m_at;
    while (m_at < m_s.size()) {
      auto c = static_cast<unsigned char>(m_s[m_at]);
      if (c == '"')
        return ++m_at, true;
      if (c < 0x20)
        return fail("raw control character in a string");
      if (c == '\\') {
        char e = m_at + 1 < m_s.size() ? m_s[m_at + 1] : '\0';
        if (e == 'u') {
          for (size_t k = 2; k < 6; ++k)
            if (m_at + k >= m_s.size() || !std::isxdigit(static_cast<unsigned char>(m_s[m_at + k])))
              return fail("bad \\u escape");
          m_at += 6;
          continue;
        }
        if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos || e == '\0')
          return fail("bad escape");
        m_at += 2;
        continue;
      }
      if (c < 0x80) {
        ++m_at;
        continue;
      }
      size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
      if (n == 0 || c > 0xF4 || m_at + n > m_s.size())
        return fail("invalid UTF-8");
      for (size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(m_s[m_at + k]) & 0xC0) != 0x80)
          return fail("invalid UTF-8");
      m_at += n;
    }
    return fail("unterminated string");
  }
  bool
  number()
  {
    size_t start = m_at;
    if (peek() == '-')
      ++m_at;
    if (peek() == '0')
      ++m_at;
    else if (peek() >= '1' && peek() <= '9')
      while (std::isdigit(static_cast<unsigned char>(peek())))
        ++m_at;
    else
      return fail("expected a value");
    if (peek() == '.') {
      ++m_at;
      if (!std::isdigit(static_cast<unsigned char>(peek())))
        return fail("bad number");
      while (std::isdigit(static_cast<unsigned char>(peek())))
        ++m_at;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++m_at;
      if (peek() == '+' || peek() == '-')
        ++m_at;
      if (!std::isdigit(static_cast<unsigned char>(peek())))
        return fail("bad exponent");
      while (std::isdigit(static_cast<unsigned char>(peek())))
        ++m_at;
    }
    return m_at > start;
  }

  std::string_view m_s;
  size_t m_at = 0;
  std::string m_why;
};

} // namespace duty::fuzz
