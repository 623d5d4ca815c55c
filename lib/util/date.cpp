#include "util/date.hpp"

#include "util/time.hpp"

#include <ctime>
#include <fmt/format.h>

namespace duty::util {

namespace {

// Days from 1970-01-01 to y-m-d, by counting whole 400-year eras, then years
// of the era starting in March so that the leap day falls last.
int32_t
days_from_civil(int y, int m, int d)
{
  y -= m <= 2;
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void
civil_from_days(int32_t z, int& y, int& m, int& d)
{
  z += 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = yoe + era * 400 + (m <= 2);
}

int
days_in_month(int y, int m)
{
  static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : n[m - 1];
}

} // namespace

bool
valid_ymd(int y, int m, int d)
{
  return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

Date
Date::from_ymd(int y, int m, int d)
{
  return Date{days_from_civil(y, m, d)};
}

int
Date::year() const
{
  int y, m, d;
  civil_from_days(days, y, m, d);
  return y;
}

int
Date::month() const
{
  int y, m, d;
  civil_from_days(days, y, m, d);
  return m;
}

int
Date::day() const
{
  int y, m, d;
  civil_from_days(days, y, m, d);
  return d;
}

void
Date::ymd(int& y, int& m, int& d) const
{
  civil_from_days(days, y, m, d);
}

int
Date::iso_weekday() const
{
  // 1970-01-01 was a Thursday (4).
  int w = (days % 7 + 7 + 3) % 7; // 0 = Monday
  return w + 1;
}

std::string
Date::str() const
{
  int y, m, d;
  civil_from_days(days, y, m, d);
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

std::optional<Date>
parse_date(std::string_view s)
{
  if (s.size() != 10 || s[4] != '-' || s[7] != '-')
    return std::nullopt;
  int v[3] = {0, 0, 0};
  size_t pos[3][2] = {{0, 4}, {5, 2}, {8, 2}};
  for (int k = 0; k < 3; ++k) {
    for (size_t i = pos[k][0]; i < pos[k][0] + pos[k][1]; ++i) {
      if (s[i] < '0' || s[i] > '9')
        return std::nullopt;
      v[k] = v[k] * 10 + (s[i] - '0');
    }
  }
  if (!valid_ymd(v[0], v[1], v[2]))
    return std::nullopt;
  return Date::from_ymd(v[0], v[1], v[2]);
}

namespace {

// Seconds since the epoch, shifted to UTC+8 (China has no daylight saving time).
std::time_t
shanghai_clock()
{
  return std::time(nullptr) + 8 * 3600;
}

} // namespace

Date
today_shanghai()
{
  return Date{static_cast<int32_t>(shanghai_clock() / 86400)};
}

std::string
now_shanghai()
{
  return now_beijing().str();
}

std::string
date_problem(std::string_view s)
{
  if (parse_date(s))
    return {};
  static constexpr const char* kForm = "dates are written YYYY-MM-DD, e.g. 2025-03-01";
  if (s.size() != 10 || s[4] != '-' || s[7] != '-')
    return kForm;
  int v[3] = {0, 0, 0};
  size_t pos[3][2] = {{0, 4}, {5, 2}, {8, 2}};
  for (int k = 0; k < 3; ++k)
    for (size_t i = pos[k][0]; i < pos[k][0] + pos[k][1]; ++i) {
      if (s[i] < '0' || s[i] > '9')
        return kForm;
      v[k] = v[k] * 10 + (s[i] - '0');
    }
  static constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                            "July",    "August",   "September", "October", "November", "December"};
  if (v[0] < 1900 || v[0] > 2999)
    return "the year " + std::to_string(v[0]) + " is outside 1900-2999";
  if (v[1] < 1 || v[1] > 12)
    return "there is no month " + std::to_string(v[1]);
  if (v[2] < 1)
    return "there is no day 0";
  int days = 31;
  while (days > 28 && !valid_ymd(v[0], v[1], days))
    --days;
  return std::string(kMonths[v[1] - 1]) + " " + std::to_string(v[0]) + " has " + std::to_string(days) + " days";
}

} // namespace duty::util
