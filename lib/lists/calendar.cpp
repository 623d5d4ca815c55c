#include "lists/calendar.hpp"

namespace duty::lists {

util::WorkCalendar
work_calendar(const ListSet& set)
{
  std::vector<int> years;
  std::vector<util::Date> holidays, workdays;
  for (const auto& c : set.calendars) {
    years.push_back(c.year);
    for (const auto& d : c.holidays)
      holidays.push_back(d.date);
    for (const auto& d : c.workdays)
      workdays.push_back(d.date);
  }
  return util::WorkCalendar(years, holidays, workdays);
}

} // namespace duty::lists
