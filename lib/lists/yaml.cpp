#include "lists/yaml.hpp"

#include "lists/yaml_syntax.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <istream>
#include <streambuf>
#include <unordered_map>
#include <unordered_set>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

namespace duty::lists {

const YNode*
YNode::find(std::string_view k) const
{
  if (kind != Kind::map)
    return nullptr;
  for (size_t i = 0; i < map_size(); ++i)
    if (key(i).is_scalar() && key(i).text == k)
      return &value(i);
  return nullptr;
}

const char*
YNode::kind_name() const
{
  switch (kind) {
  case Kind::null: return "an empty value";
  case Kind::scalar: return "a scalar";
  case Kind::seq: return "a list";
  case Kind::map: return "a mapping";
  }
  return "?";
}

namespace {

// Lets yaml-cpp read the text in place, without copying it into a stringstream.
class ViewBuf : public std::streambuf
{
public:
  ViewBuf(std::string_view s)
  {
    char* p = const_cast<char*>(s.data());
    setg(p, p, p + s.size());
  }
};

struct Stop
{
};

// Turns yaml-cpp's marks into lines and byte columns of the original text,
// also when yaml-cpp reads an edited copy of it (see yaml_syntax.hpp).
class Locator
{
public:
  explicit Locator(std::string_view original) : m_original(original) {}

  void
  set_edits(const OffsetMap* map)
  {
    m_map = map;
  }

  std::pair<uint32_t, uint32_t>
  operator()(const YAML::Mark& mark) const
  {
    if (mark.line < 0 || mark.column < 0)
      return {1, 1};
    if (!m_map)
      return {static_cast<uint32_t>(mark.line + 1), static_cast<uint32_t>(mark.column + 1)};
    size_t at = std::min(m_map->original(static_cast<size_t>(std::max(mark.pos, 0))), m_original.size());
    if (m_starts.empty())
      m_starts = line_starts(m_original);
    auto it = std::upper_bound(m_starts.begin(), m_starts.end(), at);
    size_t line = static_cast<size_t>(it - m_starts.begin());
    return {static_cast<uint32_t>(line), static_cast<uint32_t>(at - m_starts[line - 1] + 1)};
  }

private:
  static std::vector<size_t>
  line_starts(std::string_view s)
  {
    std::vector<size_t> v{0};
    for (size_t i = 0; i < s.size(); ++i)
      if (s[i] == '\n')
        v.push_back(i + 1);
    return v;
  }

  std::string_view m_original;
  const OffsetMap* m_map = nullptr;
  mutable std::vector<size_t> m_starts;
};

class Builder : public YAML::EventHandler
{
public:
  Builder(YamlDoc& doc, const Locator& locate, size_t node_budget, size_t byte_budget)
      : m_doc(doc), m_locate(locate), m_node_budget(node_budget), m_byte_budget(byte_budget)
  {
  }

  void
  OnDocumentStart(const YAML::Mark&) override
  {
  }
  void
  OnDocumentEnd() override
  {
  }

  void
  OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override
  {
    finish(make(YNode::Kind::null, mark), anchor, Size{1, 0});
  }

  void
  OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override
  {
    for (const auto& open : m_stack)
      if (open.anchor == anchor && anchor != 0)
        fail(mark, "alias", "alias refers to a node that contains it, which would make the document infinite",
             "an alias may only refer to a node that is complete before the alias appears");
    auto it = m_anchors.find(anchor);
    if (it == m_anchors.end())
      fail(mark, "alias", "alias refers to an unknown anchor", "");
    const Size& n = it->second.size;
    if (n.nodes > m_node_budget - m_expanded.nodes)
      fail(mark, "alias",
           fmt::format("alias expansion exceeds {} nodes (an \"alias bomb\")", m_expanded.nodes + n.nodes),
           "write the repeated content out, or use fewer nested aliases");
    if (n.bytes > m_byte_budget - m_expanded.bytes)
      fail(mark, "alias",
           fmt::format("alias expansion exceeds {} bytes of text (an \"alias bomb\")", m_byte_budget),
           "write the repeated content out, or use fewer nested aliases");
    m_expanded.nodes += n.nodes;
    m_expanded.bytes += n.bytes;
    // Collections share their children; only a scalar's text is copied.
    YNode copy = it->second.node;
    auto [line, col] = m_locate(mark);
    copy.line = line;
    copy.col = col;
    finish(std::move(copy), 0, n);
  }

  void
  OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
           const std::string& value) override
  {
    YNode n = make(YNode::Kind::scalar, mark);
    n.quoted = tag != "?";
    n.text = value;
    finish(std::move(n), anchor, Size{1, value.size()});
  }

