#pragma once

// Replay's deviations counted per unit and per matter: the numbers behind
// `duty replay --summary` and the monthly report. Plain counts; shares are
// the renderer's to compute from them.
#include "lists/model.hpp"
#include "replay/verdict.hpp"

#include <cstdint>
#include <map>
#include <string>

namespace duty::replay {

struct Tally
{
  // Orders counted for the unit (the profile's attribution: final unit or
  // lead) or of the matter, and how many of them deviate: for a unit, in its
  // own handling (a late or overdue clock, a lifecycle problem); for a matter
  // and the total, in any way (OrderVerdict::deviates).
  uint64_t orders = 0, deviating = 0;
  // First dispatches the unit received (or on the matter), by verdict.
  uint64_t dispatched = 0, wrong_unit = 0, assist_as_lead = 0, contested = 0, no_lead = 0, undecided = 0,
           unmapped = 0;
  // 退单 the unit made (or on the matter), and the unjustified ones.
  uint64_t returns = 0, unjustified = 0;
  // Clocks of the orders counted: done late, or not done past the deadline.
  uint64_t late_sign = 0, late_contact = 0, late_close = 0, overdue = 0;
  uint64_t lifecycle = 0; // orders with a lifecycle problem
  // Whistles blown by the unit (or on the matter); those the lists do not allow.
  uint64_t whistles = 0, not_whistleable = 0;
  // Summons to the unit (or on the matter), and how they went.
  uint64_t summoned = 0, missing = 0, late_reports = 0, extra_reports = 0;

  void add_order(const OrderVerdict& v, bool as_unit);
  void add_dispatch(const OrderVerdict& v);
};

struct Summary
{
  Tally total;
  std::map<std::string, Tally> units;   // by unit id (or the name as written)
  std::map<std::string, Tally> matters; // by matter id; "" for unmapped orders

  // Counts one judgement. `attribution` picks the unit an order counts for.
  void add(const Judgement& j, lists::Attribution attribution);
};

} // namespace duty::replay
