#pragma once

// The provenance printed at the foot of every report: which lists, which
// profile, which calendars, as of when, by which duty.
#include "lists/model.hpp"

#include <string>
#include <utility>
#include <vector>

namespace duty::report {

struct Stamp
{
  std::string lists_hash;     // rates::lists_hash() of the set
  std::string lists;          // the set's path as given
  std::string profile;        // "bj-practice (built-in bj-practice)"
  std::string calendar_years; // "2025, 2026"
  std::string as_of;          // YYYY-MM-DD HH:MM:SS, Beijing time
  std::string version;        // duty's
};

// Label and value pairs in print order.
std::vector<std::pair<std::string, std::string>>
stamp_fields(const Stamp& s);

// The years the set's calendars cover, ascending: "2025, 2026" ("无" when none).
std::string
calendar_years(const lists::ListSet& set);

} // namespace duty::report
