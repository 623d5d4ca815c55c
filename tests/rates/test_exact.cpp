// Tests for rates/exact and rates/period: rounding half away from zero from
// exact fractions, and which period a time falls in.
#include "rates/exact.hpp"
#include "rates/order.hpp"
#include "rates/period.hpp"

#include <doctest/doctest.h>

using namespace duty;
using namespace duty::rates;

TEST_SUITE_BEGIN("rates");

TEST_CASE("round half away from zero, from the exact value")
{
  CHECK(round_text(Fraction(1, 8), 2) == "0.13");   // 0.125: a true half goes up
  CHECK(round_text(Fraction(-1, 8), 2) == "-0.13"); // and away from zero below it
  CHECK(round_text(Fraction(1249, 10000), 2) == "0.12");
  CHECK(round_text(Fraction(2, 3), 6) == "0.666667");
  CHECK(round_text(Fraction(1), 6) == "1.000000");
  CHECK(round_text(Fraction(0), 1) == "0.0");
  CHECK(round_text(Fraction(-1, 100), 1) == "0.0"); // no "-0.0"
  CHECK(round_text(Fraction(1005, 10), 0) == "101");
  // 68.45 as a double is 68.4499…; from counts it is exactly a half.
  CHECK(round_text(Fraction(6845, 100), 1) == "68.5");
  CHECK(scaled_text(mpz_class(-5), 2, true) == "-0.05");
  CHECK(scaled_text(mpz_class(1200), 2, true) == "+12.00");
  CHECK(scaled_text(mpz_class(0), 1, true) == "0.0");
  CHECK(fraction(lists::Ratio{90, 100}) == Fraction(9, 10));
}

TEST_CASE("stored times to seconds")
{
  auto t = parse_stamp("2025-03-01 08:15:30");
  REQUIRE(t);
  CHECK(*t % 86400 == 8 * 3600 + 15 * 60 + 30);
  CHECK(parse_stamp("2025-03-01") == *t - (8 * 3600 + 15 * 60 + 30));
  CHECK(parse_stamp("2025-03-01 08:15") == *t - 30);
  CHECK_FALSE(parse_stamp("2025-02-30 08:00:00"));
  CHECK_FALSE(parse_stamp("2025-03-01 24:00:00"));
  CHECK_FALSE(parse_stamp("20250301"));
  CHECK_FALSE(parse_stamp(""));
}

TEST_CASE("periods: calendar months and windows that tile the year")
{
  auto at = [](const char* s) { return *parse_stamp(s); };
  lists::Period month;
  CHECK(month_name(period_of(month, at("2025-03-31 23:59:59"))) == "2025-03");
  CHECK(month_name(period_of(month, at("2025-04-01 00:00:00"))) == "2025-04");
  CHECK(period_end(month, *parse_month("2025-02")).str() == "2025-02-28");
  CHECK(period_end(month, *parse_month("2024-12")).str() == "2024-12-31");

  lists::Period w; // the 19th of the previous month 00:00 to the 18th 24:00
  w.kind = lists::Period::Kind::window;
  w.from_day = 19;
  w.to_day = 18;
  w.to_minute = 1440;
  CHECK(month_name(period_of(w, at("2025-03-18 23:59:59"))) == "2025-03");
  CHECK(month_name(period_of(w, at("2025-03-19 00:00:00"))) == "2025-04");
  CHECK(month_name(period_of(w, at("2025-12-25 10:00:00"))) == "2026-01");
  CHECK(period_end(w, *parse_month("2025-03")).str() == "2025-03-18");
  CHECK(describe_period(w, *parse_month("2025-03")) == "2025-02-19 00:00 to 2025-03-18 24:00");

  lists::Period noon = w; // noon to noon on the 19th
  noon.from_minute = noon.to_minute = 720;
  noon.to_day = 19;
  CHECK(month_name(period_of(noon, at("2025-03-19 11:59:00"))) == "2025-03");
  CHECK(month_name(period_of(noon, at("2025-03-19 12:00:00"))) == "2025-04");
  CHECK(period_end(noon, *parse_month("2025-03")).str() == "2025-03-19");
}

TEST_CASE("--period spans")
{
  auto s = parse_span("2025-01..2025-03");
  REQUIRE(s);
  CHECK(span_name(*s) == "2025-01..2025-03");
  CHECK(s->contains(*parse_month("2025-02")));
  CHECK(span_name(*parse_span("2025-03")) == "2025-03");
  CHECK_FALSE(parse_span("2025-03..2025-01"));
  CHECK_FALSE(parse_span("2025-13"));
  CHECK_FALSE(parse_span("2025-3"));
  CHECK_FALSE(parse_span("2025-03.."));
}

TEST_SUITE_END();
