// Tests for util/date: validity, leap years, weekdays, parsing.
#include "util/date.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>
#include <string>

using namespace duty::util;

TEST_SUITE_BEGIN("util");

TEST_CASE("valid_ymd")
{
  SUBCASE("leap years")
  {
    CHECK(valid_ymd(2024, 2, 29));
    CHECK_FALSE(valid_ymd(2025, 2, 29));
    CHECK(valid_ymd(2000, 2, 29));      // divisible by 400
    CHECK_FALSE(valid_ymd(1900, 2, 29)); // divisible by 100 only
    CHECK_FALSE(valid_ymd(2100, 2, 29));
    CHECK(valid_ymd(2025, 2, 28));
  }
  SUBCASE("month lengths")
  {
    CHECK(valid_ymd(2025, 1, 31));
    CHECK_FALSE(valid_ymd(2025, 4, 31));
    CHECK_FALSE(valid_ymd(2025, 6, 31));
    CHECK(valid_ymd(2025, 12, 31));
    CHECK_FALSE(valid_ymd(2025, 13, 1));
    CHECK_FALSE(valid_ymd(2025, 0, 1));
    CHECK_FALSE(valid_ymd(2025, 1, 0));
    CHECK_FALSE(valid_ymd(2025, 1, 32));
  }
  SUBCASE("year range")
  {
    CHECK(valid_ymd(1900, 1, 1));
    CHECK(valid_ymd(2999, 12, 31));
    CHECK_FALSE(valid_ymd(1899, 12, 31));
    CHECK_FALSE(valid_ymd(3000, 1, 1));
  }
}

TEST_CASE("Date::from_ymd")
{
  CHECK(Date::from_ymd(1970, 1, 1).days == 0);
  CHECK(Date::from_ymd(1970, 1, 2).days == 1);
  CHECK(Date::from_ymd(1969, 12, 31).days == -1);
  CHECK(Date::from_ymd(2025, 1, 1).days == 20089);
  CHECK(Date::from_ymd(2024, 3, 1).days - Date::from_ymd(2024, 2, 28).days == 2);
  CHECK(Date::from_ymd(2025, 3, 1).days - Date::from_ymd(2025, 2, 28).days == 1);
  CHECK(Date::from_ymd(2026, 1, 1).days - Date::from_ymd(2025, 1, 1).days == 365);
  CHECK(Date::from_ymd(2025, 1, 1).days - Date::from_ymd(2024, 1, 1).days == 366);

  SUBCASE("round trip through year, month, day")
  {
    for (int32_t days = -800; days < 60000; days += 37) {
      Date d{days};
      CHECK(Date::from_ymd(d.year(), d.month(), d.day()) == d);
      CHECK(valid_ymd(d.year(), d.month(), d.day()));
    }
  }
  SUBCASE("accessors")
  {
    Date d = Date::from_ymd(2024, 2, 29);
    CHECK(d.year() == 2024);
    CHECK(d.month() == 2);
    CHECK(d.day() == 29);
    CHECK(Date{d.days + 1}.month() == 3);
    CHECK(Date{d.days + 1}.day() == 1);
  }
}

TEST_CASE("Date::iso_weekday")
{
  CHECK(Date::from_ymd(1970, 1, 1).iso_weekday() == 4);  // Thursday
  CHECK(Date::from_ymd(1969, 12, 31).iso_weekday() == 3); // Wednesday, before the epoch
  CHECK(Date::from_ymd(2000, 1, 1).iso_weekday() == 6);  // Saturday
  CHECK(Date::from_ymd(2021, 9, 24).iso_weekday() == 5); // the hotline regulation: a Friday
  SUBCASE("2025 make-up workdays fall on weekends")
  {
    CHECK(Date::from_ymd(2025, 1, 26).iso_weekday() == 7); // Sunday
    CHECK(Date::from_ymd(2025, 2, 8).iso_weekday() == 6);  // Saturday
    CHECK(Date::from_ymd(2025, 4, 27).iso_weekday() == 7);
    CHECK(Date::from_ymd(2025, 9, 28).iso_weekday() == 7);
    CHECK(Date::from_ymd(2025, 10, 11).iso_weekday() == 6);
    CHECK(Date::from_ymd(2025, 1, 26).is_weekend());
    CHECK(Date::from_ymd(2025, 2, 8).is_weekend());
  }
  SUBCASE("weekdays")
  {
    CHECK(Date::from_ymd(2025, 1, 27).iso_weekday() == 1); // Monday
    CHECK(Date::from_ymd(2025, 1, 28).iso_weekday() == 2);
    CHECK_FALSE(Date::from_ymd(2025, 1, 27).is_weekend());
    CHECK_FALSE(Date::from_ymd(2025, 1, 31).is_weekend()); // Friday
  }
  SUBCASE("consecutive days cycle through 1..7")
  {
    Date d = Date::from_ymd(2025, 1, 27);
    for (int k = 0; k < 14; ++k)
      CHECK(Date{d.days + k}.iso_weekday() == k % 7 + 1);
  }
}

