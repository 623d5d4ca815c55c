#include "rates/order.hpp"

#include "util/date.hpp"
#include "util/time.hpp"

namespace duty::rates {

namespace {

bool
digits(std::string_view s, size_t at, size_t n, int& out)
{
  out = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9')
      return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

} // namespace

std::optional<int64_t>
parse_stamp(std::string_view s)
{
  int y, mo, d, h = 0, mi = 0, se = 0;
  if (s.size() < 10 || s[4] != '-' || s[7] != '-' || !digits(s, 0, 4, y) || !digits(s, 5, 2, mo)
      || !digits(s, 8, 2, d) || !util::valid_ymd(y, mo, d) || !util::year_in_range(y))
    return std::nullopt;
  if (s.size() > 10) {
    if (s.size() < 16 || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || !digits(s, 11, 2, h)
        || !digits(s, 14, 2, mi) || h > 23 || mi > 59)
      return std::nullopt;
    if (s.size() > 16 && (s.size() != 19 || s[16] != ':' || !digits(s, 17, 2, se) || se > 59))
      return std::nullopt;
  }
  return int64_t(util::Date::from_ymd(y, mo, d).days) * 86400 + h * 3600 + mi * 60 + se;
}

Tri
tri_of(std::string_view s)
{
  return s == "1" ? Tri::yes : s == "0" ? Tri::no : Tri::unknown;
}

Resolved
resolved_of(std::string_view s)
{
  return s == "yes" ? Resolved::yes : s == "partly" ? Resolved::partly : s == "no" ? Resolved::no : Resolved::unknown;
}

Satisfaction
satisfaction_of(std::string_view s)
{
  if (s == "satisfied")
    return Satisfaction::satisfied;
  if (s == "basic")
    return Satisfaction::basic;
  if (s == "unsatisfied")
    return Satisfaction::unsatisfied;
  if (s == "unrated")
    return Satisfaction::unrated;
  return Satisfaction::unknown;
}

Verdict
verdict_of(std::string_view s)
{
  return s == "yes" ? Verdict::yes : s == "no" ? Verdict::no : s == "rejected" ? Verdict::rejected : Verdict::unknown;
}

} // namespace duty::rates
