#pragma once

// Private to lib/gen: the life of one generated work order, planned against
// what the lists and the profile say, with at most one planted deviation of
// the order itself and any of its whistle.
#include "gen/cases_gen.hpp"
#include "gen/lists_gen.hpp"
#include "lists/model.hpp"
#include "replay/decision.hpp"
#include "util/workcal.hpp"

#include <string>
#include <vector>

namespace duty::gen {

struct PlannedEvent
{
  util::Timestamp at;
  std::string_view event; // 派单, 签收, …
  const lists::Unit* unit = nullptr;
  std::string whistle, until, note;
};

// What the planner needs of the generator.
struct PlanContext
{
  const resolve::Context& lists;
  const lists::Profile& profile;
  const util::WorkCalendar& calendar;
  const CasesSpec& spec;
  util::Timestamp as_of;
  const lists::Unit* district = nullptr; // takes orphan orders; gets supervision copies
  std::vector<const lists::Unit*> units; // dispatchable units: wrong-unit and extra-report picks
};

struct OrderPlan
{
  std::string id;
  util::Timestamp received;
  const lists::Matter* matter = nullptr;
  const lists::Unit* territory = nullptr;
  std::string urgency, own_deadline; // own_deadline: an export's 办理时限 ("" when none)
  std::vector<PlannedEvent> events;  // in time order; equal times in the order written
  const lists::Unit* final_unit = nullptr;
  std::optional<util::Timestamp> dispatched, accepted, closed;
  std::vector<Planted> planted;
  bool returned = false;
  size_t whistles = 0;
};

// Plans one order. Throws UsageError when the lists' calendar lacks a year a
// deadline needs.
void plan_order(const PlanContext& ctx, const replay::Decision& decision, Rng& rng, OrderPlan& plan);

} // namespace duty::gen
