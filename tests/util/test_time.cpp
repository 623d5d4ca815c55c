// Tests for util/time: the Beijing wall-clock timestamp.
#include "util/time.hpp"

#include <doctest/doctest.h>

using namespace duty::util;

TEST_SUITE_BEGIN("util");

TEST_CASE("timestamp: parse and print round-trip")
{
  auto t = parse_timestamp("2025-03-01 08:15:09");
  REQUIRE(t);
  CHECK(t->str() == "2025-03-01 08:15:09");
  CHECK(t->date() == Date::from_ymd(2025, 3, 1));
  CHECK(t->time_of_day() == 8 * 3600 + 15 * 60 + 9);
  CHECK(parse_timestamp("2025-03-01T08:15:09") == t);
  CHECK(parse_timestamp("2025-03-01 08:15")->str() == "2025-03-01 08:15:00");
  CHECK(parse_timestamp("2025-03-01")->str() == "2025-03-01 00:00:00");
  CHECK(Timestamp::at(Date::from_ymd(2025, 10, 17)).str() == "2025-10-17 00:00:00");
}

TEST_CASE("timestamp: bad text is refused")
{
  for (const char* bad :
       {"", "2025-03-01 24:00:00", "2025-02-29 10:00:00", "2025-03-01 10:60", "2025-03-01 10:00:61",
        "2025/03/01 10:00:00", "2025-03-01 10:00:00Z", "2025-03-01  10:00", "x025-03-01"})
    CHECK_MESSAGE(!parse_timestamp(bad), bad);
}

TEST_CASE("timestamp: arithmetic and order")
{
  auto a = *parse_timestamp("2025-12-31 23:30:00");
  auto b = a + 3600;
  CHECK(b.str() == "2026-01-01 00:30:00");
  CHECK(b - a == 3600);
  CHECK(a < b);
  // Before 1970 the day still starts at midnight.
  auto old = *parse_timestamp("1969-12-31 23:59:59");
  CHECK(old.date() == Date::from_ymd(1969, 12, 31));
  CHECK(old.str() == "1969-12-31 23:59:59");
  CHECK((old + 1).str() == "1970-01-01 00:00:00");
}
