#include "cases/json_line.hpp"

#include "util/text.hpp"

namespace duty::cases {

namespace {

class Parser
{
public:
  explicit Parser(std::string_view s) : m_s(s) {}

  std::string object(std::vector<std::pair<std::string, std::string>>& out)
  {
    ws();
    if (!eat('{'))
      return fail("expected a JSON object");
    ws();
    if (eat('}'))
      return tail();
    for (;;) {
      ws();
      std::string key;
      if (peek() != '"' || !string(key))
        return fail("expected a quoted key");
      ws();
      if (!eat(':'))
        return fail("expected ':'");
      ws();
      std::string value;
      bool is_null = false;
      if (!any(value, is_null, 0))
        return fail("bad value for key " + util::quote(key));
      if (!is_null)
        out.emplace_back(std::move(key), std::move(value));
      ws();
      if (eat(','))
        continue;
      if (eat('}'))
        return tail();
      return fail("expected ',' or '}'");
    }
  }

private:
  std::string tail()
  {
    ws();
    return m_i == m_s.size() ? std::string() : fail("text after the object");
  }
  std::string fail(const std::string& what)
  {
    if (m_error.empty())
      m_error = "invalid JSON at byte " + std::to_string(m_i + 1) + ": " + what;
    return m_error;
  }
  char peek() const { return m_i < m_s.size() ? m_s[m_i] : '\0'; }
  bool eat(char c)
  {
    if (peek() != c)
      return false;
    ++m_i;
    return true;
  }
  void ws()
  {
    while (m_i < m_s.size()
           && (m_s[m_i] == ' ' || m_s[m_i] == '\t' || m_s[m_i] == '\r' || m_s[m_i] == '\n'))
      ++m_i;
  }
  static int hex(char c)
  {
    if (c >= '0' && c <= '9')
      return c - '0';
    if (c >= 'a' && c <= 'f')
      return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
      return c - 'A' + 10;
    return -1;
  }
  bool hex4(uint32_t& v)
  {
    if (m_i + 4 > m_s.size())
      return false;
    v = 0;
    for (int k = 0; k < 4; ++k) {
      int h = hex(m_s[m_i++]);
      if (h < 0)
        return false;
      v = v * 16 + uint32_t(h);
    }
    return true;
  }
  bool string(std::string& out)
  {
    ++m_i; // opening quote
    while (m_i < m_s.size()) {
      char c = m_s[m_i++];
      if (c == '"')
        return true;
      if (static_cast<unsigned char>(c) < 0x20)
        return false;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (m_i >= m_s.size())
        return false;
      char e = m_s[m_i++];
      switch (e) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        uint32_t cp;
        if (!hex4(cp))
          return false;
        if (cp >= 0xD800 && cp < 0xDC00 && m_s.substr(m_i, 2) == "\\u") {
          m_i += 2;
          uint32_t lo;
          if (!hex4(lo) || lo < 0xDC00 || lo > 0xDFFF)
            return false;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        } else if (cp >= 0xD800 && cp <= 0xDFFF) {
          cp = 0xFFFD;
        }
        util::append_utf8(out, cp);
        break;
      }
      default: return false;
      }
    }
    return false;
  }
  // Any value; nested containers are copied as their source text.
  bool any(std::string& out, bool& is_null, int depth)
  {
    if (depth > 64)
      return false;
    char c = peek();
    if (c == '"')
      return string(out);
    if (c == '{' || c == '[') {
      size_t start = m_i;
      char close = c == '{' ? '}' : ']';
      ++m_i;
      ws();
      if (eat(close)) {
        out.assign(m_s.substr(start, m_i - start));
        return true;
      }
      for (;;) {
        ws();
        std::string ignored;
        bool n = false;
        if (c == '{') {
          if (peek() != '"' || !string(ignored))
            return false;
          ws();
          if (!eat(':'))
            return false;
          ws();
          ignored.clear();
        }
        if (!any(ignored, n, depth + 1))
          return false;
        ws();
        if (eat(','))
          continue;
        if (eat(close))
          break;
        return false;
      }
      out.assign(m_s.substr(start, m_i - start));
      return true;
    }
    size_t start = m_i;
    while (m_i < m_s.size() && m_s[m_i] != ',' && m_s[m_i] != '}' && m_s[m_i] != ']'
           && m_s[m_i] != ' ' && m_s[m_i] != '\t' && m_s[m_i] != '\r' && m_s[m_i] != '\n')
      ++m_i;
    std::string_view word = m_s.substr(start, m_i - start);
    if (word == "null") {
      is_null = true;
      return true;
    }
    if (word == "true" || word == "false") {
      out.assign(word);
      return true;
    }
    // A number: -?digits[.digits][e[+-]digits]
    size_t k = 0;
    if (k < word.size() && word[k] == '-')
      ++k;
    size_t digits = k;
    while (k < word.size() && word[k] >= '0' && word[k] <= '9')
      ++k;
    if (k == digits)
      return false;
    if (k < word.size() && word[k] == '.') {
      ++k;
      while (k < word.size() && word[k] >= '0' && word[k] <= '9')
        ++k;
    }
    if (k < word.size() && (word[k] == 'e' || word[k] == 'E')) {
      ++k;
      if (k < word.size() && (word[k] == '+' || word[k] == '-'))
        ++k;
      while (k < word.size() && word[k] >= '0' && word[k] <= '9')
        ++k;
    }
    if (k != word.size())
      return false;
    out.assign(word);
    return true;
  }

  std::string_view m_s;
  size_t m_i = 0;
  std::string m_error;
};

} // namespace

std::string
parse_json_object(std::string_view text, std::vector<std::pair<std::string, std::string>>& out)
{
  out.clear();
  Parser p(text);
  return p.object(out);
}

} // namespace duty::cases
