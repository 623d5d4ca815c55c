#include "replay/replayer.hpp"

#include "lists/exclusions.hpp"
#include "replay/timeline.hpp"
#include "util/error.hpp"

#include <algorithm>

namespace duty::replay {

using namespace lists;

namespace {

// The order's own time columns as events, for an order the log has none for.
std::vector<EventRecord>
synthesize(const OrderRecord& o)
{
  std::vector<EventRecord> out;
  auto add = [&](EventKind k, const std::optional<util::Timestamp>& at, bool unit) {
    if (at)
      out.push_back({k, *at, unit ? o.unit : std::string(), {}, {}, {}, out.size()});
  };
  add(EventKind::received, o.received_at, false);
  add(EventKind::dispatch, o.dispatched_at, true);
  add(EventKind::sign, o.accepted_at, true);
  add(EventKind::contact, o.contacted_at, true);
  add(EventKind::close, o.closed_at, true);
  return out;
}

bool
is_dispatch(EventKind k)
{
  return k == EventKind::dispatch || k == EventKind::redispatch;
}

// An order dispatched to a street also goes to the district for supervision:
// a 派单 to the district while a territory holds the order (or gets it at the
// same moment) is that copy, not a dispatch.
void
find_dispatches(Timeline& t)
{
  const Unit* holder = nullptr;
  for (size_t i = 0; i < t.steps.size(); ++i) {
    const Step& s = t.steps[i];
    EventKind k = s.event->kind;
    if (k == EventKind::ret) {
      holder = nullptr;
      continue;
    }
    if (!is_dispatch(k))
      continue;
    if (k == EventKind::dispatch && s.unit && s.unit->type == UnitType::district) {
      bool territory_now = holder && is_territory(holder->type);
      for (size_t j = 0; j < t.steps.size() && !territory_now; ++j) {
        const Step& o = t.steps[j];
        territory_now = j != i && o.event->at == s.event->at && is_dispatch(o.event->kind) && o.unit &&
                        is_territory(o.unit->type);
      }
      if (territory_now)
        continue;
    }
    t.dispatches.push_back(i);
    holder = s.unit;
  }
}

std::vector<std::string>
ids(const std::vector<const Unit*>& us)
{
  std::vector<std::string> out;
  for (const Unit* u : us)
    out.push_back(u->id.value);
  return out;
}

} // namespace

Replayer::Replayer(const resolve::Context& lists, const Profile& profile, const util::WorkCalendar& calendar,
                   util::Timestamp as_of)
    : m_lists(lists), m_profile(profile), m_calendar(calendar), m_as_of(as_of), m_decisions(lists)
{
}

void
Replayer::note_unresolved(const char* field, const std::string& name)
{
  ++m_unresolved[{field, name}];
}

const Unit*
Replayer::unit(const std::string& name)
{
  if (name.empty())
    return nullptr;
  if (m_last_unit && name == m_last_unit_name)
    return m_last_unit;
  auto it = m_units.find(name);
  if (it == m_units.end())
    it = m_units.emplace(name, resolve_unit(m_lists.names(), name)).first;
  if (!it->second) {
    note_unresolved("unit", name);
    return nullptr;
  }
  m_last_unit_name = name;
  m_last_unit = it->second;
  return it->second;
}

const Unit*
Replayer::territory(const std::string& name)
{
  if (name.empty())
    return nullptr;
  auto it = m_territories.find(name);
  if (it == m_territories.end()) {
    const Unit* t = nullptr;
    int n = 0;
    for (const Unit* u : m_lists.names().units(name))
      if (is_territory(u->type)) {
        t = u;
        ++n;
      }
    it = m_territories.emplace(name, n == 1 ? t : nullptr).first;
  }
  if (!it->second)
    note_unresolved("territory", name);
  return it->second;
}

const Matter*
Replayer::matter(const std::string& name)
{
  if (name.empty())
    return nullptr;
  auto it = m_matters.find(name);
  if (it == m_matters.end()) {
    auto found = m_lists.names().matters(name);
    it = m_matters.emplace(name, found.size() == 1 ? found[0] : nullptr).first;
  }
  if (!it->second)
    note_unresolved("category", name);
  return it->second;
}

// The timeline: the log's events (or the order's columns), by time, ties in input order.
Timeline
Replayer::timeline(const Case& c)
{
  Timeline t;
  if (c.events.empty())
    t.synthesized = synthesize(c.order);
  const auto& events = c.events.empty() ? t.synthesized : c.events;
  t.steps.reserve(events.size());
  for (const auto& e : events) {
    const Unit* u = e.unit_index >= 0 ? &m_lists.set().units[size_t(e.unit_index)] : unit(e.unit);
    t.steps.push_back({&e, u, u ? std::string_view(u->id.value) : std::string_view(e.unit)});
  }
  std::stable_sort(t.steps.begin(), t.steps.end(), [](const Step& a, const Step& b) {
    return a.event->at != b.event->at ? a.event->at < b.event->at : a.event->seq < b.event->seq;
  });
  find_dispatches(t);
  return t;
}

namespace {

Dispatch
dispatch_verdict(const Decision& d, const Unit* first)
{
  switch (d.kind) {
  case Decision::Kind::led:
    return first == d.lead         ? Dispatch::correct
           : d.only_assists(first) ? Dispatch::assist_as_lead
                                   : Dispatch::wrong_unit;
  case Decision::Kind::contested: return Dispatch::contested;
  case Decision::Kind::no_lead: return Dispatch::no_lead;
  case Decision::Kind::undecided: return Dispatch::undecided;
  }
  return Dispatch::undecided;
}

// The first and last dispatch, their verdict, and each 退单 with its verdict.
void
judge_dispatches(const Timeline& t, const Decision* d, OrderVerdict& v)
{
  v.hops = int(t.dispatches.size());
  if (!t.dispatches.empty()) {
    const Step& first = t.steps[t.dispatches.front()];
    v.dispatched_to = std::string(first.unit_id);
    v.final_unit = std::string(t.steps[t.dispatches.back()].unit_id);
    v.dispatch = d ? dispatch_verdict(*d, first.unit) : Dispatch::unmapped;
  } else if (!d) {
    v.dispatch = Dispatch::unmapped;
  }
  const Step* holder = nullptr;
  size_t next_dispatch = 0;
  for (size_t i = 0; i < t.steps.size(); ++i) {
    if (next_dispatch < t.dispatches.size() && t.dispatches[next_dispatch] == i) {
      holder = &t.steps[i];
      ++next_dispatch;
    }
    const Step& s = t.steps[i];
    if (s.event->kind != EventKind::ret)
      continue;
    // A 退单 that names no unit is the holder's.
    const Step& by = s.event->unit.empty() && holder ? *holder : s;
    Return r{std::string(by.unit_id), s.event->at, std::nullopt};
    if (d) {
      switch (d->leads(by.unit)) {
      case Decision::Leads::yes: r.verdict = ReturnVerdict::unjustified; break;
      case Decision::Leads::no: r.verdict = ReturnVerdict::justified; break;
      case Decision::Leads::maybe: r.verdict = ReturnVerdict::contested; break;
      }
    }
    v.returns.push_back(std::move(r));
    holder = nullptr;
  }
}

// The profile's exclusions that the order and its events decide, by the
// rules duty rates counts with. `duplicate` needs other orders and
// `redispatched_first_unit` concerns one unit's row, not the order: the
// rates decide those.
std::vector<ExclusionRule>
exclusions(const Profile& profile, const OrderRecord& o, const Timeline& t)
{
  bool reduced = std::any_of(t.steps.begin(), t.steps.end(),
                             [](const Step& s) { return s.event->kind == EventKind::reduce; });
  std::vector<ExclusionRule> out;
  for (const auto& x : profile.exclusions) {
    bool applies = false;
    switch (x.rule) {
    case ExclusionRule::not_dispatched: applies = t.dispatches.empty(); break;
    case ExclusionRule::consultation: applies = lists::is_consultation(o.type); break;
    case ExclusionRule::not_assessed: applies = o.assessed == false; break;
    case ExclusionRule::unreasonable: applies = o.unreasonable; break;
    case ExclusionRule::appeal_upheld: applies = o.appeal_upheld || reduced; break;
    case ExclusionRule::invalid_visit: applies = o.visit_valid == false; break;
    case ExclusionRule::redispatched_first_unit:
    case ExclusionRule::duplicate: break;
    }
    if (applies && std::find(out.begin(), out.end(), x.rule) == out.end())
      out.push_back(x.rule);
  }
  return out;
}

} // namespace

// Phase 1, what the lists say: the order's matter and territory, and the
// decision for its slice as the lists stood on the day it was received.
Replayer::Slice
Replayer::decide(const OrderRecord& o, const Timeline& t, OrderVerdict& v)
{
  Slice s{matter(o.category), territory(o.territory), nullptr};
  util::Date day = o.received_at     ? o.received_at->date()
                   : t.steps.empty() ? m_as_of.date()
                                     : t.steps.front().event->at.date();
  if (s.matter)
    v.matter = s.matter->id.value;
  if (s.territory)
    v.territory = s.territory->id.value;
  if (!s.matter || !s.territory)
    return s;
  s.decision = m_decisions.decide(s.matter, s.territory, o.dims, day);
  if (s.decision->lead)
    v.lead = s.decision->lead->id.value;
  v.candidates = ids(s.decision->candidates);
  v.assist = ids(s.decision->assist);
  v.evidence = s.decision->evidence;
  return s;
}

// Phase 3, the acts against time: clocks, lifecycle and whistles. A whistle
// is judged against the lists as they stood on the day it was blown.
void
Replayer::judge_acts(const OrderRecord& o, const Timeline& t, const Slice& s, Judgement& j)
{
  try {
    j.order.clocks = compute_clocks({o, t, s.decision.get(), m_profile, m_calendar, m_as_of});
    j.order.lifecycle = lifecycle_problems(t);
    auto decide = [&](util::Date date) -> std::shared_ptr<const Decision> {
      return s.matter && s.territory ? m_decisions.decide(s.matter, s.territory, o.dims, date) : nullptr;
    };
    j.whistles = judge_whistles({o, t, decide, m_calendar, m_profile.day_count, m_as_of});
  } catch (const util::CalendarGap& e) {
    throw InputError("order " + o.id + ": " + e.what());
  }
}

Judgement
Replayer::judge(const Case& c)
{
  const OrderRecord& o = c.order;
  Judgement j;
  j.order.id = o.id;
  j.order.dims = o.dims;
  Timeline t = timeline(c);
  Slice s = decide(o, t, j.order);
  // Phase 2, who got the order against who should have.
  judge_dispatches(t, s.decision.get(), j.order);
  judge_acts(o, t, s, j);
  j.order.excluded = exclusions(m_profile, o, t);
  return j;
}

} // namespace duty::replay
