#include "rates/period.hpp"

#include <fmt/format.h>

namespace duty::rates {

namespace {

int
month_of(util::Date d)
{
  return d.year() * 12 + d.month() - 1;
}

util::Date
first_day(int month)
{
  return util::Date::from_ymd(month / 12, month % 12 + 1, 1);
}

std::string
stamp(int month, int day, int minute)
{
  return fmt::format("{}-{:02} {:02}:{:02}", month_name(month), day, minute / 60, minute % 60);
}

} // namespace

int
period_of(const lists::Period& p, int64_t seconds)
{
  int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  util::Date d{int32_t(days)};
  int month = month_of(d);
  if (p.kind == lists::Period::Kind::month)
    return month;
  // A window named M runs from (from_day, from_minute) of M−1 to the same point of M.
  int64_t minute = (seconds - days * 86400) / 60;
  int64_t pos = int64_t(d.day() - 1) * 1440 + minute;
  int64_t start = int64_t(p.from_day - 1) * 1440 + p.from_minute;
  return pos >= start ? month + 1 : month;
}

std::string
month_name(int month)
{
  return fmt::format("{:04}-{:02}", month / 12, month % 12 + 1);
}

std::string
span_name(Span s)
{
  return s.first == s.last ? month_name(s.first) : month_name(s.first) + ".." + month_name(s.last);
}

std::optional<int>
parse_month(std::string_view s)
{
  if (s.size() != 7 || s[4] != '-')
    return std::nullopt;
  int y = 0, m = 0;
  for (size_t i = 0; i < 7; ++i) {
    if (i == 4)
      continue;
    if (s[i] < '0' || s[i] > '9')
      return std::nullopt;
    (i < 4 ? y : m) = (i < 4 ? y : m) * 10 + (s[i] - '0');
  }
  if (m < 1 || m > 12 || y < 1900)
    return std::nullopt;
  return y * 12 + m - 1;
}

std::optional<Span>
parse_span(std::string_view s)
{
  size_t dots = s.find("..");
  auto first = parse_month(s.substr(0, dots));
  auto last = dots == std::string_view::npos ? first : parse_month(s.substr(dots + 2));
  if (!first || !last || *last < *first)
    return std::nullopt;
  return Span{*first, *last};
}

util::Date
period_end(const lists::Period& p, int month)
{
  if (p.kind == lists::Period::Kind::month)
    return util::Date{first_day(month + 1).days - 1};
  util::Date end = util::Date::from_ymd(month / 12, month % 12 + 1, p.to_day);
  return p.to_minute == 0 ? util::Date{end.days - 1} : end;
}

std::string
describe_period(const lists::Period& p, int month)
{
  if (p.kind == lists::Period::Kind::month)
    return stamp(month, 1, 0) + " to " + stamp(month, period_end(p, month).day(), 1440);
  return stamp(month - 1, p.from_day, p.from_minute) + " to " + stamp(month, p.to_day, p.to_minute);
}

} // namespace duty::rates
