#include "rates/tally.hpp"

#include "lists/exclusions.hpp"
#include "rates/period.hpp"

#include <algorithm>

namespace duty::rates {

namespace {

using lists::ExclusionRule;
using lists::Measure;

constexpr uint32_t kVolume = 1, kAll = 15;

uint32_t
measure_bit(Measure m)
{
  switch (m) {
  case Measure::volume: return 1;
  case Measure::response: return 2;
  case Measure::resolution: return 4;
  case Measure::satisfaction: return 8;
  }
  return 0;
}

bool
clock_decided(Clock c)
{
  return c == Clock::on_time || c == Clock::late || c == Clock::overdue;
}

Clock
clock_for(lists::RateCount count, const Order& o)
{
  switch (count) {
  case lists::RateCount::sign_on_time: return o.sign;
  case lists::RateCount::contact_on_time: return o.contact;
  case lists::RateCount::close_on_time: return o.close;
  default: return Clock::none;
  }
}

void
count_rate(const lists::RateRule& r, const Order& o, RateCounts& c)
{
  bool in_base = false;
  switch (r.of) {
  case lists::RateBase::valid_visits: in_base = o.visit_valid == Tri::yes; break;
  case lists::RateBase::orders: in_base = true; break;
  case lists::RateBase::clocked: in_base = clock_decided(clock_for(r.count, o)); break;
  }
  if (!in_base)
    return;
  ++c.base;
  switch (r.count) {
  case lists::RateCount::contacted: c.full += o.contacted == Tri::yes; break;
  case lists::RateCount::resolved:
    c.full += o.resolved == Resolved::yes;
    c.part += o.resolved == Resolved::partly;
    break;
  case lists::RateCount::satisfied:
    c.full += o.satisfaction == Satisfaction::satisfied;
    c.part += o.satisfaction == Satisfaction::basic;
    break;
  case lists::RateCount::sign_on_time:
  case lists::RateCount::contact_on_time:
  case lists::RateCount::close_on_time: c.full += clock_for(r.count, o) == Clock::on_time; break;
  }
}

} // namespace

void
Duplicates::add(std::string_view caller, std::string matter, int64_t received, std::string_view id)
{
  if (caller.empty() || matter.empty() || received == kNoTime)
    return;
  m_entries.push_back({std::string(caller), std::move(matter), received, std::string(id)});
}

void
Duplicates::absorb(Duplicates&& other)
{
  m_entries.insert(m_entries.end(), std::make_move_iterator(other.m_entries.begin()),
                   std::make_move_iterator(other.m_entries.end()));
  std::vector<Entry>().swap(other.m_entries);
}

void
Duplicates::finish()
{
  std::sort(m_entries.begin(), m_entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.caller, a.matter, a.received, a.id) < std::tie(b.caller, b.matter, b.received, b.id);
  });
  for (size_t i = 1; i < m_entries.size(); ++i) {
    const Entry& prev = m_entries[i - 1];
    const Entry& e = m_entries[i];
    if (e.caller == prev.caller && e.matter == prev.matter && e.received - prev.received <= m_within)
      m_ids.insert(e.id);
  }
  std::vector<Entry>().swap(m_entries);
}

int64_t
period_stamp(const lists::Period& p, const Order& o)
{
  switch (p.by) {
  case lists::PeriodStamp::closed_at: return o.closed;
  case lists::PeriodStamp::received_at: return o.received;
  case lists::PeriodStamp::dispatched_at: return o.dispatched;
  case lists::PeriodStamp::visited_at: return o.visited;
  }
  return kNoTime;
}

Tally::Tally(const lists::Profile& profile, Attributor& attributor, const Duplicates* duplicates)
  : m_profile(profile), m_attr(attributor), m_dups(duplicates)
{
}

// Runs the exclusions in the profile's order; each one that applies is
// counted under its reason and removes the order from its measures. An order
// out of every count is not looked at further.
uint32_t
Tally::exclusion_mask(const Order& o, Counts& c) const
{
  uint32_t mask = 0;
  for (const auto& x : m_profile.exclusions) {
    bool applies = false;
    switch (x.rule) {
    case ExclusionRule::not_dispatched: applies = o.unit.empty(); break;
    case ExclusionRule::consultation: applies = lists::is_consultation(o.type); break;
    case ExclusionRule::not_assessed: applies = o.assessed == Tri::no; break;
    case ExclusionRule::unreasonable: applies = o.unreasonable == Verdict::yes; break;
    case ExclusionRule::appeal_upheld: applies = o.appeal == Verdict::yes; break;
    case ExclusionRule::invalid_visit: applies = o.visit_valid == Tri::no; break;
    case ExclusionRule::duplicate: applies = m_dups && m_dups->contains(o.id); break;
    case ExclusionRule::redispatched_first_unit: applies = o.returned; break;
    }
    if (!applies)
      continue;
    ++c.excluded[size_t(x.rule)];
    if (x.from.empty())
      return kAll;
    for (Measure m : x.from)
      mask |= measure_bit(m);
    if (mask == kAll)
      return mask;
  }
  return mask;
}

void
Tally::add(const Order& o)
{
  int64_t at = period_stamp(m_profile.period, o);
  if (at == kNoTime) {
    ++m_unplaced.no_stamp;
    return;
  }
  const Subject* s = m_attr.subject(o);
  if (!s) {
    ++m_unplaced.no_subject;
    return;
  }
  // The period of `at`: its day's month (remembered), moved on for a window's tail.
  int64_t day = at >= 0 ? at / 86400 : -((-at + 86399) / 86400);
  if (day != m_last_day) {
    m_last_day = day;
    m_last_month = period_of(lists::Period{}, day * 86400);
  }
  int period = m_profile.period.kind == lists::Period::Kind::month ? m_last_month : period_of(m_profile.period, at);
  if (s->slot >= m_cells.size())
    m_cells.resize(s->slot + 1);
  Cells& cells = m_cells[s->slot];
  cells.subject = s;
  Counts* found = nullptr;
  for (auto& [p, counts] : cells.periods)
    if (p == period)
      found = &counts;
  if (!found)
    found = &cells.periods.emplace_back(period, Counts{}).second;
  Counts& c = *found;
  uint32_t mask = exclusion_mask(o, c);
  if (!(mask & kVolume)) {
    ++c.orders;
    c.visits += o.visit_valid == Tri::yes;
  }
  const lists::RateRule* rules[] = {&m_profile.response, &m_profile.resolution, &m_profile.satisfaction};
  for (size_t r = 0; r < 3; ++r)
    if (!(mask & (2u << r)))
      count_rate(*rules[r], o, c.rate[r]);
}

Totals
Tally::totals() const
{
  Totals out;
  for (const auto& cells : m_cells) {
    if (!cells.subject)
      continue;
    for (const auto& [period, counts] : cells.periods) {
      auto& e = out[TallyKey{cells.subject->name, period}];
      e.group = cells.subject->group;
      e.counts.add(counts);
    }
  }
  return out;
}

void
merge(Totals& into, const Totals& from)
{
  for (const auto& [key, e] : from) {
    auto& t = into[key];
    t.group = e.group;
    t.counts.add(e.counts);
  }
}

} // namespace duty::rates
