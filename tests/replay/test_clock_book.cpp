// Tests for replay/clock_book: each order's clocks by id, for the rates'
// on-time counts.
#include "replay/clock_book.hpp"

#include <doctest/doctest.h>

using namespace duty;
using namespace duty::replay;

namespace {

Clocks
clocks(ClockStatus sign, ClockStatus contact, ClockStatus close)
{
  Clocks c;
  c.sign.status = sign;
  c.contact.status = contact;
  c.close.status = close;
  return c;
}

} // namespace

TEST_SUITE_BEGIN("replay");

TEST_CASE("the clock book finds each order's clocks by id, in any order of adding")
{
  ClockBook book;
  book.add("O3", clocks(ClockStatus::on_time, ClockStatus::late, ClockStatus::overdue));
  book.add("O1", clocks(ClockStatus::none, ClockStatus::on_time, ClockStatus::open));
  book.add("O10", clocks(ClockStatus::late, ClockStatus::late, ClockStatus::late));
  book.finish();
  CHECK(book.size() == 3);
  auto o3 = book.find("O3");
  REQUIRE(o3);
  CHECK(o3->sign == ClockStatus::on_time);
  CHECK(o3->contact == ClockStatus::late);
  CHECK(o3->close == ClockStatus::overdue);
  auto o1 = book.find("O1");
  REQUIRE(o1);
  CHECK(o1->sign == ClockStatus::none);
  CHECK(o1->close == ClockStatus::open);
  CHECK(book.find("O10")->sign == ClockStatus::late);
  CHECK_FALSE(book.find("O2"));
  CHECK_FALSE(book.find("O"));
  CHECK_FALSE(book.find(""));
  CHECK_FALSE(book.find("O100"));
}

TEST_CASE("an id booked twice keeps the later clocks")
{
  ClockBook book;
  book.add("A", clocks(ClockStatus::late, ClockStatus::late, ClockStatus::late));
  book.add("B", clocks(ClockStatus::none, ClockStatus::none, ClockStatus::none));
  book.add("A", clocks(ClockStatus::on_time, ClockStatus::on_time, ClockStatus::on_time));
  book.finish();
  CHECK(book.size() == 2);
  CHECK(book.find("A")->close == ClockStatus::on_time);
  CHECK(book.find("B")->close == ClockStatus::none);
}

TEST_CASE("an empty clock book finds nothing")
{
  ClockBook book;
  book.finish();
  CHECK(book.size() == 0);
  CHECK_FALSE(book.find("A"));
}

TEST_SUITE_END();
