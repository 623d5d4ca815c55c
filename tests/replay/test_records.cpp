// Tests for replay/records: typing rows, deadlines, and the packed form.
#include "cases/fields.hpp"
#include "replay/records.hpp"

#include <doctest/doctest.h>

using namespace duty;
using namespace duty::replay;

namespace {

cases::Row
row(cases::Kind kind, std::initializer_list<std::pair<const char*, const char*>> values)
{
  cases::Row r;
  auto defs = cases::fields(kind);
  r.values.resize(defs.size());
  r.has.assign(defs.size(), 0);
  for (const auto& [name, v] : values) {
    size_t f = *cases::field_index(kind, name);
    r.values[f] = v;
    r.has[f] = 1;
  }
  return r;
}

} // namespace

TEST_SUITE_BEGIN("replay");

TEST_CASE("records: an order's deadline is a limit, a whole day, or the second after a time")
{
  CHECK(parse_deadline_spec("7wd").limit->str() == "7wd");
  CHECK(parse_deadline_spec("2025-10-08").at->str() == "2025-10-09 00:00:00");
  CHECK(parse_deadline_spec("2025-10-08 17:30:00").at->str() == "2025-10-08 17:30:01");
  CHECK(parse_deadline_spec("").empty());
  CHECK(parse_deadline_spec("soon").empty());
}

TEST_CASE("records: rows become typed records; bad values are named")
{
  std::string error;
  auto o = to_order(row(cases::Kind::orders, {{"id", "A1"},
                                              {"category", "城乡建设->违法建设"},
                                              {"received_at", "2025-03-01 08:00:00"},
                                              {"visit_valid", "0"},
                                              {"deadline", "15wd"}}),
                    error);
  REQUIRE(o);
  CHECK(o->id == "A1");
  CHECK(o->received_at->str() == "2025-03-01 08:00:00");
  CHECK(o->visit_valid == false);
  CHECK(o->deadline.limit->str() == "15wd");
  CHECK_FALSE(to_order(row(cases::Kind::orders, {{"id", "A2"}, {"closed_at", "yesterday"}}), error));
  CHECK(error == "closed_at: not a time: yesterday");
  CHECK_FALSE(to_order(row(cases::Kind::orders, {{"category", "x"}}), error));
  CHECK(error == "no id");

  auto e = to_event(row(cases::Kind::events, {{"id", "A1"},
                                              {"at", "2025-03-02 09:00:00"},
                                              {"event", "延期"},
                                              {"until", "2025-03-20"},
                                              {"note", "同意"}}),
                    error);
  REQUIRE(e);
  CHECK(e->kind == EventKind::extend);
  CHECK(e->until.at->str() == "2025-03-21 00:00:00");
  CHECK(e->note == "同意");
  // Notes are kept only where they carry an outcome (延期).
  auto d = to_event(row(cases::Kind::events,
                        {{"id", "A1"}, {"at", "2025-03-02 09:00:00"}, {"event", "派单"}, {"note", "请尽快"}}),
                    error);
  CHECK(d->note.empty());
  CHECK_FALSE(
      to_event(row(cases::Kind::events, {{"id", "A1"}, {"at", "2025-03-02"}, {"event", "飞走"}}), error));
  CHECK(error == "unknown event 飞走");
}

TEST_CASE("records: pack and unpack give the record back")
{
  OrderRecord o;
  o.id = "2025030100001";
  o.category = "城乡建设->违法建设->疑似违建";
  o.territory = "儒林街道";
  o.unit = "";
  o.urgency = "紧急";
  o.received_at = util::parse_timestamp("2025-03-01 08:00:00");
  o.closed_at = util::parse_timestamp("2025-03-02 08:00:00");
  o.visit_valid = true;
  o.deadline.limit = util::parse_duration("7d");
  o.dims = {{"land", "国有土地"}};
  o.line = 17;
  o.seq = 3;
  std::string packed;
  pack(o, packed);
  OrderRecord back;
  back.type = "stale"; // unpack overwrites every field
  unpack(packed, back);
  CHECK(back.id == o.id);
  CHECK(back.type.empty());
  CHECK(back.category == o.category);
  CHECK(back.urgency == "紧急");
  CHECK(back.received_at == o.received_at);
  CHECK_FALSE(back.dispatched_at);
  CHECK(back.closed_at == o.closed_at);
  CHECK(back.visit_valid == true);
  CHECK(back.deadline.limit == o.deadline.limit);
  CHECK_FALSE(back.deadline.at);
  CHECK(back.dims == o.dims);
  CHECK(back.line == 17);
  CHECK(back.seq == 3);

  EventRecord e{
      EventKind::whistle, *util::parse_timestamp("2025-03-01 09:00:00"), "儒林街道", "日常哨", "", {}, 9};
  e.until.at = util::parse_timestamp("2025-03-09 00:00:00");
  packed.clear();
  pack(e, packed);
  EventRecord eb;
  unpack(packed, eb);
  CHECK(eb.kind == EventKind::whistle);
  CHECK(eb.at == e.at);
  CHECK(eb.unit == "儒林街道");
  CHECK(eb.whistle == "日常哨");
  CHECK(eb.until.at == e.until.at);
  CHECK(eb.seq == 9);
}

TEST_CASE("records: event names both ways")
{
  for (int k = 0; k <= int(EventKind::reduce); ++k)
    CHECK(event_kind(event_name(EventKind(k))) == EventKind(k));
  CHECK_FALSE(event_kind("派单异议")); // canonical names only: the reader translates spellings
}
