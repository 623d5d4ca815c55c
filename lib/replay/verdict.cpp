#include "replay/verdict.hpp"

#include <algorithm>

namespace duty::replay {

std::string_view
name(Dispatch d)
{
  switch (d) {
  case Dispatch::correct: return "correct";
  case Dispatch::wrong_unit: return "wrong-unit";
  case Dispatch::assist_as_lead: return "assist-as-lead";
  case Dispatch::contested: return "contested";
  case Dispatch::no_lead: return "no-lead";
  case Dispatch::undecided: return "undecided";
  case Dispatch::unmapped: return "unmapped";
  }
  return "?";
}

std::string_view
name(ReturnVerdict v)
{
  switch (v) {
  case ReturnVerdict::justified: return "justified";
  case ReturnVerdict::unjustified: return "unjustified";
  case ReturnVerdict::contested: return "contested";
  }
  return "?";
}

std::string_view
name(ClockStatus s)
{
  switch (s) {
  case ClockStatus::on_time: return "on-time";
  case ClockStatus::late: return "late";
  case ClockStatus::overdue: return "overdue";
  case ClockStatus::open: return "open";
  case ClockStatus::none: return "none";
  }
  return "?";
}

std::string_view
name(Problem p)
{
  switch (p) {
  case Problem::no_dispatch: return "no-dispatch";
  case Problem::out_of_order: return "out-of-order";
  case Problem::after_close: return "after-close";
  case Problem::duplicate_event: return "duplicate-event";
  }
  return "?";
}

std::string_view
name(ReportStatus s)
{
  return s == ReportStatus::on_time ? "on-time" : "late";
}

std::string_view
name(lists::ExclusionRule r)
{
  using R = lists::ExclusionRule;
  switch (r) {
  case R::not_dispatched: return "not_dispatched";
  case R::consultation: return "consultation";
  case R::not_assessed: return "not_assessed";
  case R::unreasonable: return "unreasonable";
  case R::appeal_upheld: return "appeal_upheld";
  case R::invalid_visit: return "invalid_visit";
  case R::duplicate: return "duplicate";
  case R::redispatched_first_unit: return "redispatched_first_unit";
  }
  return "?";
}

bool
OrderVerdict::deviates() const
{
  if (dispatch == Dispatch::wrong_unit || dispatch == Dispatch::assist_as_lead || !lifecycle.empty())
    return true;
  for (const auto& r : returns)
    if (r.verdict == ReturnVerdict::unjustified)
      return true;
  for (const Clock* c : {&clocks.sign, &clocks.contact, &clocks.close})
    if (c->status == ClockStatus::late || c->status == ClockStatus::overdue)
      return true;
  return false;
}

bool
WhistleVerdict::deviates() const
{
  return whistleable == false || !missing.empty() || !extra.empty() ||
         std::any_of(reported.begin(), reported.end(),
                     [](const Report& r) { return r.status == ReportStatus::late; });
}

} // namespace duty::replay
