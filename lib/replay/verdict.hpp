#pragma once

// Replay's verdicts as plain data: one OrderVerdict per work order and one
// WhistleVerdict per 吹哨. output/replay.hpp writes them (JSON Lines, CSV, a
// table), the store saves them, rates and the monthly report read them.
#include "lists/model.hpp"
#include "replay/records.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duty::replay {

// The first dispatch against what the lists say.
enum class Dispatch {
  correct,        // to the lead
  wrong_unit,     // to a unit that neither leads nor assists there
  assist_as_lead, // to a unit that only assists there (or a territory the matter was 上级收回 from)
  contested,      // the slice is an overlap or a conflict: several units claim the lead
  no_lead,        // the slice is an orphan: nobody leads
  undecided,      // the lead depends on a dimension the order does not carry
  unmapped,       // the category or the territory is not in the lists
};

// A 退单 (派单异议): should the objection be upheld?
enum class ReturnVerdict {
  justified,   // the returning unit does not lead there
  unjustified, // it does
  contested,   // it is one of several claimants, or leads only under some values of an open dimension
};

enum class ClockStatus {
  on_time, // done before the deadline
  late,    // done at or after the deadline
  overdue, // not done, and the deadline has passed at the as-of time
  open,    // not done, the deadline is still ahead
  none,    // no limit applies (or the clock never started)
};

enum class Problem {
  no_dispatch,     // the order was never dispatched
  out_of_order,    // an event before the event it needs (签收 before any 派单)
  after_close,     // an event after 办结 other than 回访, 重办, 申诉 or 核减
  duplicate_event, // the same event, time and unit twice
};

enum class ReportStatus { on_time, late };

std::string_view name(Dispatch d);
std::string_view name(ReturnVerdict v);
std::string_view name(ClockStatus s);
std::string_view name(Problem p);
std::string_view name(ReportStatus s);
// not_dispatched, consultation, invalid_visit, appeal_upheld, …
std::string_view name(lists::ExclusionRule r);

struct Return
{
  std::string unit; // unit id (or the name as written when it is no unit of the lists)
  Timestamp at;
  std::optional<ReturnVerdict> verdict; // nullopt: the order is unmapped, nothing to judge against
};

struct Clock
{
  ClockStatus status = ClockStatus::none;
  std::optional<Timestamp> deadline; // the first second after the limit
  std::optional<Timestamp> at;       // when it was done
  std::optional<int64_t> elapsed_s;  // at − start
};

struct Clocks
{
  Clock sign, contact, close;
};

struct LifecycleProblem
{
  Problem problem = Problem::no_dispatch;
  std::optional<EventKind> event; // the offending event (none for no-dispatch)
  std::optional<Timestamp> at;
};

struct OrderVerdict
{
  std::string id;
  std::optional<std::string> matter, territory; // ids; nullopt when unmapped
  resolve::DimValues dims;                      // the dimension values the order carries
  std::optional<std::string> lead;
  std::vector<std::string> candidates; // contested or undecided: the units that might lead
  std::vector<std::string> assist;
  std::optional<Dispatch> dispatch; // nullopt: never dispatched
  std::optional<std::string> dispatched_to, final_unit;
  int hops = 0; // dispatches: 派单 and 改派, not the district's supervision copy
  std::vector<Return> returns;
  Clocks clocks;
  std::vector<LifecycleProblem> lifecycle;
  std::vector<lists::ExclusionRule> excluded; // the profile's exclusions that apply
  std::vector<std::string> evidence;          // "file:line" of the items that decide the lead

  // A departure of the log from the lists: a wrong or assisting first unit,
  // an unjustified return, a late or overdue clock, a lifecycle problem.
  bool deviates() const;
};

struct Report
{
  std::string unit;
  Timestamp at;
  std::optional<ReportStatus> status; // nullopt: the unit was not summoned, no limit applies
};

struct WhistleVerdict
{
  std::string id; // the order's
  Timestamp at;
  std::string unit; // the whistling unit
  std::string type; // 日常哨, …; "" when the log does not say
  std::optional<std::string> matter;
  std::optional<bool> whistleable; // nullopt: depends on a dimension the order does not carry
  std::vector<std::string> required;
  std::vector<Report> reported;
  std::vector<std::string> missing; // required, not reported, report limit passed at the as-of time
  std::vector<std::string> extra;   // reported, not summoned

  // Not whistleable, a missing or extra department, or a late report.
  bool deviates() const;
};

struct Judgement
{
  OrderVerdict order;
  std::vector<WhistleVerdict> whistles;
};

} // namespace duty::replay
