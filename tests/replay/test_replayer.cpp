// Tests for replay/replayer: rules the hand-built end-to-end log does not
// reach — supervision copies listed first, refused and late 延期, clocks from
// the received time, a whistle's reports ending at the next whistle, names
// the lists do not know, and a calendar that ends.
#include "lists/calendar.hpp"
#include "lists/load.hpp"
#include "lists/profile.hpp"
#include "replay/replayer.hpp"

#include <doctest/doctest.h>

#include <initializer_list>

using namespace duty;
using namespace duty::replay;

namespace {

const resolve::Context&
fixture()
{
  static const resolve::Context ctx(
      lists::load_and_check({std::string(DUTY_SOURCE_DIR) + "/tests/fixtures/replay/lists"}));
  return ctx;
}

lists::Profile
profile(const char* extra = "")
{
  lists::LoadResult r;
  lists::load_text(r, "p.yaml",
                   std::string("kind: profile\nitems:\n  - id: t\n    name: t\n"
                               "    weights: {response: 0.1, resolution: 0.5, satisfaction: 0.4}\n"
                               "    limits: {sign: 2h, contact: 24h, close: 7d}\n") +
                       extra);
  REQUIRE(r.diags.empty());
  return r.set.profiles.at(0);
}

util::Timestamp
t(const char* s)
{
  return *util::parse_timestamp(s);
}

Case
order(const char* category, const char* territory, std::initializer_list<EventRecord> events)
{
  Case c;
  c.order.id = "X1";
  c.order.category = category;
  c.order.territory = territory;
  c.order.received_at = t("2025-03-03 08:00:00");
  uint64_t seq = 0;
  for (auto e : events) {
    e.seq = seq++;
    c.events.push_back(e);
  }
  return c;
}

EventRecord
ev(EventKind k, const char* at, const char* unit = "")
{
  return {k, t(at), unit, {}, {}, {}, 0};
}

const char* kJunk = "城市管理->市容环境->占道经营"; // a known matter; the territory below is not

} // namespace

TEST_SUITE_BEGIN("replay");

TEST_CASE("replayer: the district's supervision copy is no dispatch, listed before or after")
{
  auto p = profile();
  auto cal = lists::work_calendar(fixture().set());
  Replayer r(fixture(), p, cal, t("2025-04-01"));
  for (bool copy_first : {true, false}) {
    auto dispatch = ev(EventKind::dispatch, "2025-03-03 09:00:00", "乙镇");
    auto copy = ev(EventKind::dispatch, "2025-03-03 09:00:00", "区政府");
    Case c = copy_first ? order("民政->社会救助->临时救助", "乙镇", {copy, dispatch})
                        : order("民政->社会救助->临时救助", "乙镇", {dispatch, copy});
    auto j = r.judge(c);
    CHECK(j.order.hops == 1);
    CHECK(j.order.dispatched_to == "乙镇");
    CHECK(j.order.dispatch == Dispatch::assist_as_lead); // 乙镇 only assists (配合履职)
  }
  // To the district alone, it is a dispatch (兜底).
  auto j = r.judge(
      order("民政->社会救助->临时救助", "乙镇", {ev(EventKind::dispatch, "2025-03-03 09:00:00", "区政府")}));
  CHECK(j.order.hops == 1);
  CHECK(j.order.dispatch == Dispatch::wrong_unit);
}

TEST_CASE("replayer: 延期 counts before the deadline and unless refused")
{
  auto p = profile("    extension: 3d\n");
  auto cal = lists::work_calendar(fixture().set());
  Replayer r(fixture(), p, cal, t("2025-04-01"));
  auto base = [&](EventRecord extend) {
    return r
        .judge(order("民政->社会救助->临时救助", "甲街道",
                     {ev(EventKind::dispatch, "2025-03-03 09:00:00", "民政局"), extend,
                      ev(EventKind::close, "2025-03-12 10:00:00", "民政局")}))
        .order.clocks.close;
  };
  // 7d from Monday 3-03: 3-10, deadline 3-11 00:00; closed 3-12: late without a 延期.
  auto ok = base(ev(EventKind::extend, "2025-03-05 09:00:00", "民政局"));
  CHECK(ok.deadline->str() == "2025-03-14 00:00:00"); // + 3d from 3-10
  CHECK(ok.status == ClockStatus::on_time);
  auto refused = ev(EventKind::extend, "2025-03-05 09:00:00", "民政局");
  refused.note = "驳回";
  CHECK(base(refused).status == ClockStatus::late);
  CHECK(base(ev(EventKind::extend, "2025-03-11 09:00:00", "民政局")).status == ClockStatus::late); // too late
  auto until = ev(EventKind::extend, "2025-03-05 09:00:00", "民政局");
  until.until.at = t("2025-03-12 09:00:00");
  CHECK(base(until).status == ClockStatus::late); // closed after the until time
}

