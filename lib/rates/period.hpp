#pragma once

// Assessment periods, named YYYY-MM: a calendar month, or a window such as
// "the 19th of the previous month 00:00 to the 18th 24:00" (lists::Period).
// A period is held as a month index: year × 12 + month − 1.
#include "lists/model.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace duty::rates {

// Months first..last, inclusive.
struct Span
{
  int first = 0, last = 0;
  bool contains(int month) const { return month >= first && month <= last; }
  bool operator==(const Span&) const = default;
};

// The period a wall-clock time (seconds, rates::parse_stamp) falls in.
int
period_of(const lists::Period& p, int64_t seconds);

// "2025-03".
std::string
month_name(int month);

// "2025-03", or "2025-01..2025-03" for several months.
std::string
span_name(Span s);

// "YYYY-MM" → a month index.
std::optional<int>
parse_month(std::string_view s);

// "YYYY-MM" or "YYYY-MM..YYYY-MM" (first not after last).
std::optional<Span>
parse_span(std::string_view s);

// The last day period `month` covers (weights are those in force on it).
util::Date
period_end(const lists::Period& p, int month);

// "2025-02-19 00:00 to 2025-03-18 24:00": what a period covers, for messages and the JSON profile.
std::string
describe_period(const lists::Period& p, int month);

} // namespace duty::rates
