#pragma once

#include "lists/model.hpp"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace duty::lists {

// Resolves the names people and exports use — ids, full names, aliases,
// 12345 category paths such as "城市管理->违法建设->疑似违建" — to units and
// matters. One place for this rule: route, ingest and replay all use it.
class Names
{
public:
  explicit Names(const ListSet& set);

  // Units whose id, name or alias equals `name` (after normalisation).
  // More than one result means the name is ambiguous.
  std::vector<const Unit*> units(std::string_view name) const;

  // Matters whose id, name or alias equals `name`. For a category path
  // ("一级->二级->三级") with no exact match, the deepest segment that names
  // a matter is used, so a new third-level category still lands on its parent.
  std::vector<const Matter*> matters(std::string_view name) const;

  // All names, sorted, for did-you-mean suggestions.
  std::vector<std::string_view> unit_names() const;
  std::vector<std::string_view> matter_names() const;

  // Trims, drops spaces (ASCII, full-width and the other Unicode spaces) and
  // invisible characters (zero-width, bidirectional controls…), and writes every path
  // separator variant (→, -》, －>, ＞, >, /) as "->".
  static std::string normalize(std::string_view s);

private:
  template <typename T>
  static void add(std::unordered_map<std::string, std::vector<const T*>>& map, std::string_view key,
                  const T* item);

  std::unordered_map<std::string, std::vector<const Unit*>> m_units;
  std::unordered_map<std::string, std::vector<const Matter*>> m_matters;
};

} // namespace duty::lists