TEST_CASE("replayer: clocks may start at the received time")
{
  auto p = profile("    clock_start: received\n");
  auto cal = lists::work_calendar(fixture().set());
  Replayer r(fixture(), p, cal, t("2025-04-01"));
  auto j = r.judge(order("民政->社会救助->临时救助", "甲街道",
                         {ev(EventKind::dispatch, "2025-03-03 09:00:00", "民政局"),
                          ev(EventKind::sign, "2025-03-03 09:30:00", "民政局")}));
  CHECK(j.order.clocks.sign.deadline->str() == "2025-03-03 10:00:00"); // received 08:00 + 2h
  CHECK(j.order.clocks.sign.elapsed_s == 5400);
  CHECK(j.order.clocks.contact.status == ClockStatus::overdue);
}

TEST_CASE("replayer: a whistle's reports end at the next whistle")
{
  auto p = profile();
  auto cal = lists::work_calendar(fixture().set());
  Replayer r(fixture(), p, cal, t("2025-04-01"));
  Case c = order("城乡建设->违法建设->疑似违建", "甲街道",
                 {ev(EventKind::dispatch, "2025-03-03 09:00:00", "甲执法队"),
                  ev(EventKind::whistle, "2025-03-03 10:00:00", "甲街道"),
                  ev(EventKind::report, "2025-03-03 10:30:00", "住建委"),
                  ev(EventKind::whistle, "2025-03-04 10:00:00", "甲街道"),
                  ev(EventKind::report, "2025-03-04 10:30:00", "甲执法队")});
  c.order.dims = {{"land", "国有土地"}};
  auto j = r.judge(c);
  REQUIRE(j.whistles.size() == 2);
  CHECK(j.whistles[0].missing == std::vector<std::string>{"甲执法队"});
  CHECK(j.whistles[1].missing == std::vector<std::string>{"住建委"});
  CHECK(j.whistles[0].type.empty()); // no type given: any item counts
  CHECK(j.whistles[0].whistleable == true);
}

TEST_CASE("replayer: names the lists do not know are counted, not guessed")
{
  auto p = profile();
  auto cal = lists::work_calendar(fixture().set());
  Replayer r(fixture(), p, cal, t("2025-04-01"));
  auto j = r.judge(order(kJunk, "丙镇",
                         {ev(EventKind::dispatch, "2025-03-03 09:00:00", "城管局"),
                          ev(EventKind::whistle, "2025-03-03 10:00:00", "丙镇"),
                          ev(EventKind::report, "2025-03-03 10:30:00", "住建委")}));
  CHECK(j.order.dispatch == Dispatch::unmapped);
  // Its whistle cannot be judged: whistleable unknown, nobody required, nobody extra.
  REQUIRE(j.whistles.size() == 1);
  CHECK(j.whistles[0].whistleable == std::nullopt);
  CHECK(j.whistles[0].extra.empty());
  CHECK(j.whistles[0].reported.size() == 1);
  CHECK_FALSE(j.whistles[0].deviates());
  CHECK(j.order.territory == std::nullopt);
  CHECK(j.order.dispatched_to == "城管局"); // as written
  CHECK(r.unresolved().at({"territory", "丙镇"}) == 1);
  CHECK(r.unresolved().at({"unit", "城管局"}) == 1);
}

TEST_CASE("replayer: a deadline beyond the calendar is an error naming the order and the year")
{
  auto p = profile();
  auto cal = lists::work_calendar(fixture().set()); // 2025 only
  Replayer r(fixture(), p, cal, t("2026-02-01"));
  Case c =
      order("民政->社会救助->临时救助", "甲街道", {ev(EventKind::dispatch, "2025-12-29 09:00:00", "民政局")});
  CHECK_THROWS_WITH_AS(r.judge(c), doctest::Contains("order X1: no working-day calendar for 2026"),
                       InputError);
}
