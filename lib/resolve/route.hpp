#pragma once

#include "lists/names.hpp"
#include "resolve/resolver.hpp"

#include <string>
#include <vector>

namespace duty::resolve {

struct RouteQuery
{
  std::string matter;    // id, name or export alias
  std::string territory; // id, name or alias
  std::vector<std::string> when; // "dim=value"
  util::Date date;
};

// The answer for each combination of the dimensions the query left open
// (one entry when the query fixed them all or the matter does not split).
struct RouteAnswer
{
  const lists::Matter* matter = nullptr;
  const lists::Unit* territory = nullptr;
  DimValues given;
  std::vector<std::string> open_dims;
  std::vector<std::pair<DimValues, Resolution>> results;
  util::Date date;

  // True when every open combination has the same single lead.
  bool decided() const;
};

// Resolves names (with did-you-mean and ambiguity lists) and answers the
// query. Throws UsageError for unknown or ambiguous names and bad --when values:
// they are bad argument values (exit 2), not findings in the lists.
RouteAnswer
route(const Resolver& resolver, const lists::Names& names, const RouteQuery& query);

} // namespace duty::resolve
