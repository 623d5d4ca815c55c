// The profile's value functions: exact decimals and the lookups commands use.
#include "lists/profile.hpp"

#include <algorithm>
#include <climits>

namespace duty::lists {

std::optional<Ratio>
parse_ratio(std::string_view s)
{
  Ratio r{0, 1};
  size_t i = 0;
  bool digits = false;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, digits = true) {
    r.num = r.num * 10 + (s[i] - '0');
    if (r.num > 1'000'000'000)
      return std::nullopt;
  }
  if (i < s.size() && s[i] == '.') {
    size_t decimals = 0;
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++decimals, digits = true) {
      if (decimals == 9)
        return std::nullopt;
      r.num = r.num * 10 + (s[i] - '0');
      r.den *= 10;
    }
  }
  if (!digits || i != s.size())
    return std::nullopt;
  return r;
}

const Weights*
Profile::weights_for(std::string_view group, util::Date date) const
{
  const Weights* best = nullptr;
  auto better = [&](const Weights& w) {
    if (w.from && *w.from > date)
      return false;
    if (!best)
      return true;
    bool own = !w.group.empty(), best_own = !best->group.empty();
    if (own != best_own)
      return own;
    return w.from.value_or(util::Date{INT32_MIN}) > best->from.value_or(util::Date{INT32_MIN});
  };
  for (const auto& w : weights)
    if ((w.group.empty() || w.group == group) && better(w))
      best = &w;
  return best;
}

std::string_view
Profile::group_of(UnitType type) const
{
  for (const auto& g : groups)
    if (std::find(g.types.begin(), g.types.end(), type) != g.types.end())
      return g.name;
  return "其他";
}

std::optional<util::Duration>
Profile::limit(std::string_view name, std::string_view urgency) const
{
  if (!urgency.empty())
    for (const auto& u : urgency_limits)
      if (u.urgency == urgency)
        for (const auto& l : u.limits)
          if (l.name.value == name)
            return l.value;
  for (const auto& l : limits)
    if (l.name.value == name)
      return l.value;
  return std::nullopt;
}

} // namespace duty::lists
