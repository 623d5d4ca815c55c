#pragma once

// What replay reads: one work order and the events of its life, typed. Both
// come from a case reader's row (a file) or a store row, in the stored form of
// cases/fields.hpp, through to_order() and to_event().
#include "cases/reader.hpp"
#include "lists/names.hpp"
#include "resolve/resolver.hpp"
#include "util/duration.hpp"
#include "util/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duty::replay {

using util::Timestamp;

// The events of DOMAIN.md §3, in the order of cases/fields.cpp.
enum class EventKind : uint8_t {
  received,   // 受理
  dispatch,   // 派单
  sign,       // 签收
  contact,    // 联系
  ret,        // 退单 (派单异议)
  redispatch, // 改派
  extend,     // 延期
  supervise,  // 督办
  whistle,    // 吹哨
  report,     // 报到
  reply,      // 回复
  close,      // 办结
  visit,      // 回访
  reopen,     // 重办
  appeal,     // 申诉
  reduce,     // 核减
};

// The canonical Chinese name (派单, …).
std::string_view event_name(EventKind k);

// From a canonical Chinese name; nullopt for anything else.
std::optional<EventKind> event_kind(std::string_view name);

// An order's own deadline or an extension's until: a limit counted from the
// clock's start, or the first second after a given time (a date alone gives
// its whole day). Neither: none given.
struct DeadlineSpec
{
  std::optional<util::Duration> limit;
  std::optional<Timestamp> at;
  bool
  empty() const
  {
    return !limit && !at;
  }
};

// Reads the stored form ("7d", "2025-03-08", "2025-03-08 17:30:00").
DeadlineSpec parse_deadline_spec(std::string_view stored);

struct OrderRecord
{
  std::string id;
  std::string type, category, territory, unit, urgency, status;
  std::string community; // 村/社区: not judged; the report's 未诉先办 clusters use it
  std::optional<Timestamp> received_at, dispatched_at, accepted_at, contacted_at, closed_at;
  std::optional<bool> visit_valid;
  // The assessment flags (duty-rates(1)): 是否纳入考核 (nullopt: not given),
  // and 不合理诉求 and 考核申诉 upheld (查否 or empty: false).
  std::optional<bool> assessed;
  bool unreasonable = false, appeal_upheld = false;
  DeadlineSpec deadline;
  resolve::DimValues dims; // dimension → value, from mapped columns, sorted
  uint64_t line = 0;       // where it was read: physical line of its file, or the store row's line
  uint64_t seq = 0;        // input order
};

struct EventRecord
{
  EventKind kind = EventKind::received;
  Timestamp at;
  std::string unit;    // as written; empty when `unit_index` names it
  std::string whistle; // 吹哨: 日常哨, …; "" when not given
  std::string note;    // kept for 延期 only (an approval outcome)
  DeadlineSpec until;  // 延期
  uint64_t seq = 0;    // input order: ties in time keep it
  int32_t unit_index = -1; // the unit in the list set's units, when the reader resolved the name
};

// One order with its events (empty: none in the log, then the order's own
// time columns stand for them).
struct Case
{
  OrderRecord order;
  std::vector<EventRecord> events;
};

// Typed from a row in stored form. A row whose required values are missing
// or malformed gives nullopt with `error` set (a store row can carry values
// written by another tool).
std::optional<OrderRecord> to_order(const cases::Row& row, std::string& error);
std::optional<EventRecord> to_event(const cases::Row& row, std::string& error);

// The unit a name means in the lists (its id, name or an alias, naming exactly
// one unit), or nullptr. The one rule for event and order units.
const lists::Unit*
resolve_unit(const lists::Names& names, std::string_view name);

// Compact binary forms, for the external sort (replay/sort.hpp).
void pack(const OrderRecord& o, std::string& out);
void pack(const EventRecord& e, std::string& out);
void unpack(std::string_view in, OrderRecord& o);
void unpack(std::string_view in, EventRecord& e);

} // namespace duty::replay
