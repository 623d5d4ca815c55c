#pragma once

#include "util/date.hpp"
#include "util/error.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace duty::util {

// A date the calendar has no answer for: its year is not covered. The
// message names the year; a calendar never guesses.
class CalendarGap : public InputError
{
public:
  CalendarGap(int year, Date date);
  int
  year() const
  {
    return m_year;
  }
  Date
  date() const
  {
    return m_date;
  }

private:
  int m_year;
  Date m_date;
};

// Working days (DOMAIN.md §4): a date is a working day if it is Monday to
// Friday and not a listed holiday, or if it is a listed make-up workday
// (调休). Only the covered years answer; a year's notice may list dates of a
// neighbouring year, and the dates are indexed by date, so they count once
// that year is covered too. Immutable once built; lookups are O(1).
class WorkCalendar
{
public:
  WorkCalendar() = default;
  // `years`: the years covered; `holidays` and `workdays`: dates of any year
  // (those of an uncovered year are kept out). A date in both lists is a
  // workday: the make-up day is the more specific statement.
  WorkCalendar(const std::vector<int>& years, const std::vector<Date>& holidays,
               const std::vector<Date>& workdays);

  bool covers(int year) const;
  // The covered years, ascending.
  const std::vector<int>&
  years() const
  {
    return m_years;
  }

  // Throws CalendarGap for a date of a year that is not covered.
  bool is_workday(Date d) const;
  // The first working day after `d` (d itself not counted).
  Date next_workday(Date d) const;
  // The n-th working day after `d` (d itself not counted); n ≥ 1.
  Date nth_workday_after(Date d, long n) const;
  // Working days in a covered year.
  int workdays_in(int year) const;

private:
  // Per day from m_first: -1 not covered, 0 day off, 1 working day.
  std::vector<int8_t> m_days;
  int32_t m_first = 0;
  std::vector<int> m_years;
};

} // namespace duty::util
