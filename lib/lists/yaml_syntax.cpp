#include "lists/yaml_syntax.hpp"

#include "lists/yaml_scan.hpp"

#include <fmt/format.h>

namespace duty::lists {

namespace {

using namespace yaml_scan;

// The line-oriented half of the checker: documents, block collections and
// their indentation. Scalars and flow collections are in yaml_scan.cpp.
class Checker : public Scanner
{
public:
  using Scanner::Scanner;

  void
  stream()
  {
    check_characters();
    size_t directive = npos;
    bool in_doc = false;
    size_t i = m_text.starts_with("\xEF\xBB\xBF") ? 3 : 0; // a byte-order mark is not content
    while (i < size()) {
      line_starts_at(i);
      size_t k = count_spaces(i);
      size_t f = skip_white(i);
      if (eol(f) || at(f) == '#') {
        blank_line(i, f);
        i = finish_line(f, "");
        continue;
      }
      if (k == 0 && (marker(i, '-') || marker(i, '.'))) {
        bool start = at(i) == '-';
        if (!start && directive != npos)
          directive_without_document(directive);
        directive = npos;
        in_doc = start;
        if (start)
          begin_document();
        i = start ? marker_line(i + 3) : finish_line(i + 3, "after the document end marker \"...\"");
        continue;
      }
      if (k == 0 && at(i) == '%') {
        if (in_doc)
          fail(i, "a directive inside a document",
               "directives come before \"---\"; end the document with \"...\" before a directive");
        if (directive == npos)
          directive = i;
        i = finish_line(to_eol(i), "");
        continue;
      }
      if (directive != npos)
        directive_without_document(directive);
      if (!in_doc) {
        in_doc = true;
        begin_document();
      }
      i = block_line(i, k, f);
    }
    if (directive != npos)
      directive_without_document(directive);
  }

private:
  struct Block
  {
    int indent;
    bool map;
    bool indentless; // a sequence at its parent mapping's indentation ("key:\n- a")
  };

  std::vector<Block> m_blocks;
  bool m_pending = false; // the last entry's node is still to come, on a later line

  int
  parent_indent() const
  {
    return m_blocks.back().indent;
  }

  void
  begin_document()
  {
    m_blocks.assign(1, Block{-1, false, false});
    m_pending = true;
  }

  [[noreturn]] void
  directive_without_document(size_t at)
  {
    fail(at, "a directive must be followed by a document that starts with \"---\"",
         "write \"---\" on the line after the directives, or remove them");
  }

  // yaml-cpp stops at a blank line that holds a tab; the line means nothing.
  void
  blank_line(size_t begin, size_t first)
  {
    if (eol(first) && first > begin && has_tab(begin, first))
      add_edit(begin, first, "");
  }

  // After "---": a node may share the line, but not a block collection.
  size_t
  marker_line(size_t i)
  {
    size_t q = skip_white(i);
    if (eol(q) || at(q) == '#')
      return finish_line(q, "");
    if (entry_indicator(q) || implicit_key(q) != npos)
      fail(q, "a mapping or list cannot start on the \"---\" line", "start it on the line after \"---\"");
    return node_and_rest(q);
  }

  // One line in block context; `k` spaces indent it, `first` is its first token.
  size_t
  block_line(size_t line, size_t k, size_t first)
  {
    int indent = static_cast<int>(k);
    size_t tab = first > line + k ? line + k : npos; // a tab between the indentation and the token
    std::vector<int> closed;
    while (parent_indent() > indent) {
      closed.push_back(parent_indent());
      m_blocks.pop_back();
      m_pending = false;
    }
    bool dash = indicator(first, '-');
    if (m_blocks.back().indentless && parent_indent() == indent && !dash) {
      m_blocks.pop_back();
      m_pending = false;
    }
    bool pending = m_pending;
    const Block& top = m_blocks.back();
    if (indent == top.indent) {
      if (tab != npos)
        tab_indent(tab, first);
      if (top.map && !dash && !entry_indicator(first) && implicit_key(first) == npos)
        missing_colon(first);
      if (!top.map && !dash)
        fail(first, "expected a list entry \"- \" here: the line is at the indentation of the list's entries",
             "indent the line more to continue the entry above, or start it with \"- \"");
      if (top.map && dash && !pending)
        fail(first, "a list entry \"- \" at the indentation of a mapping's keys",
             "a list is the value of a key: write \"key:\" on the line before, or indent the entry");
    } else if (!pending) {
      unexpected_indent(first, indent, closed);
    }
    m_pending = false;
    return line_content(first, tab, pending);
  }

  [[noreturn]] void
  tab_indent(size_t tab, size_t first)
  {
    (void)first;
    fail(tab, "tab character in indentation", "YAML indents with spaces only; replace the tab with spaces");
  }

  [[noreturn]] void
  missing_colon(size_t q)
  {
    char c = at(q);
    if (c == '&' || c == '!')
      fail(q, "an anchor or tag at the indentation of the mapping's keys, not followed by \"key:\"",
           "put it after the key (\"key: &name value\") or indent the node it belongs to");
    if (c == '@' || c == '`' || c == '%')
      fail(q, fmt::format("'{}' cannot start a plain key or value", c), "quote it: \"…\"");
    fail(q, "missing ':' — this line is at the indentation of the mapping's keys but is not \"key: value\"",
         "write \"key: value\"; to continue the value of the line above, indent this line more than its key");
  }

