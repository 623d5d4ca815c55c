#include "lists/yaml_scan.hpp"

#include <algorithm>
#include <fmt/format.h>

// Flow collections: [ … ] and { … }, their entries, plain scalars inside them,
// and the edits that let yaml-cpp read flow-mapping keys spread over lines.
namespace duty::lists::yaml_scan {

struct Scanner::Frame
{
  enum State { start, separated, properties, node, colon };
  size_t open;
  bool map;
  State state = start;
  bool json = false;       // the last node was quoted or a collection: ':' may touch it
  size_t key_start = npos; // first token of the current entry
  bool key_phase = false;  // between the start of an entry and its ':', ',' or end
  bool key_broken = false; // a line break inside that span
};

size_t
Scanner::flow(size_t q, int n)
{
  std::vector<Frame> frames;
  frames.push_back(Frame{q, at(q) == '{'});
  ++q;
  for (;;) {
    Frame& f = frames.back();
    q = flow_space(q, n, f);
    if (q >= size())
      fail(f.open, fmt::format("unterminated flow collection: the '{}' opened here is never closed with '{}'",
                               m_text[f.open], f.map ? '}' : ']'));
    char c = m_text[q];
    if (c == ']' || c == '}') {
      if ((c == '}') != f.map)
        fail(q, fmt::format("'{}' does not close the '{}' opened at {}", c, m_text[f.open], line_col(f.open)),
             fmt::format("close it with '{}'", f.map ? '}' : ']'));
      end_key(f, q);
      frames.pop_back();
      ++q;
      if (frames.empty())
        return q;
      frames.back().state = Frame::node;
      frames.back().json = true;
      if (at(q) == '#')
        fail(q, "a comment needs white space before '#'");
      continue;
    }
    if (c == ',') {
      if (f.state == Frame::start || f.state == Frame::separated)
        fail(q,
             fmt::format("empty entry in a flow {}: ',' with no value before it",
                         f.map ? "mapping" : "sequence"),
             f.state == Frame::start ? "remove the ',' after the opening bracket"
                                     : "remove the doubled ','; a missing value is written null or \"\"");
      end_key(f, q);
      f.state = Frame::separated;
      ++q;
      continue;
    }
    if (c == ':' && (blankz(q + 1) || is_flow_indicator(at(q + 1)) || (f.state == Frame::node && f.json))) {
      if (!f.map && f.key_phase && f.key_broken)
        fail(f.key_start, "the key of a \"key: value\" entry inside a flow sequence must be on one line",
             "write the key and its ':' on one line, or use a flow mapping { }");
      end_key(f, q);
      f.state = Frame::colon;
      ++q;
      continue;
    }
    if (c == '?' && (blankz(q + 1) || is_flow_indicator(at(q + 1)))) {
      f.state = Frame::properties;
      f.key_phase = false;
      ++q;
      continue;
    }
    if (f.state == Frame::node)
      fail(q, "missing ',' between two entries of a flow collection",
           "separate the entries with ',' or quote a value that contains spaces and brackets");
    if (f.state == Frame::start || f.state == Frame::separated) {
      f.key_start = q;
      f.key_phase = true;
      f.key_broken = false;
    }
    if (c == '[' || c == '{') {
      f.state = Frame::node;
      frames.push_back(Frame{q, c == '{'});
      ++q;
      continue;
    }
    if (c == '&' || c == '!') {
      q = property(q, true);
      f.state = Frame::properties;
      continue;
    }
    if (c == '*') {
      q = alias(q, true);
      f.state = Frame::node;
      f.json = false;
      continue;
    }
    if (c == '"' || c == '\'') {
      size_t line = m_line_start, b = q;
      q = after_quoted(quoted(q, n, true), true);
      if (m_line_start != line) {
        f.key_broken = f.key_broken || f.key_phase;
        m_pieces.push_back(Piece{b, q, c, true});
      }
      f.state = Frame::node;
      f.json = true;
      continue;
    }
    if (c == '-' && (blankz(q + 1) || is_flow_indicator(at(q + 1))))
      fail(q, "a lone '-' inside a flow collection",
           "block lists (\"- item\") cannot nest inside [ ] or { }; quote the value if it is the text \"-\"");
    if (c == '|' || c == '>')
      fail(q, "a block scalar ('|' or '>') cannot appear inside a flow collection", "use a quoted string");
    if (!plain_start(q, true))
      fail(q, fmt::format("'{}' cannot start a plain value", c), "quote the value: \"…\"");
    q = plain_flow(q, n, f);
    f.state = Frame::node;
    f.json = false;
  }
}

size_t
Scanner::flow_space(size_t q, int n, Frame& f)
{
  size_t run = q;
  bool special = false;
  for (;;) {
    char c = at(q);
    if (q < size() && is_white(c)) {
      ++q;
      continue;
    }
    if (c == '#') {
      if (q > m_line_start && !is_white(m_text[q - 1]))
        fail(q, "a comment needs white space before '#'",
             "without it, '#' and the text after it are glued to what comes before; write \" #\"");
      q = to_eol(q);
      special = true;
      continue;
    }
    if (q < size() && is_break(c)) {
      q = next_line(q);
      special = true;
      f.key_broken = f.key_broken || f.key_phase;
      if (marker(q, '-') || marker(q, '.'))
        fail(f.open, fmt::format("unterminated flow collection: the '{}' opened here is not closed before "
                                 "the document marker at {}",
                                 m_text[f.open], line_col(q)));
      size_t k = count_spaces(q), g = skip_white(q);
      if (eol(g) || at(g) == '#') {
        q = g;
        continue;
      }
      if (static_cast<int>(k) <= n) {
        if (at(q + k) == '\t')
          fail(q + k, "tab character in indentation",
               fmt::format("this line continues the flow collection opened at {}; indent it with at least {} "
                           "space{} (a tab may follow them)",
                           line_col(f.open), n + 1, n == 0 ? "" : "s"));
        fail(g,
             fmt::format("this line continues the flow collection opened at {} and must be indented "
                         "more than its key (at least {} space{})",
                         line_col(f.open), n + 1, n == 0 ? "" : "s"),
             "indent the line, or close the collection on the line before");
      }
      q = g;
      continue;
    }
    break;
  }
  if (special)
    m_pieces.push_back(Piece{run, q, ' ', false});
  return q;
}

size_t
Scanner::plain_flow(size_t q, int n, Frame& f)
{
  size_t start = q, end = q;
  bool question = false, broken = false;
  for (;;) {
    bool stop = false;
    for (; !eol(q); ++q) {
      char c = m_text[q];
      if ((c == ':' && (blankz(q + 1) || is_flow_indicator(at(q + 1)))) || is_flow_indicator(c) ||
          (is_white(c) && at(q + 1) == '#')) {
        stop = true;
        break;
      }
      if (is_white(c))
        continue;
      question = question || c == '?';
      end = q + 1;
    }
    if (stop || q >= size())
      break;
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
      char c = at(g);
      bool ends =
          c == '#' || is_flow_indicator(c) || (c == ':' && (blankz(g + 1) || is_flow_indicator(at(g + 1))));
      if (!ends && static_cast<int>(k) > n && !(k == 0 && (marker(ls, '-') || marker(ls, '.'))))
        next = ls;
      break;
    }
    if (next == npos)
      break;
    line_starts_at(next);
    q = skip_white(next);
    broken = true;
  }
  if (broken)
    f.key_broken = f.key_broken || f.key_phase;
  if (broken || question)
    m_pieces.push_back(Piece{start, end, 0, true});
  if (question) // yaml-cpp takes any '?' in a flow scalar for a key indicator
    add_edit(start, end, requote_flow_scalar(m_text.substr(start, end - start), 0));
  return end;
}

// A flow-mapping key that spans lines (or is parted from its ':' by a line
// break) is valid YAML that yaml-cpp rejects: write that span on one line.
void
Scanner::end_key(Frame& f, size_t at)
{
  bool join = f.map && f.key_phase && f.key_broken;
  f.key_phase = false;
  if (!join)
    return;
  std::string text;
  size_t copied = f.key_start;
  auto first = std::lower_bound(m_pieces.begin(), m_pieces.end(), f.key_start,
                                [](const Piece& p, size_t x) { return p.begin < x; });
  for (auto it = first; it != m_pieces.end() && it->end <= at; ++it) {
    const Piece& p = *it;
    text.append(m_text.substr(copied, p.begin - copied));
    if (p.style == ' ')
      text += ' ';
    else if (p.rewrite)
      text += requote_flow_scalar(m_text.substr(p.begin, p.end - p.begin), p.style);
    else
      text.append(m_text.substr(p.begin, p.end - p.begin));
    copied = p.end;
  }
  text.append(m_text.substr(copied, at - copied));
  while (!m_edits.empty() && m_edits.back().begin >= f.key_start)
    m_edits.pop_back();
  add_edit(f.key_start, at, std::move(text));
}

} // namespace duty::lists::yaml_scan
