#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace duty::util {

// A time limit as the lists write it: 30m, 2h, 7d (natural days), 7wd (working days).
struct Duration
{
  enum class Unit { minutes, hours, days, workdays };
  long amount = 0;
  Unit unit = Unit::minutes;

  std::string str() const;
  // Length in minutes for clock units (m, h, d); working days need a calendar.
  std::optional<long> clock_minutes() const;
  bool operator==(const Duration&) const = default;
};

std::optional<Duration>
parse_duration(std::string_view s);

} // namespace duty::util
