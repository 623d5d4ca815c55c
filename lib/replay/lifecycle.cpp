// Lifecycle problems: what the event log says happened in an impossible order.
#include "replay/timeline.hpp"

#include <algorithm>
#include <tuple>

namespace duty::replay {

namespace {

// What an event needs to have happened before it.
enum class Needs { nothing, dispatch, whistle, close, appeal };

Needs
needs(EventKind k)
{
  switch (k) {
  case EventKind::sign:
  case EventKind::contact:
  case EventKind::ret:
  case EventKind::redispatch:
  case EventKind::extend:
  case EventKind::reply:
  case EventKind::close: return Needs::dispatch;
  case EventKind::report: return Needs::whistle;
  case EventKind::visit:
  case EventKind::reopen: return Needs::close;
  case EventKind::reduce: return Needs::appeal;
  default: return Needs::nothing;
  }
}

// After 办结 only the hotline's and the appeal's events belong.
bool
allowed_after_close(EventKind k)
{
  return k == EventKind::visit || k == EventKind::reopen || k == EventKind::appeal || k == EventKind::reduce;
}

} // namespace

std::vector<LifecycleProblem>
lifecycle_problems(const Timeline& t)
{
  std::vector<LifecycleProblem> out;
  if (t.dispatches.empty())
    out.push_back({Problem::no_dispatch, std::nullopt, std::nullopt});
  bool dispatched = false, whistled = false, closed = false, ever_closed = false, appealed = false;
  // An order has a handful of events: a linear search beats a tree.
  std::vector<std::tuple<EventKind, int64_t, std::string_view>> seen;
  seen.reserve(t.steps.size());
  for (const auto& s : t.steps) {
    const EventRecord& e = *s.event;
    auto problem = [&](Problem p) { out.push_back({p, e.kind, e.at}); };
    std::tuple<EventKind, int64_t, std::string_view> key{e.kind, e.at.secs, s.unit_id}; // one unit, however spelt
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      problem(Problem::duplicate_event);
      continue;
    }
    seen.push_back(key);
    bool ok = true;
    switch (needs(e.kind)) {
    case Needs::nothing: ok = !(e.kind == EventKind::received && dispatched); break;
    case Needs::dispatch: ok = dispatched; break;
    case Needs::whistle: ok = whistled; break;
    case Needs::close: ok = ever_closed; break;
    case Needs::appeal: ok = appealed; break;
    }
    if (closed && !allowed_after_close(e.kind))
      problem(Problem::after_close);
    else if (!ok)
      problem(Problem::out_of_order);
    switch (e.kind) {
    case EventKind::dispatch:
    case EventKind::redispatch: dispatched = true; break;
    case EventKind::whistle: whistled = true; break;
    case EventKind::close: closed = ever_closed = true; break;
    case EventKind::reopen: closed = false; break;
    case EventKind::appeal: appealed = true; break;
    default: break;
    }
  }
  return out;
}

} // namespace duty::replay
