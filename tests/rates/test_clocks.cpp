// Tests for rates/clocks: which profiles count from replay's clocks, and the
// on-time counts of the built-in on-time profile from a clock book.
#include "lists/profile.hpp"
#include "rates/clocks.hpp"
#include "rates/report.hpp"

#include <doctest/doctest.h>

#include <deque>
#include <string>

using namespace duty;
using namespace duty::rates;
using replay::ClockStatus;

namespace {

lists::Profile
builtin(std::string_view name)
{
  lists::ProfileChoice c = lists::choose_profile(name, nullptr);
  REQUIRE(c.profile);
  return *c.profile;
}

replay::Clocks
clocks(ClockStatus contact, ClockStatus close)
{
  replay::Clocks c;
  c.sign.status = ClockStatus::on_time;
  c.contact.status = contact;
  c.close.status = close;
  return c;
}

} // namespace

TEST_SUITE_BEGIN("rates");

TEST_CASE("on-time counts from replay's clocks; bj-practice from the return visit")
{
  CHECK(uses_clocks(builtin("on-time")));
  CHECK_FALSE(uses_clocks(builtin("bj-practice")));
  lists::Profile p = builtin("bj-practice");
  p.satisfaction.count = lists::RateCount::sign_on_time;
  CHECK(uses_clocks(p));
}

TEST_CASE("replay's clock statuses as the counts read them")
{
  CHECK(clock_of(ClockStatus::on_time) == Clock::on_time);
  CHECK(clock_of(ClockStatus::late) == Clock::late);
  CHECK(clock_of(ClockStatus::overdue) == Clock::overdue);
  CHECK(clock_of(ClockStatus::open) == Clock::open);
  CHECK(clock_of(ClockStatus::none) == Clock::none);
}

TEST_CASE("the on-time profile: contacted and closed within the limits, out of the decided clocks")
{
  lists::Profile p = builtin("on-time");
  replay::ClockBook book;
  book.add("1", clocks(ClockStatus::on_time, ClockStatus::on_time));
  book.add("2", clocks(ClockStatus::on_time, ClockStatus::late));
  book.add("3", clocks(ClockStatus::late, ClockStatus::overdue));
  book.add("4", clocks(ClockStatus::on_time, ClockStatus::open)); // not decided: out of the resolution base
  book.add("5", clocks(ClockStatus::none, ClockStatus::none));    // no limit: out of both bases
  book.finish();

  std::deque<std::string> ids;
  Attributor attr(p, nullptr, By::unit);
  Tally tally(p, attr, nullptr);
  uint64_t unclocked = 0;
  for (std::string id : {"1", "2", "3", "4", "5", "6"}) {
    Order o;
    o.id = ids.emplace_back(id);
    o.unit = "甲";
    o.closed = *parse_stamp("2025-03-10 10:00:00");
    o.visit_valid = id == "1" || id == "2" ? Tri::yes : Tri::no;
    o.satisfaction = id == "1" ? Satisfaction::satisfied : Satisfaction::basic;
    unclocked += !stamp_clocks(o, book); // "6": replay judged no such order
    tally.add(o);
  }
  CHECK(unclocked == 1);
  Report r = build_report(p, tally.totals(), {});
  REQUIRE(!r.blocks.empty());
  const Row& a = r.blocks[0].rows[0];
  REQUIRE(a.subject == "甲");
  CHECK(a.counts.orders == 6);
  CHECK(a.counts.rate[0].base == 4); // contact decided: 1, 2, 3, 4
  CHECK(a.counts.rate[0].full == 3);
  CHECK(a.counts.rate[1].base == 3); // close decided: 1, 2, 3
  CHECK(a.counts.rate[1].full == 1);
  CHECK(a.counts.rate[2].base == 2); // satisfaction as bj-practice: the valid visits
  CHECK(*a.rate[0] == Fraction(3, 4));
  CHECK(*a.rate[1] == Fraction(1, 3));
  CHECK(*a.rate[2] == Fraction(19, 20)); // (1 + 0.9) / 2
  // 100 × (0.1·3/4 + 0.5·1/3 + 0.4·19/20) = 62.1666… → 62.2
  CHECK(scaled_text(*a.shown, 1) == "62.2");
}

TEST_SUITE_END();
