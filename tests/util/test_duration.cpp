// Tests for util/duration: the time limits of the lists.
#include "util/duration.hpp"

#include <doctest/doctest.h>

using namespace duty::util;
using Unit = Duration::Unit;

TEST_SUITE_BEGIN("util");

TEST_CASE("parse_duration")
{
  SUBCASE("the four units")
  {
    CHECK(parse_duration("30m") == Duration{30, Unit::minutes});
    CHECK(parse_duration("2h") == Duration{2, Unit::hours});
    CHECK(parse_duration("7d") == Duration{7, Unit::days});
    CHECK(parse_duration("7wd") == Duration{7, Unit::workdays});
    CHECK(parse_duration("15wd") == Duration{15, Unit::workdays});
    CHECK(parse_duration("24h") == Duration{24, Unit::hours});
  }
  SUBCASE("bounds")
  {
    CHECK(parse_duration("1000000m") == Duration{1000000, Unit::minutes});
    CHECK_FALSE(parse_duration("1000001m"));
    CHECK_FALSE(parse_duration("99999999999999999999999d")); // no overflow
  }
  SUBCASE("bad ones")
  {
    CHECK_FALSE(parse_duration(""));
    CHECK_FALSE(parse_duration("m"));
    CHECK_FALSE(parse_duration("wd"));
    CHECK_FALSE(parse_duration("7"));
    CHECK_FALSE(parse_duration("7 d"));
    CHECK_FALSE(parse_duration(" 7d"));
    CHECK_FALSE(parse_duration("7d "));
    CHECK_FALSE(parse_duration("7D"));
    CHECK_FALSE(parse_duration("7H"));
    CHECK_FALSE(parse_duration("-1d"));
    CHECK_FALSE(parse_duration("+1d"));
    CHECK_FALSE(parse_duration("1.5h"));
    CHECK_FALSE(parse_duration("7dd"));
    CHECK_FALSE(parse_duration("7w"));
    CHECK_FALSE(parse_duration("7days"));
    CHECK_FALSE(parse_duration("30min"));
    CHECK_FALSE(parse_duration("0m")); // a zero limit is a typo
    CHECK_FALSE(parse_duration("0wd"));
    CHECK_FALSE(parse_duration("2h30m"));
    CHECK_FALSE(parse_duration("7天"));
    CHECK_FALSE(parse_duration("７d")); // full-width digit
  }
}

TEST_CASE("Duration::str")
{
  for (const char* s : {"30m", "2h", "7d", "7wd", "1m"}) {
    auto d = parse_duration(s);
    REQUIRE(d);
    CHECK(d->str() == s);
  }
}

TEST_CASE("Duration::clock_minutes")
{
  CHECK(parse_duration("30m")->clock_minutes() == 30);
  CHECK(parse_duration("2h")->clock_minutes() == 120);
  CHECK(parse_duration("7d")->clock_minutes() == 7 * 1440);
  CHECK_FALSE(parse_duration("7wd")->clock_minutes());
}

TEST_SUITE_END();
