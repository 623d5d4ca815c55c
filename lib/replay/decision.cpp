#include "replay/decision.hpp"

#include "resolve/evidence.hpp"

#include <algorithm>
#include <set>

namespace duty::replay {

using namespace lists;
using resolve::Resolution;
using resolve::Status;

namespace {

// Units that claim the lead in an answer without a single lead.
std::vector<const Unit*>
claimants(const Resolution& r, const resolve::Resolver& resolver, const resolve::Slice& s)
{
  std::vector<const Unit*> out;
  if (r.lead)
    out.push_back(r.lead);
  if (!r.primary.empty()) {
    for (const Primary* p : r.primary)
      for (const Unit* u : resolver.resolve_ref(p->lead.value, s.territory, s.date))
        out.push_back(u);
  } else {
    for (const auto& c : r.claims)
      out.push_back(c.unit);
  }
  return out;
}

void
sort_unique(std::vector<const Unit*>& v)
{
  std::sort(v.begin(), v.end(), [](const Unit* a, const Unit* b) { return a->id.value < b->id.value; });
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

bool
contains(const std::vector<const Unit*>& v, const Unit* u)
{
  return std::find(v.begin(), v.end(), u) != v.end();
}

} // namespace

Decision::Leads
Decision::leads(const Unit* u) const
{
  switch (kind) {
  case Kind::led: return u == lead ? Leads::yes : Leads::no;
  case Kind::no_lead: return Leads::no;
  case Kind::contested:
  case Kind::undecided: return contains(candidates, u) ? Leads::maybe : Leads::no;
  }
  return Leads::no;
}

bool
Decision::only_assists(const Unit* u) const
{
  if (!u || u == lead)
    return false;
  if (contains(assist, u))
    return true;
  for (const auto& [dims, r] : answers)
    if (u == territory && (!r.withdrawn.empty() || !r.assisting.empty()))
      return true;
  return false;
}

Decisions::Decisions(const resolve::Context& lists) : m_lists(lists)
{
  auto note = [&](const auto& items) {
    for (const auto& x : items) {
      if (x.valid_from)
        m_changes.push_back(x.valid_from->days);
      if (x.valid_to)
        m_changes.push_back(x.valid_to->days + 1);
    }
  };
  const auto& set = lists.set();
  note(set.units);
  note(set.powers);
  note(set.primary);
  note(set.tasks);
  std::sort(m_changes.begin(), m_changes.end());
  m_changes.erase(std::unique(m_changes.begin(), m_changes.end()), m_changes.end());
}

int32_t
Decisions::epoch(util::Date date) const
{
  return int32_t(std::upper_bound(m_changes.begin(), m_changes.end(), date.days) - m_changes.begin());
}

size_t
Decisions::KeyHash::operator()(const Key& k) const
{
  size_t h = std::hash<const void*>{}(k.matter);
  h = h * 31 + std::hash<const void*>{}(k.territory);
  h = h * 31 + std::hash<int32_t>{}(k.epoch);
  return k.dims.empty() ? h : h * 31 + std::hash<std::string>{}(k.dims);
}

std::shared_ptr<const Decision>
Decisions::decide(const Matter* matter, const Unit* territory, const resolve::DimValues& dims,
                  util::Date date)
{
  const auto& resolver = m_lists.resolver();
  auto split = dims.empty() ? std::vector<std::string>() : resolver.split_dims(matter);
  resolve::DimValues given;
  for (const auto& [k, v] : dims) {
    if (!std::binary_search(split.begin(), split.end(), k))
      continue;
    const Dimension* d = m_lists.index().dimension(k);
    // A named copy: Clang 14 cannot capture a structured binding in a lambda.
    const std::string& value = v;
    if (d && std::any_of(d->values.begin(), d->values.end(), [&](const Text& t) { return t.value == value; }))
      given.emplace_back(k, v);
  }
  Key key{matter, territory, epoch(date), {}};
  for (const auto& [k, v] : given)
    key.dims += k + '=' + v + '\x1f';
  if (auto it = m_cache.find(key); it != m_cache.end())
    return it->second;
  if (m_cache.size() > 200000)
    m_cache.clear(); // bounded: a long log's slices are re-resolved, never held all at once
  auto d = build(matter, territory, std::move(given), date);
  m_cache.emplace(std::move(key), d);
  return d;
}

std::shared_ptr<Decision>
Decisions::build(const Matter* matter, const Unit* territory, resolve::DimValues given, util::Date date) const
{
  const auto& resolver = m_lists.resolver();
  auto d = std::make_shared<Decision>();
  d->matter = matter;
  d->territory = territory;
  d->given = given;
  std::vector<std::string> open;
  for (const auto& dim : resolver.split_dims(matter))
    if (std::none_of(given.begin(), given.end(), [&](const auto& g) { return g.first == dim; }))
      open.push_back(dim);
  for (auto combo : resolver.combinations(open)) {
    combo.insert(combo.end(), given.begin(), given.end());
    std::sort(combo.begin(), combo.end());
    Resolution r = resolver.resolve({matter, territory, combo, date});
    d->answers.emplace_back(std::move(combo), std::move(r));
  }
  bool all_led = true, all_orphan = true, all_contested = true;
  for (const auto& [dims, r] : d->answers) {
    all_led = all_led && r.status == Status::led && r.lead == d->answers[0].second.lead;
    all_orphan = all_orphan && r.status == Status::orphan;
    all_contested = all_contested && (r.status == Status::overlap || r.status == Status::conflict);
  }
  using K = Decision::Kind;
  d->kind = all_led ? K::led : all_orphan ? K::no_lead : all_contested ? K::contested : K::undecided;
  std::set<std::string> seen;
  for (const auto& [dims, r] : d->answers) {
    resolve::Slice s{matter, territory, dims, date};
    if (d->kind == K::led) {
      d->lead = r.lead;
      d->assist.insert(d->assist.end(), r.assist.begin(), r.assist.end());
    } else if (d->kind != K::no_lead) {
      auto c = claimants(r, resolver, s);
      d->candidates.insert(d->candidates.end(), c.begin(), c.end());
    }
    for (const auto& e : resolve::evidence(r, false)) {
      std::string w = resolve::where(m_lists.set(), e.loc);
      if (seen.insert(w).second)
        d->evidence.push_back(std::move(w));
    }
  }
  sort_unique(d->assist);
  sort_unique(d->candidates);
  // The lists' limits, where every answer agrees on a value.
  auto first = resolve::limits(d->answers.front().second);
  for (const auto& l : first) {
    bool agreed = std::all_of(d->answers.begin(), d->answers.end(), [&](const auto& a) {
      auto ls = resolve::limits(a.second);
      return std::any_of(ls.begin(), ls.end(),
                         [&](const Limit& x) { return x.name.value == l.name.value && x.value == l.value; });
    });
    if (agreed)
      d->limits.push_back(l);
  }
  return d;
}

} // namespace duty::replay