TEST_CASE("Date::str")
{
  CHECK(Date::from_ymd(2025, 1, 1).str() == "2025-01-01");
  CHECK(Date::from_ymd(1999, 12, 31).str() == "1999-12-31");
  CHECK(Date{0}.str() == "1970-01-01");
}

TEST_CASE("parse_date")
{
  SUBCASE("valid dates")
  {
    auto d = parse_date("2025-01-26");
    REQUIRE(d);
    CHECK(*d == Date::from_ymd(2025, 1, 26));
    CHECK(parse_date("2024-02-29"));
    CHECK(parse_date("2025-12-31")->str() == "2025-12-31");
  }
  SUBCASE("invalid dates")
  {
    CHECK_FALSE(parse_date("2025-02-29"));
    CHECK_FALSE(parse_date("2025-02-30"));
    CHECK_FALSE(parse_date("2025-04-31"));
    CHECK_FALSE(parse_date("2025-13-01"));
    CHECK_FALSE(parse_date("2025-00-10"));
    CHECK_FALSE(parse_date("2025-01-00"));
    CHECK_FALSE(parse_date("1899-12-31"));
  }
  SUBCASE("wrong format")
  {
    CHECK_FALSE(parse_date(""));
    CHECK_FALSE(parse_date("2025-1-01"));
    CHECK_FALSE(parse_date("2025/01/01"));
    CHECK_FALSE(parse_date("20250101"));
    CHECK_FALSE(parse_date("2025-01-01 "));
    CHECK_FALSE(parse_date(" 2025-01-01"));
    CHECK_FALSE(parse_date("2025-01-1a"));
    CHECK_FALSE(parse_date("+025-01-01"));
    CHECK_FALSE(parse_date("2025年1月1日"));
    CHECK_FALSE(parse_date("2025-01-01T00:00"));
  }
}

TEST_CASE("Date ordering")
{
  CHECK(Date::from_ymd(2025, 1, 1) < Date::from_ymd(2025, 1, 2));
  CHECK(Date::from_ymd(2024, 12, 31) < Date::from_ymd(2025, 1, 1));
  CHECK(Date::from_ymd(2025, 5, 5) == *parse_date("2025-05-05"));
}

TEST_CASE("today_shanghai")
{
  // An independent clock: the C library's local time under the POSIX zone
  // "CST-8" (UTC+8, no daylight saving), read before and after.
  auto local_today = [] {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    return Date::from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  };
  const char* old = std::getenv("TZ");
  std::string saved = old ? old : "";
  ::setenv("TZ", "CST-8", 1);
  ::tzset();
  Date before = local_today();
  Date t = today_shanghai();
  std::string now = now_shanghai();
  Date after = local_today();
  if (old)
    ::setenv("TZ", saved.c_str(), 1);
  else
    ::unsetenv("TZ");
  ::tzset();
  CHECK((t == before || t == after));
  CHECK(now.substr(0, 10) == t.str());
  CHECK(now.size() == 19);
}

TEST_SUITE_END();

TEST_CASE("date_problem says why a date is not one")
{
  CHECK(date_problem("2025-03-01") == "");
  CHECK(date_problem("2025-02-30") == "February 2025 has 28 days");
  CHECK(date_problem("2024-02-30") == "February 2024 has 29 days");
  CHECK(date_problem("2025-04-31") == "April 2025 has 30 days");
  CHECK(date_problem("2025-13-01") == "there is no month 13");
  CHECK(date_problem("2025-00-10") == "there is no month 0");
  CHECK(date_problem("2025-01-00") == "there is no day 0");
  CHECK(date_problem("2025/03/01") == "dates are written YYYY-MM-DD, e.g. 2025-03-01");
  CHECK(date_problem("25-3-1") == "dates are written YYYY-MM-DD, e.g. 2025-03-01");
  CHECK(date_problem("3000-01-01") == "the year 3000 is outside 1900-2999");
  CHECK(date_problem("1899-12-31") == "the year 1899 is outside 1900-2999");
}
