#pragma once

// Running lib/rates for a report: the orders are counted once, then the
// period, the previous period and each month of the trend window are built
// from the counts and laid out by output::rates_tables — exactly what
// `duty rates --period M [--compare M-1]` prints.
#include "rates/count.hpp"
#include "report/rates_sections.hpp"

namespace duty::report {

struct RatesRequest
{
  rates::CountOptions count;  // profile, lists, inputs or db, reader options (`by` is set here)
  std::string profile_source; // "built-in bj-practice", for the tables' meta
  std::string period;         // YYYY-MM
  int months = 6;             // trend window, ending with `period`
};

struct RatesResult
{
  RatesTables tables;
  rates::Counted counted; // for the notes a command prints: bad rows, unplaced orders, …
};

// Throws UsageError for a bad period or unreadable input, InputError when
// the period has no orders (naming the periods there are).
RatesResult
compute_rates(RatesRequest request);

// Section ids for the profile's groups: "streets" for a group of territorial
// unit types only, "departments" for one holding departments, else "group-N";
// units in no group are "other".
std::vector<std::pair<std::string, std::string>>
group_slugs(const lists::Profile& profile);

} // namespace duty::report
