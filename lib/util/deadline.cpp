#include "util/deadline.hpp"

namespace duty::util {

Timestamp
deadline_after(Timestamp start, const Duration& limit, const WorkCalendar& cal, DayCount count)
{
  using U = Duration::Unit;
  const long n = limit.amount;
  switch (limit.unit) {
  case U::minutes: return start + int64_t(n) * 60;
  case U::hours: return start + int64_t(n) * 3600;
  case U::days:
    if (count == DayCount::elapsed)
      return start + int64_t(n) * 86400;
    {
      Date last{start.date().days + int32_t(n)};
      if (!cal.is_workday(last))
        last = cal.next_workday(last);
      return Timestamp::at(Date{last.days + 1});
    }
  case U::workdays: {
    Date last = cal.nth_workday_after(start.date(), n);
    if (count == DayCount::elapsed)
      return Timestamp::at(last) + start.time_of_day();
    return Timestamp::at(Date{last.days + 1});
  }
  }
  return start;
}

Timestamp
extend_deadline(Timestamp deadline, const Duration& extra, const WorkCalendar& cal, DayCount count)
{
  bool by_days = extra.unit == Duration::Unit::days || extra.unit == Duration::Unit::workdays;
  if (count == DayCount::civil && by_days)
    return deadline_after(deadline - 1, extra, cal, count); // from the period's last day
  return deadline_after(deadline, extra, cal, count);
}

} // namespace duty::util
