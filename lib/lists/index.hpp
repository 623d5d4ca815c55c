#pragma once

#include "lists/model.hpp"

#include <string_view>
#include <unordered_map>
#include <vector>

namespace duty::lists {

// Lookup tables over a loaded set, by id. Where an id is duplicated the
// first item wins (the duplicate is reported by check_list_set).
// The tables point into the set's vectors: build an Index (and Names, and a
// Resolver) only over a set that is complete and no longer changes — never
// call load_text on a set an Index was built from. resolve::Context keeps
// the set and its lookups together for that reason.
struct Index
{
  explicit Index(const ListSet& set);

  const Unit* unit(std::string_view id) const;
  const Matter* matter(std::string_view id) const;
  const Power* power(std::string_view code) const;
  const Dimension* dimension(std::string_view name) const;

  std::vector<std::string_view> unit_ids() const;
  std::vector<std::string_view> matter_ids() const;
  std::vector<std::string_view> power_codes() const;
  std::vector<std::string_view> dimension_names() const;

  std::unordered_map<std::string_view, const Unit*> units;
  std::unordered_map<std::string_view, const Matter*> matters;
  std::unordered_map<std::string_view, const Power*> powers;
  std::unordered_map<std::string_view, const Dimension*> dimensions;
};

} // namespace duty::lists
