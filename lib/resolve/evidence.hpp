#pragma once

// What a resolution rests on, for people and for replay: the list items that
// decide a slice, and the time limits its deciding entry sets.
#include "resolve/resolver.hpp"

#include <string>
#include <vector>

namespace duty::resolve {

struct Evidence
{
  enum class Kind {
    primary,   // a primary-duty entry that decides (or conflicts)
    power,     // a power whose holder claims the lead
    task,      // a 基本履职 task of the territory
    withdrawn, // a 上级收回 task that took the territory's claim away
    assisting, // a 配合履职 task: the territory assists
    whistle,   // a whistle item for the matter
  };
  Kind kind = Kind::primary;
  lists::Loc loc;   // the item
  std::string text; // "primary ZZ-07: lead @属地:enforcement"
};

// The items behind `r`, in this order: primary entries, claims, 上级收回 and
// 配合履职 tasks, then (with `whistles`) the whistle items.
std::vector<Evidence> evidence(const Resolution& r, bool whistles = true);

// "lists/yanqing/primary.yaml:58" — where an item is, as evidence lists it.
std::string where(const lists::ListSet& set, const lists::Loc& loc);

// The time limits that apply to a slice from the lists: the deciding primary
// entry's `limits` when one entry decides the lead; none otherwise (the
// profile's defaults apply then).
std::vector<lists::Limit> limits(const Resolution& r);

} // namespace duty::resolve
