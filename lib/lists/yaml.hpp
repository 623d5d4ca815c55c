#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duty::lists {

struct YNode;

// The children of a collection node: shared and immutable once the node is
// complete, so that an anchor and each alias of it hold one copy, not one each.
class YNodes
{
public:
  using const_iterator = const YNode*;
  YNodes() = default;
  explicit YNodes(std::vector<YNode> nodes);
  size_t size() const;
  bool
  empty() const
  {
    return size() == 0;
  }
  const YNode& operator[](size_t i) const;
  const_iterator begin() const;
  const_iterator end() const;

private:
  std::shared_ptr<const std::vector<YNode>> m_nodes;
};

// A YAML node that remembers where it came from. Built from yaml-cpp's event
// stream rather than YAML::Node: this keeps the alias site, bounds alias
// expansion, detects duplicate keys, and is several times faster on large lists.
struct YNode
{
  enum class Kind : uint8_t { null, scalar, seq, map };
  Kind kind = Kind::null;
  bool quoted = false; // scalar written with quotes or as a block: never a number or bool
  uint32_t line = 0;   // 1-based
  uint32_t col = 0;    // 1-based, in bytes (converted to characters for display)
  std::string text;    // scalar value
  YNodes children;     // seq: items; map: key0, value0, key1, value1, …

  bool
  is_scalar() const
  {
    return kind == Kind::scalar;
  }
  bool
  is_map() const
  {
    return kind == Kind::map;
  }
  bool
  is_seq() const
  {
    return kind == Kind::seq;
  }
  size_t
  map_size() const
  {
    return children.size() / 2;
  }
  const YNode&
  key(size_t i) const
  {
    return children[2 * i];
  }
  const YNode&
  value(size_t i) const
  {
    return children[2 * i + 1];
  }
  // Linear lookup of a scalar key; nullptr when absent. For small maps only.
  const YNode* find(std::string_view k) const;
  const char* kind_name() const;
};

inline YNodes::YNodes(std::vector<YNode> nodes)
    : m_nodes(nodes.empty() ? nullptr : std::make_shared<const std::vector<YNode>>(std::move(nodes)))
{
}

inline size_t
YNodes::size() const
{
  return m_nodes ? m_nodes->size() : 0;
}

inline const YNode&
YNodes::operator[](size_t i) const
{
  return (*m_nodes)[i];
}

inline YNodes::const_iterator
YNodes::begin() const
{
  return m_nodes ? m_nodes->data() : nullptr;
}

inline YNodes::const_iterator
YNodes::end() const
{
  return m_nodes ? m_nodes->data() + m_nodes->size() : nullptr;
}

struct YamlProblem
{
  uint32_t line = 0, col = 0; // 1-based; col in bytes
  std::string rule;           // "syntax", "duplicate-key", "alias"
  std::string message;
  std::string hint;
  uint32_t related_line = 0, related_col = 0; // e.g. the first occurrence of a duplicate key
};

struct YamlDoc
{
  std::optional<YNode> root; // empty for an empty document or a fatal problem
  std::vector<YamlProblem> problems;
};

// Parses one YAML document. Never throws on bad input: problems are returned
// (only an allocation failure escapes, as std::bad_alloc). The text is held to
// the YAML specification where yaml-cpp is lenient (see yaml_syntax.hpp).
// An anchor costs nothing extra and an alias one node: its subtree is shared.
// `max_alias_nodes` bounds the nodes that alias expansion may add, and the
// bytes of text it may add are bounded by max(16 MiB, 4 × the text's size),
// so that the consumers that walk the tree stay proportional to the file.
YamlDoc parse_yaml(std::string_view text, size_t max_alias_nodes = 100000);

} // namespace duty::lists
