// Tests for util/workcal and util/deadline: working days across the 2025 and
// 2026 holidays (DOMAIN.md §4, as the State Council's notices give them), the
// civil-code count and its golden cases.
#include "util/deadline.hpp"

#include <doctest/doctest.h>

using namespace duty::util;

namespace {

Date
d(const char* s)
{
  return *parse_date(s);
}

Timestamp
t(const char* s)
{
  return *parse_timestamp(s);
}

void
range(std::vector<Date>& out, const char* from, const char* to)
{
  for (Date x = d(from); x <= d(to); x.days++)
    out.push_back(x);
}

WorkCalendar
china(std::vector<int> years = {2025, 2026})
{
  std::vector<Date> off, on;
  range(off, "2025-01-01", "2025-01-01");
  range(off, "2025-01-28", "2025-02-04");
  range(off, "2025-04-04", "2025-04-06");
  range(off, "2025-05-01", "2025-05-05");
  range(off, "2025-05-31", "2025-06-02");
  range(off, "2025-10-01", "2025-10-08");
  for (const char* w : {"2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"})
    on.push_back(d(w));
  range(off, "2026-01-01", "2026-01-03");
  range(off, "2026-02-15", "2026-02-23");
  range(off, "2026-04-04", "2026-04-06");
  range(off, "2026-05-01", "2026-05-05");
  range(off, "2026-06-19", "2026-06-21");
  range(off, "2026-09-25", "2026-09-27");
  range(off, "2026-10-01", "2026-10-07");
  for (const char* w : {"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"})
    on.push_back(d(w));
  return WorkCalendar(years, off, on);
}

std::string
due(const WorkCalendar& cal, const char* start, const char* limit, DayCount count = DayCount::civil)
{
  return deadline_after(t(start), *parse_duration(limit), cal, count).str();
}

} // namespace

TEST_SUITE_BEGIN("util");

TEST_CASE("work calendar: weekdays, holidays and make-up days")
{
  auto cal = china();
  CHECK(cal.is_workday(d("2025-03-03")));       // a Monday
  CHECK_FALSE(cal.is_workday(d("2025-03-08"))); // a Saturday
  CHECK_FALSE(cal.is_workday(d("2025-10-06"))); // 国庆, a Monday
  CHECK(cal.is_workday(d("2025-10-11")));       // 调休, a Saturday
  CHECK(cal.is_workday(d("2026-02-28")));       // 调休 after 2026 春节
  CHECK_FALSE(cal.is_workday(d("2026-02-16"))); // 春节 2026 starts on 腊月二十八, 2-15
  // DOMAIN.md §4's lint: both years have 248 working days.
  CHECK(cal.workdays_in(2025) == 248);
  CHECK(cal.workdays_in(2026) == 248);
}

TEST_CASE("work calendar: a year it does not cover is an error naming the year")
{
  auto cal = china({2025});
  CHECK(cal.covers(2025));
  CHECK_FALSE(cal.covers(2026));
  try {
    cal.is_workday(d("2026-01-05"));
    FAIL("no error");
  } catch (const CalendarGap& e) {
    CHECK(e.year() == 2026);
    CHECK(std::string(e.what()).find("no working-day calendar for 2026") != std::string::npos);
  }
  // A count that runs off the end of the covered years fails the same way.
  CHECK_THROWS_AS(cal.nth_workday_after(d("2025-12-29"), 5), CalendarGap);
  CHECK_THROWS_AS(china({2026}).is_workday(d("2025-12-31")), CalendarGap);
  // Dates of a year that is not covered are never guessed at, even when listed.
  WorkCalendar only2024({2024}, {d("2023-12-30")}, {});
  CHECK_THROWS_AS(only2024.is_workday(d("2023-12-30")), CalendarGap);
}

