#include "util/workcal.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace duty::util {

CalendarGap::CalendarGap(int year, Date date)
    : InputError(fmt::format("no working-day calendar for {} (needed for {}): add the year's "
                             "holidays and make-up workdays (a calendar item with year: {})",
                             year, date.str(), year)),
      m_year(year), m_date(date)
{
}

WorkCalendar::WorkCalendar(const std::vector<int>& years, const std::vector<Date>& holidays,
                           const std::vector<Date>& workdays)
    : m_years(years)
{
  std::sort(m_years.begin(), m_years.end());
  m_years.erase(std::unique(m_years.begin(), m_years.end()), m_years.end());
  m_years.erase(std::remove_if(m_years.begin(), m_years.end(), [](int y) { return y < 1900 || y > 2999; }),
                m_years.end());
  if (m_years.empty())
    return;
  m_first = Date::from_ymd(m_years.front(), 1, 1).days;
  int32_t end = Date::from_ymd(m_years.back() + 1, 1, 1).days;
  m_days.assign(size_t(end - m_first), -1);
  for (int y : m_years)
    for (int32_t d = Date::from_ymd(y, 1, 1).days; d < Date::from_ymd(y + 1, 1, 1).days; ++d)
      m_days[size_t(d - m_first)] = Date{d}.is_weekend() ? 0 : 1;
  auto set = [&](Date d, int8_t v) {
    if (d.days >= m_first && d.days < end && m_days[size_t(d.days - m_first)] >= 0)
      m_days[size_t(d.days - m_first)] = v;
  };
  for (Date d : holidays)
    set(d, 0);
  for (Date d : workdays)
    set(d, 1);
}

bool
WorkCalendar::covers(int year) const
{
  return std::binary_search(m_years.begin(), m_years.end(), year);
}

bool
WorkCalendar::is_workday(Date d) const
{
  int64_t i = int64_t(d.days) - m_first;
  if (i < 0 || i >= int64_t(m_days.size()) || m_days[size_t(i)] < 0)
    throw CalendarGap(d.year(), d);
  return m_days[size_t(i)] == 1;
}

Date
WorkCalendar::next_workday(Date d) const
{
  return nth_workday_after(d, 1);
}

Date
WorkCalendar::nth_workday_after(Date d, long n) const
{
  for (long left = n; left > 0;) {
    d.days += 1;
    if (is_workday(d))
      --left;
  }
  return d;
}

int
WorkCalendar::workdays_in(int year) const
{
  int n = 0;
  for (Date d = Date::from_ymd(year, 1, 1); d.year() == year; d.days += 1)
    n += is_workday(d);
  return n;
}

} // namespace duty::util
