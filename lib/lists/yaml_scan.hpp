#pragma once

#include "lists/yaml.hpp"
#include "lists/yaml_edit.hpp"

#include <string>
#include <string_view>
#include <vector>

// The token-level half of the YAML syntax checker (see yaml_syntax.hpp):
// scalars of every style, flow collections, comments and line bookkeeping.
namespace duty::lists::yaml_scan {

inline constexpr size_t npos = std::string_view::npos;

struct Failure
{
  size_t at;
  std::string message, hint;
};

// Thrown where the checker meets a construct it does not model.
struct Unsure
{
};

inline bool
is_white(char c)
{
  return c == ' ' || c == '\t';
}

inline bool
is_break(char c)
{
  return c == '\n' || c == '\r';
}

inline bool
is_flow_indicator(char c)
{
  return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

class Scanner
{
public:
  explicit Scanner(std::string_view text) : m_text(text) {}

  std::vector<TextEdit>
  take_edits()
  {
    return std::move(m_edits);
  }
  YamlProblem problem(const Failure& f) const;

protected:
  size_t
  size() const
  {
    return m_text.size();
  }
  char
  at(size_t i) const
  {
    return i < m_text.size() ? m_text[i] : '\0';
  }
  bool
  eol(size_t i) const
  {
    return i >= m_text.size() || is_break(m_text[i]);
  }
  bool
  blankz(size_t i) const
  {
    return eol(i) || is_white(m_text[i]);
  }
  // "---" or "..." at `i` followed by a blank.
  bool marker(size_t i, char c) const;
  // `c` at `i` followed by a blank: "- ", "? ", ": ".
  bool
  indicator(size_t i, char c) const
  {
    return at(i) == c && blankz(i + 1);
  }
  size_t count_spaces(size_t i) const;
  size_t skip_white(size_t i) const;
  size_t to_eol(size_t i) const;
  bool has_tab(size_t begin, size_t end) const;
  int
  col(size_t i) const
  {
    return static_cast<int>(i - m_line_start);
  }
  void
  line_starts_at(size_t i)
  {
    m_line_start = i;
  }
  // Past the line break at `i`; the next line becomes the current one.
  size_t next_line(size_t i);
  // The start of the line after the break at `i`, without moving.
  size_t after_break(size_t i) const;

  [[noreturn]] void fail(size_t at, std::string message, std::string hint = {}) const;
  void add_edit(size_t begin, size_t end, std::string text);

  // Rejects characters YAML does not allow in a stream (C0 and C1 controls, DEL).
  void check_characters() const;

  // Optional white space and comment, then the end of the line; returns the
  // start of the next line. `after` says what came before, for the message.
  size_t finish_line(size_t q, std::string_view after);

  bool plain_start(size_t q, bool flow) const;
  // The ':' of an implicit key starting at `q` on this line, or npos.
  size_t implicit_key(size_t q) const;
  size_t property(size_t q, bool flow) const;
  size_t alias(size_t q, bool flow) const;

  // A quoted scalar at `q`; continuation lines must be indented more than
  // `n`, the indentation of the enclosing block collection. Returns the
  // position after the closing quote.
  size_t quoted(size_t q, int n, bool flow);
  // Checks the character after a closing quote.
  size_t after_quoted(size_t q, bool flow) const;
  size_t plain_block(size_t q, int n);
  // A literal or folded scalar; returns the start of the first line after it.
  size_t block_scalar(size_t q, int n);
  // A flow collection; returns the position after its closing bracket.
  size_t flow(size_t q, int n);

  std::string_view m_text;
  size_t m_line_start = 0;
  std::vector<TextEdit> m_edits;

private:
  struct Frame;
  struct Piece
  {
    size_t begin, end;
    char style;   // 0 plain, '"' or '\'' quoted, ' ' white space holding a break or comment
    bool rewrite; // a scalar yaml-cpp cannot read as written
  };

  size_t flow_space(size_t q, int n, Frame& f);
  size_t plain_flow(size_t q, int n, Frame& f);
  void end_key(Frame& f, size_t at);
  std::string line_col(size_t at) const;  // "line L, column C"
  std::string line_name(size_t at) const; // "line L"

  std::vector<Piece> m_pieces; // flow-context scalars and line-spanning white space
};

} // namespace duty::lists::yaml_scan