TEST_CASE("deadline: the golden working-day cases")
{
  auto cal = china();
  // The last working day is the printed date minus one: the deadline is the
  // first second after the period.
  CHECK(due(cal, "2025-09-30 10:00:00", "7wd") == "2025-10-17 00:00:00"); // 10-11 Sat counts
  CHECK(due(cal, "2025-09-26 16:20:00", "5wd") == "2025-10-11 00:00:00"); // ends 10-10
  CHECK(due(cal, "2026-02-12 09:00:00", "7wd") == "2026-03-01 00:00:00"); // ends 2-28, a make-up Saturday
  CHECK(due(cal, "2026-09-18 09:00:00", "7wd") == "2026-09-30 00:00:00"); // ends 9-29
  // Across 2025 春节 (1-26 is a make-up Sunday) and 2026 国庆 (10-10 a make-up Saturday).
  CHECK(due(cal, "2025-01-24 12:00:00", "5wd") == "2025-02-08 00:00:00"); // ends 2-07
  CHECK(due(cal, "2025-01-27 12:00:00", "1wd") == "2025-02-06 00:00:00"); // ends 2-05
  CHECK(due(cal, "2026-09-30 12:00:00", "3wd") == "2026-10-11 00:00:00"); // ends 10-10
  // Across the year end.
  CHECK(due(cal, "2025-12-30 12:00:00", "3wd") == "2026-01-06 00:00:00"); // 12-31, 1-04 Sun (调休), 1-05
}

TEST_CASE("deadline: natural days under the civil code")
{
  auto cal = china();
  // The start day is not counted; the period ends at 24:00 of the N-th day.
  CHECK(due(cal, "2025-03-04 10:00:00", "7d") == "2025-03-12 00:00:00");
  // A last day that is not a working day runs to the end of the next working day.
  CHECK(due(cal, "2025-03-01 10:00:00", "7d") == "2025-03-11 00:00:00"); // 3-08 Sat → 3-10 Mon
  CHECK(due(cal, "2025-09-24 10:00:00", "7d") == "2025-10-10 00:00:00"); // 10-01 国庆 → 10-09
  CHECK(due(cal, "2026-02-10 10:00:00", "7d") == "2026-02-25 00:00:00"); // 2-17 春节 → 2-24
  CHECK(due(cal, "2025-10-03 23:59:59", "1d") == "2025-10-10 00:00:00"); // 10-04 → 10-09
  // 7d that ends on a make-up Saturday ends there.
  CHECK(due(cal, "2025-10-04 08:00:00", "7d") == "2025-10-12 00:00:00");
}

TEST_CASE("deadline: clock hours and minutes run through nights and holidays")
{
  auto cal = china();
  CHECK(due(cal, "2025-03-01 23:30:00", "2h") == "2025-03-02 01:30:00");
  CHECK(due(cal, "2025-10-01 10:00:00", "30m") == "2025-10-01 10:30:00");
  CHECK(due(cal, "2025-10-01 10:00:00", "24h") == "2025-10-02 10:00:00");
  // Hours need no calendar at all.
  CHECK(due(WorkCalendar(), "2031-01-01 00:00:00", "2h") == "2031-01-01 02:00:00");
}

TEST_CASE("deadline: elapsed counting")
{
  auto cal = china();
  CHECK(due(cal, "2025-03-01 10:00:00", "7d", DayCount::elapsed) == "2025-03-08 10:00:00");
  CHECK(due(cal, "2025-09-30 10:00:00", "7wd", DayCount::elapsed) == "2025-10-16 10:00:00");
  // No calendar is needed for natural days.
  CHECK(due(WorkCalendar(), "2031-01-01 00:00:00", "7d", DayCount::elapsed) == "2031-01-08 00:00:00");
}

TEST_CASE("deadline: an extension starts where the period ended")
{
  auto cal = china();
  auto base = deadline_after(t("2025-03-01 10:00:00"), *parse_duration("7d"), cal, DayCount::civil);
  CHECK(base.str() == "2025-03-11 00:00:00");
  CHECK(extend_deadline(base, *parse_duration("7d"), cal, DayCount::civil).str() == "2025-03-18 00:00:00");
  CHECK(extend_deadline(base, *parse_duration("3wd"), cal, DayCount::civil).str() == "2025-03-14 00:00:00");
  CHECK(extend_deadline(base, *parse_duration("12h"), cal, DayCount::civil).str() == "2025-03-11 12:00:00");
  CHECK(extend_deadline(t("2025-03-08 10:00:00"), *parse_duration("7d"), cal, DayCount::elapsed).str() ==
        "2025-03-15 10:00:00");
}

TEST_CASE("deadline: a count into an uncovered year fails")
{
  auto cal = china({2025});
  CHECK_THROWS_AS(due(cal, "2025-12-29 10:00:00", "7wd"), CalendarGap);
  CHECK_THROWS_AS(due(cal, "2025-12-29 10:00:00", "7d"), CalendarGap); // the last day must be checked
  CHECK_NOTHROW(due(cal, "2025-12-29 10:00:00", "7d", DayCount::elapsed));
}