  [[noreturn]] void
  unexpected_indent(size_t q, int indent, const std::vector<int>& closed)
  {
    if (!closed.empty()) {
      std::string levels;
      for (auto it = m_blocks.rbegin(); it != m_blocks.rend() && it->indent >= 0; ++it)
        levels += fmt::format("{}, ", it->indent);
      levels += fmt::format("{}", closed.back());
      fail(q,
           fmt::format("this line is indented by {} space{}, which matches no enclosing mapping or "
                       "list (they are indented by {})",
                       indent, indent == 1 ? "" : "s", levels),
           "align the line with the keys or entries it belongs to");
    }
    if (parent_indent() < 0)
      fail(q, "content after the document's top-level value",
           "a list file is one mapping; check the indentation of this line, or a missing \"key:\"");
    fail(q, "this line is indented more than the line above, but that line's value is complete",
         "align the line with the keys or entries above it; a key's nested content goes after \"key:\" with "
         "nothing else on that line");
  }

  // Registers an entry ("- ", "? ", ": " or an implicit key) at `q` with the
  // block collection it belongs to, opening a new one when it is indented deeper.
  void
  entry(size_t q, bool map, bool indentless_ok)
  {
    int c = col(q);
    const Block& top = m_blocks.back();
    if (c > top.indent) {
      m_blocks.push_back(Block{c, map, false});
      return;
    }
    if (c == top.indent && top.map == map)
      return;
    if (c == top.indent && !map && indentless_ok) {
      m_blocks.push_back(Block{c, false, true});
      return;
    }
    if (map)
      fail(q, "a key at the indentation of a list's entries",
           "start the line with \"- \", or indent it more");
    fail(q, "a list entry \"- \" at the indentation of a mapping's keys",
         "a list is the value of a key: write \"key:\" on the line before, or indent the entry");
  }

  bool
  entry_indicator(size_t q) const
  {
    return indicator(q, '-') || indicator(q, '?') || indicator(q, ':');
  }

  // The entries and the node of one block line, from its first token.
  size_t
  line_content(size_t q, size_t tab, bool pending)
  {
    bool first = true;
    while (entry_indicator(q)) {
      if (tab != npos)
        fail(tab, "tab character before a nested entry",
             "YAML indents with spaces only: a tab may separate a value from \"- \" or \":\", "
             "but not start a nested list or mapping; use spaces");
      entry(q, at(q) != '-', first && pending);
      first = false;
      size_t r = skip_white(q + 1);
      tab = has_tab(q + 1, r) ? q + 1 + (m_text.substr(q + 1, r - q - 1).find('\t')) : npos;
      if (eol(r) || at(r) == '#') {
        m_pending = true;
        return finish_line(r, "");
      }
      q = r;
    }
    if (size_t colon = implicit_key(q); colon != npos) {
      if (tab != npos)
        fail(tab, "tab character before a nested key",
             "YAML indents with spaces only; a mapping may not start after a tab");
      entry(q, true, false);
      key_node(q, colon);
      size_t r = skip_white(colon + 1);
      if (eol(r) || at(r) == '#') {
        m_pending = true;
        return finish_line(r, "");
      }
      if (indicator(r, '-'))
        fail(r, "a list cannot start on the same line as its key",
             "put the entries on the following lines, indented: \"key:\" then \"  - item\"");
      if (entry_indicator(r) || implicit_key(r) != npos)
        fail(r, "a second \"key:\" on the same line — a value cannot contain \": \" unquoted",
             "quote the value (key: \"a: b\") or put the nested mapping on its own lines");
      q = r;
    }
    return node_and_rest(q);
  }

  void
  key_node(size_t q, size_t colon)
  {
    q = properties_inline(q);
    char c = at(q);
    if (c == '"' || c == '\'')
      q = quoted(q, parent_indent(), false);
    else if (c == '[' || c == '{')
      q = flow(q, parent_indent());
    else if (c == '*')
      q = alias(q, false);
    else
      return; // a plain key, or an empty one with properties: it ends at the ':'
    if (q > colon || skip_white(q) != colon)
      throw Unsure{};
  }

  size_t
  properties_inline(size_t q)
  {
    while (at(q) == '&' || at(q) == '!')
      q = skip_white(property(q, false));
    return q;
  }

  // A node in block context and what follows it on its line.
  size_t
  node_and_rest(size_t q)
  {
    int n = parent_indent();
    while (at(q) == '&' || at(q) == '!') {
      q = property(q, false);
      size_t r = skip_white(q);
      if (eol(r) || at(r) == '#') {
        m_pending = true; // the node follows on the next lines
        return finish_line(r, "");
      }
      q = r;
    }
    m_pending = false;
    switch (at(q)) {
    case '*': return finish_line(alias(q, false), "after an alias");
    case '"':
    case '\'': return finish_line(after_quoted(quoted(q, n, false), false), "after the closing quote");
    case '[':
    case '{': return finish_line(flow(q, n), "after the closing bracket");
    case '|':
    case '>': return block_scalar(q, n);
    default: break;
    }
    if (!plain_start(q, false))
      fail(q, fmt::format("'{}' cannot start a plain value", at(q)), "quote the value: \"…\"");
    return finish_line(plain_block(q, n), "");
  }
};

} // namespace

SyntaxCheck
check_yaml_syntax(std::string_view text)
{
  SyntaxCheck out;
  Checker c(text);
  try {
    c.stream();
    out.edits = c.take_edits();
    out.complete = true;
  } catch (const Failure& f) {
    out.problem = c.problem(f);
    out.complete = true;
  } catch (const Unsure&) {
  }
  return out;
}

} // namespace duty::lists
