// Tests for lists/calendar: the shipped 2025 and 2026 calendars, read from
// the example set, answer DOMAIN.md §4's golden cases.
#include "lists/calendar.hpp"
#include "lists/load.hpp"

#include <doctest/doctest.h>

using namespace duty;

TEST_CASE("calendar: the example set's years give the golden deadlines")
{
  auto loaded = lists::load_list_set({std::string(DUTY_SOURCE_DIR) + "/lists/yanqing"});
  auto cal = lists::work_calendar(loaded.set);
  CHECK(cal.years() == std::vector<int>{2025, 2026});
  CHECK(cal.workdays_in(2025) == 248);
  CHECK(cal.workdays_in(2026) == 248);
  auto due = [&](const char* start, const char* limit) {
    return util::deadline_after(*util::parse_timestamp(start), *util::parse_duration(limit), cal,
                                util::DayCount::civil)
        .str();
  };
  CHECK(due("2025-09-30 10:00:00", "7wd") == "2025-10-17 00:00:00");
  CHECK(due("2025-09-26 10:00:00", "5wd") == "2025-10-11 00:00:00");
  CHECK(due("2026-02-12 10:00:00", "7wd") == "2026-03-01 00:00:00");
  CHECK(due("2026-09-18 10:00:00", "7wd") == "2026-09-30 00:00:00");
  CHECK_THROWS_AS(due("2026-12-28 10:00:00", "7wd"), util::CalendarGap);
}