  void
  OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override
  {
    m_stack.push_back(Open{make(YNode::Kind::seq, mark), anchor, {}, Size{1, 0}});
  }

  void
  OnSequenceEnd() override
  {
    close();
  }

  void
  OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
             YAML::EmitterStyle::value) override
  {
    m_stack.push_back(Open{make(YNode::Kind::map, mark), anchor, {}, Size{1, 0}});
  }

  void
  OnMapEnd() override
  {
    check_duplicate_keys(m_stack.back().items);
    close();
  }

  std::optional<YNode> root;

private:
  // Nodes and bytes of text of a subtree with its aliases expanded.
  struct Size
  {
    size_t nodes = 0, bytes = 0;
  };

  struct Open
  {
    YNode node;
    YAML::anchor_t anchor;
    std::vector<YNode> items;
    Size size;
  };

  struct Anchored
  {
    YNode node;
    Size size;
  };

  YNode
  make(YNode::Kind k, const YAML::Mark& mark) const
  {
    YNode n;
    n.kind = k;
    auto [line, col] = m_locate(mark);
    n.line = line;
    n.col = col;
    return n;
  }

  [[noreturn]] void
  fail(const YAML::Mark& mark, const char* rule, std::string msg, std::string hint)
  {
    YamlProblem p;
    auto [line, col] = m_locate(mark);
    p.line = line;
    p.col = col;
    p.rule = rule;
    p.message = std::move(msg);
    p.hint = std::move(hint);
    m_doc.problems.push_back(std::move(p));
    throw Stop{};
  }

  void
  close()
  {
    Open o = std::move(m_stack.back());
    m_stack.pop_back();
    o.node.children = YNodes(std::move(o.items));
    finish(std::move(o.node), o.anchor, o.size);
  }

  void
  finish(YNode n, YAML::anchor_t anchor, Size size)
  {
    if (anchor != 0)
      m_anchors[anchor] = Anchored{n, size}; // shares a collection's children
    if (m_stack.empty()) {
      root = std::move(n);
      return;
    }
    Open& parent = m_stack.back();
    parent.items.push_back(std::move(n));
    parent.size.nodes += size.nodes;
    parent.size.bytes += size.bytes;
  }

  void
  report_duplicate(const YNode& first, const YNode& again)
  {
    YamlProblem p;
    p.line = again.line;
    p.col = again.col;
    p.rule = "duplicate-key";
    p.message = fmt::format("duplicate key \"{}\" in this mapping", again.text.substr(0, 80));
    p.hint = fmt::format("first defined at line {}; YAML keys must be unique", first.line);
    p.related_line = first.line;
    p.related_col = first.col;
    m_doc.problems.push_back(std::move(p));
  }

  void
  check_duplicate_keys(const std::vector<YNode>& items)
  {
    size_t n = items.size() / 2;
    auto key = [&](size_t i) -> const YNode& { return items[2 * i]; };
    if (n < 2)
      return;
    if (n <= 16) {
      for (size_t i = 1; i < n; ++i)
        for (size_t j = 0; j < i; ++j)
          if (key(i).is_scalar() && key(j).is_scalar() && key(i).text == key(j).text) {
            report_duplicate(key(j), key(i));
            break;
          }
      return;
    }
    std::unordered_map<std::string_view, size_t> seen;
    for (size_t i = 0; i < n; ++i) {
      if (!key(i).is_scalar())
        continue;
      auto [it, fresh] = seen.emplace(key(i).text, i);
      if (!fresh)
        report_duplicate(key(it->second), key(i));
    }
  }

  YamlDoc& m_doc;
  const Locator& m_locate;
  size_t m_node_budget, m_byte_budget;
  Size m_expanded;
  std::vector<Open> m_stack;
  std::unordered_map<YAML::anchor_t, Anchored> m_anchors;
};

class CountDocs : public YAML::EventHandler
{
public:
  void
  OnDocumentStart(const YAML::Mark& mark) override
  {
    start = mark;
  }
  void
  OnDocumentEnd() override
  {
  }
  void
  OnNull(const YAML::Mark&, YAML::anchor_t) override
  {
  }
  void
  OnAlias(const YAML::Mark&, YAML::anchor_t) override
  {
  }
  void
  OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override
  {
  }
  void
  OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override
  {
  }
  void
  OnSequenceEnd() override
  {
  }
  void
  OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override
  {
  }
  void
  OnMapEnd() override
  {
  }
  YAML::Mark start;
};

