#include "replay/summary.hpp"

#include <set>

namespace duty::replay {

void
Tally::add_order(const OrderVerdict& v, bool as_unit)
{
  ++orders;
  bool late = false;
  for (const Clock* c : {&v.clocks.sign, &v.clocks.contact, &v.clocks.close})
    late = late || c->status == ClockStatus::late || c->status == ClockStatus::overdue;
  deviating += as_unit ? late || !v.lifecycle.empty() : v.deviates();
  late_sign += v.clocks.sign.status == ClockStatus::late;
  late_contact += v.clocks.contact.status == ClockStatus::late;
  late_close += v.clocks.close.status == ClockStatus::late;
  overdue += v.clocks.close.status == ClockStatus::overdue;
  lifecycle += !v.lifecycle.empty();
}

void
Tally::add_dispatch(const OrderVerdict& v)
{
  if (!v.dispatch)
    return;
  ++dispatched;
  switch (*v.dispatch) {
  case Dispatch::correct: break;
  case Dispatch::wrong_unit: ++wrong_unit; break;
  case Dispatch::assist_as_lead: ++assist_as_lead; break;
  case Dispatch::contested: ++contested; break;
  case Dispatch::no_lead: ++no_lead; break;
  case Dispatch::undecided: ++undecided; break;
  case Dispatch::unmapped: ++unmapped; break;
  }
}

void
Summary::add(const Judgement& j, lists::Attribution attribution)
{
  const OrderVerdict& v = j.order;
  Tally& m = matters[v.matter.value_or("")];
  for (Tally* t : {&total, &m}) {
    t->add_order(v, false);
    t->add_dispatch(v);
  }
  const auto& owner = attribution == lists::Attribution::lead ? v.lead : v.final_unit;
  if (owner)
    units[*owner].add_order(v, true);
  if (v.dispatched_to)
    units[*v.dispatched_to].add_dispatch(v);
  for (const auto& r : v.returns) {
    bool bad = r.verdict == ReturnVerdict::unjustified;
    for (Tally* t : {&total, &m, &units[r.unit]}) {
      ++t->returns;
      t->unjustified += bad;
    }
  }
  for (const auto& w : j.whistles) {
    bool refused = w.whistleable == false;
    for (Tally* t : {&total, &m, &units[w.unit]}) {
      ++t->whistles;
      t->not_whistleable += refused;
    }
    auto each = [&](const std::string& unit, uint64_t Tally::*field) {
      for (Tally* t : {&total, &m, &units[unit]})
        ++(t->*field);
    };
    for (const auto& u : w.required)
      each(u, &Tally::summoned);
    for (const auto& u : w.missing)
      each(u, &Tally::missing);
    for (const auto& u : w.extra)
      each(u, &Tally::extra_reports);
    std::set<std::string> late;
    for (const auto& r : w.reported)
      if (r.status == ReportStatus::late && late.insert(r.unit).second)
        each(r.unit, &Tally::late_reports);
  }
}

} // namespace duty::replay
