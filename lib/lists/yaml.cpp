#include "lists/yaml.hpp"

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

class Builder : public YAML::EventHandler
{
public:
  Builder(YamlDoc& doc, size_t budget) : m_doc(doc), m_budget(budget) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override
  {
    YNode n = make(YNode::Kind::null, mark);
    finish(std::move(n), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override
  {
    for (auto open : m_open_anchors)
      if (open == anchor)
        fail(mark, "alias",
             "alias refers to a node that contains it, which would make the document infinite",
             "an alias may only refer to a node that is complete before the alias appears");
    auto it = m_anchors.find(anchor);
    if (it == m_anchors.end())
      fail(mark, "alias", "alias refers to an unknown anchor", "");
    size_t n = count(it->second);
    if (n > m_budget)
      fail(mark, "alias",
           fmt::format("alias expansion exceeds {} nodes (an \"alias bomb\")", m_expanded + n),
           "write the repeated content out, or use fewer nested aliases");
    m_budget -= n;
    m_expanded += n;
    YNode copy = it->second;
    copy.line = static_cast<uint32_t>(mark.line + 1);
    copy.col = static_cast<uint32_t>(mark.column + 1);
    finish(std::move(copy), 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override
  {
    YNode n = make(YNode::Kind::scalar, mark);
    n.quoted = tag != "?";
    n.text = value;
    finish(std::move(n), anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override
  {
    open(make(YNode::Kind::seq, mark), anchor);
  }

  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override
  {
    open(make(YNode::Kind::map, mark), anchor);
  }

  void OnMapEnd() override
  {
    check_duplicate_keys(m_stack.back());
    close();
  }

  std::optional<YNode> root;

private:
  static YNode make(YNode::Kind k, const YAML::Mark& mark)
  {
    YNode n;
    n.kind = k;
    n.line = static_cast<uint32_t>(mark.line + 1);
    n.col = static_cast<uint32_t>(mark.column + 1);
    return n;
  }

  static size_t count(const YNode& n)
  {
    size_t c = 1;
    for (const auto& ch : n.children)
      c += count(ch);
    return c;
  }

  [[noreturn]] void fail(const YAML::Mark& mark, const char* rule, std::string msg,
                         std::string hint)
  {
    YamlProblem p;
    p.line = static_cast<uint32_t>(mark.line + 1);
    p.col = static_cast<uint32_t>(mark.column + 1);
    p.rule = rule;
    p.message = std::move(msg);
    p.hint = std::move(hint);
    m_doc.problems.push_back(std::move(p));
    throw Stop{};
  }

  void open(YNode n, YAML::anchor_t anchor)
  {
    m_stack.push_back(std::move(n));
    m_open_anchors.push_back(anchor);
  }

  void close()
  {
    YNode n = std::move(m_stack.back());
    YAML::anchor_t anchor = m_open_anchors.back();
    m_stack.pop_back();
    m_open_anchors.pop_back();
    finish(std::move(n), anchor);
  }

  void finish(YNode n, YAML::anchor_t anchor)
  {
    if (anchor != 0)
      m_anchors[anchor] = n;
    if (m_stack.empty())
      root = std::move(n);
    else
      m_stack.back().children.push_back(std::move(n));
  }

  void report_duplicate(const YNode& first, const YNode& again)
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

  void check_duplicate_keys(const YNode& map)
  {
    size_t n = map.map_size();
    if (n < 2)
      return;
    if (n <= 16) {
      for (size_t i = 1; i < n; ++i)
        for (size_t j = 0; j < i; ++j)
          if (map.key(i).is_scalar() && map.key(j).is_scalar() && map.key(i).text == map.key(j).text) {
            report_duplicate(map.key(j), map.key(i));
            break;
          }
      return;
    }
    std::unordered_map<std::string_view, size_t> seen;
    for (size_t i = 0; i < n; ++i) {
      if (!map.key(i).is_scalar())
        continue;
      auto [it, fresh] = seen.emplace(map.key(i).text, i);
      if (!fresh)
        report_duplicate(map.key(it->second), map.key(i));
    }
  }

  YamlDoc& m_doc;
  size_t m_budget;
  size_t m_expanded = 0;
  std::vector<YNode> m_stack;
  std::vector<YAML::anchor_t> m_open_anchors;
  std::unordered_map<YAML::anchor_t, YNode> m_anchors;
};

class CountDocs : public YAML::EventHandler
{
public:
  void OnDocumentStart(const YAML::Mark& mark) override { start = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
  YAML::Mark start;
};

void
add_parser_problem(YamlDoc& doc, const YAML::Mark& mark, std::string msg)
{
  YamlProblem p;
  p.line = mark.line >= 0 ? static_cast<uint32_t>(mark.line + 1) : 1;
  p.col = mark.column >= 0 ? static_cast<uint32_t>(mark.column + 1) : 1;
  p.rule = "syntax";
  p.message = std::move(msg);
  doc.problems.push_back(std::move(p));
}

} // namespace

YamlDoc
parse_yaml(std::string_view text, size_t max_alias_nodes)
{
  YamlDoc doc;
  ViewBuf buf(text);
  std::istream in(&buf);
  try {
    YAML::Parser parser(in);
    Builder builder(doc, max_alias_nodes);
    try {
      parser.HandleNextDocument(builder);
    } catch (const Stop&) {
      return doc;
    }
    doc.root = std::move(builder.root);
    // One document per list file; a second one would be silently ignored otherwise.
    CountDocs second;
    if (doc.root && parser.HandleNextDocument(second))
      add_parser_problem(doc, second.start,
                         "a list file holds one YAML document; found a second one here");
  } catch (const YAML::DeepRecursion& e) {
    doc.root.reset();
    add_parser_problem(doc, e.mark,
                       "nesting deeper than 500 levels; list files are a few levels deep");
  } catch (const YAML::ParserException& e) {
    doc.root.reset();
    add_parser_problem(doc, e.mark, e.msg);
  } catch (const YAML::Exception& e) {
    doc.root.reset();
    add_parser_problem(doc, e.mark, e.msg);
  }
  return doc;
}

} // namespace duty::lists