// yaml-cpp's terse messages, said for what they mean in a list file.
std::string
explain(const std::string& msg)
{
  static const std::pair<std::string_view, std::string_view> table[] = {
      {YAML::ErrorMsg::END_OF_MAP,
       "the mapping is malformed here: expected \"key: value\" at this indentation"},
      {YAML::ErrorMsg::END_OF_MAP_FLOW, "malformed flow mapping: expected ',' or '}' here"},
      {YAML::ErrorMsg::END_OF_SEQ, "the list is malformed here: expected a \"- \" entry at this indentation"},
      {YAML::ErrorMsg::END_OF_SEQ_FLOW, "malformed flow sequence: expected ',' or ']' here"},
      {YAML::ErrorMsg::MAP_VALUE,
       "a ':' where no mapping can start (a value cannot contain \": \" unquoted, and a nested mapping goes "
       "on its own lines)"},
      {YAML::ErrorMsg::BLOCK_ENTRY, "a \"- \" list entry where no list can start (a list goes on the lines "
                                    "after \"key:\", indented)"},
      {YAML::ErrorMsg::MAP_KEY, "a '?' key indicator where no key can start"},
      {YAML::ErrorMsg::UNKNOWN_TOKEN, "unexpected character"},
      {YAML::ErrorMsg::TAB_IN_INDENTATION, "tab character in indentation"},
      {YAML::ErrorMsg::EOF_IN_SCALAR, "the file ends inside a quoted string: a closing quote is missing"},
      {YAML::ErrorMsg::DOC_IN_SCALAR,
       "a document marker (--- or ...) inside a quoted string: a closing quote is missing"},
      {YAML::ErrorMsg::FLOW_END, "a closing bracket without its opening one"},
  };
  for (const auto& [from, to] : table)
    if (msg == from)
      return std::string(to);
  return msg;
}

void
add_parser_problem(YamlDoc& doc, std::pair<uint32_t, uint32_t> at, std::string msg)
{
  YamlProblem p;
  p.line = at.first;
  p.col = at.second;
  p.rule = "syntax";
  p.message = std::move(msg);
  doc.problems.push_back(std::move(p));
}

// Runs yaml-cpp over `text`; problems carry locations in `locate`'s original.
void
read_document(YamlDoc& doc, std::string_view text, const Locator& locate, size_t node_budget,
              size_t byte_budget)
{
  ViewBuf buf(text);
  std::istream in(&buf);
  try {
    YAML::Parser parser(in);
    Builder builder(doc, locate, node_budget, byte_budget);
    try {
      parser.HandleNextDocument(builder);
    } catch (const Stop&) {
      return;
    }
    doc.root = std::move(builder.root);
    // One document per list file; a second one would be silently ignored otherwise.
    CountDocs second;
    if (doc.root && parser.HandleNextDocument(second))
      add_parser_problem(doc, locate(second.start),
                         "a list file holds one YAML document; found a second one here");
  } catch (const YAML::DeepRecursion& e) {
    doc.root.reset();
    add_parser_problem(doc, locate(e.mark),
                       "nesting deeper than 500 levels; list files are a few levels deep");
  } catch (const YAML::Exception& e) {
    doc.root.reset();
    add_parser_problem(doc, locate(e.mark), explain(e.msg));
  }
}

bool
before(const YamlProblem& a, const YamlProblem& b)
{
  return a.line < b.line || (a.line == b.line && a.col < b.col);
}

} // namespace

YamlDoc
parse_yaml(std::string_view text, size_t max_alias_nodes)
{
  YamlDoc doc;
  Locator locate(text);
  size_t byte_budget = std::max<size_t>(size_t{16} << 20, 4 * text.size());
  SyntaxCheck syntax = check_yaml_syntax(text);
  if (syntax.problem) {
    // The file is broken: report the first problem, ours or yaml-cpp's.
    YamlDoc parsed;
    read_document(parsed, text, locate, max_alias_nodes, byte_budget);
    YamlProblem mine = *syntax.problem;
    doc.problems.push_back(!parsed.problems.empty() && parsed.problems[0].rule == "syntax" &&
                                   before(parsed.problems[0], mine)
                               ? parsed.problems[0]
                               : std::move(mine));
    return doc;
  }
  if (syntax.edits.empty()) {
    read_document(doc, text, locate, max_alias_nodes, byte_budget);
    return doc;
  }
  OffsetMap map;
  std::string edited = apply_edits(text, syntax.edits, map);
  locate.set_edits(&map);
  read_document(doc, edited, locate, max_alias_nodes, byte_budget);
  return doc;
}

} // namespace duty::lists
