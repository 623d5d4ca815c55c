#include "resolve/resolver.hpp"

#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace duty::resolve {

std::string
describe_territories(std::vector<std::string> ids, size_t all)
{
  if (ids.size() == all && all > 1)
    return fmt::format("in all {} territories", all);
  std::sort(ids.begin(), ids.end());
  std::string out = "in ";
  for (size_t i = 0; i < ids.size() && i < 4; ++i)
    out += (i ? ", " : "") + ids[i];
  if (ids.size() > 4)
    out += fmt::format(" and {} more", ids.size() - 4);
  return out;
}

std::string
describe_slices(std::string_view matter, const std::vector<DimValues>& combos, size_t all_combos,
                const std::vector<std::string>& territories, size_t all_territories)
{
  std::string out = util::quote(matter);
  if (combos.size() < all_combos) {
    out += " (";
    for (size_t i = 0; i < combos.size() && i < 3; ++i)
      out += (i ? "; " : "") + describe_dims(combos[i]);
    if (combos.size() > 3)
      out += fmt::format("; and {} more", combos.size() - 3);
    out += ")";
  }
  return out + " " + describe_territories(territories, all_territories);
}

} // namespace duty::resolve
