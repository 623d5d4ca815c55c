#include "util/duration.hpp"

namespace duty::util {

std::optional<Duration>
parse_duration(std::string_view s)
{
  size_t i = 0;
  long n = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    n = n * 10 + (s[i] - '0');
    if (n > 1000000)
      return std::nullopt;
    ++i;
  }
  if (i == 0 || n == 0)
    return std::nullopt; // a zero time limit is a typo, never a rule
  std::string_view unit = s.substr(i);
  Duration d;
  d.amount = n;
  if (unit == "m")
    d.unit = Duration::Unit::minutes;
  else if (unit == "h")
    d.unit = Duration::Unit::hours;
  else if (unit == "d")
    d.unit = Duration::Unit::days;
  else if (unit == "wd")
    d.unit = Duration::Unit::workdays;
  else
    return std::nullopt;
  return d;
}

std::string
Duration::str() const
{
  static const char* suffix[] = {"m", "h", "d", "wd"};
  return std::to_string(amount) + suffix[static_cast<int>(unit)];
}

std::optional<long>
Duration::clock_minutes() const
{
  switch (unit) {
  case Unit::minutes: return amount;
  case Unit::hours: return amount * 60;
  case Unit::days: return amount * 1440;
  case Unit::workdays: return std::nullopt;
  }
  return std::nullopt;
}

} // namespace duty::util
