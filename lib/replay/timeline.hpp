#pragma once

// Private to lib/replay: an order's events in time order, with their units
// resolved, and the parts of a judgement computed from them.
#include "lists/model.hpp"
#include "replay/decision.hpp"
#include "replay/records.hpp"
#include "replay/verdict.hpp"
#include "util/workcal.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace duty::replay {

struct Step
{
  const EventRecord* event = nullptr;
  const lists::Unit* unit = nullptr; // nullptr: no unit given, or a name the lists do not know
  std::string_view unit_id;          // the unit's id, else the name as written (both outlive the step)
};

struct Timeline
{
  std::vector<EventRecord> synthesized; // from the order's columns when the log has no events
  std::vector<Step> steps;              // by time, ties in input order
  std::vector<size_t> dispatches; // indices of the dispatches (派单, 改派), supervision copies left out
};

struct ClockInputs
{
  const OrderRecord& order;
  const Timeline& timeline;
  const Decision* decision; // nullptr: unmapped
  const lists::Profile& profile;
  const util::WorkCalendar& calendar;
  util::Timestamp as_of;
};

// sign, contact and close (with 延期 applied). Throws CalendarGap.
Clocks compute_clocks(const ClockInputs& in);

// The clock of an act due by `deadline`: on-time, late, overdue or open.
Clock judge_clock(std::optional<util::Timestamp> start, std::optional<util::Timestamp> deadline,
                  std::optional<util::Timestamp> done, util::Timestamp as_of);

// no-dispatch, out-of-order, after-close and duplicate-event, in time order.
std::vector<LifecycleProblem> lifecycle_problems(const Timeline& t);

// Decides the whistles of the timeline; `decide` gives the lists' decision
// for the order's slice on a date (nullptr when unmapped).
struct WhistleInputs
{
  const OrderRecord& order;
  const Timeline& timeline;
  std::function<std::shared_ptr<const Decision>(util::Date)> decide;
  const util::WorkCalendar& calendar;
  lists::DayCount day_count;
  util::Timestamp as_of;
};

std::vector<WhistleVerdict> judge_whistles(const WhistleInputs& in);

} // namespace duty::replay
