#include "resolve/resolver.hpp"

#include "lists/vocab.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace duty::resolve {

using namespace lists;

const char*
status_name(Status s)
{
  switch (s) {
  case Status::led: return "led";
  case Status::overlap: return "overlap";
  case Status::orphan: return "orphan";
  case Status::conflict: return "conflict";
  }
  return "?";
}

std::string
describe_dims(const DimValues& dims)
{
  std::string out;
  for (const auto& [k, v] : dims) {
    if (!out.empty())
      out += ", ";
    out += k + "=" + v;
  }
  return out;
}

std::vector<Limit>
effective_limits(const Resolution& r)
{
  if (r.status == Status::led && !r.primary.empty())
    return r.primary[0]->limits;
  return {};
}

bool
conditions_match(const Conditions& when, const DimValues& dims)
{
  for (const auto& c : when) {
    auto it = std::find_if(dims.begin(), dims.end(),
                           [&](const auto& d) { return d.first == c.dimension.value; });
    if (it == dims.end())
      return false;
    bool any = std::any_of(c.values.begin(), c.values.end(),
                           [&](const Text& v) { return v.value == it->second; });
    if (!any)
      return false;
  }
  return true;
}

namespace {

const std::vector<const Power*> kNoPowers;
const std::vector<const Task*> kNoTasks;
const std::vector<const Primary*> kNoPrimary;
const std::vector<const Whistle*> kNoWhistles;

template <typename M>
const typename M::mapped_type&
lookup(const M& map, std::string_view key, const typename M::mapped_type& none)
{
  auto it = map.find(key);
  return it == map.end() ? none : it->second;
}

bool
by_id(const Unit* a, const Unit* b)
{
  return a->id.value < b->id.value;
}

void
sort_unique(std::vector<const Unit*>& v)
{
  std::sort(v.begin(), v.end(), by_id);
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

bool
task_covers(const Task& t, const Unit* territory)
{
  return std::any_of(t.units.begin(), t.units.end(), [&](const Text& u) {
    return u.value == kAllTerritories || u.value == territory->id.value;
  });
}

} // namespace

Resolver::Resolver(const ListSet& set, const Index& index) : m_set(set), m_ix(index)
{
  for (const auto& p : set.powers)
    for (const auto& m : p.matters)
      m_powers[m.value].push_back(&p);
  for (const auto& t : set.tasks)
    m_tasks[t.matter.value].push_back(&t);
  for (const auto& e : set.primary)
    m_primary[e.matter.value].push_back(&e);
  for (const auto& w : set.whistles)
    m_whistles[w.matter.value].push_back(&w);
  for (const auto& u : set.units) {
    for (const auto& s : u.serves)
      m_serving[s.value].push_back(&u);
    // A unit without `serves` serves its territorial parent (e.g. an enforcement team).
    if (u.serves.empty() && !u.parent.empty() && !is_territory(u.type))
      if (const Unit* p = index.unit(u.parent.value); p && is_territory(p->type))
        m_serving[p->id.value].push_back(&u);
  }
  for (const auto& m : set.matters)
    if (!m.parent.empty())
      m_has_children[m.parent.value] = true;
}

const std::vector<const Power*>&
Resolver::powers_on(std::string_view matter) const
{
  return lookup(m_powers, matter, kNoPowers);
}

const std::vector<const Task*>&
Resolver::tasks_on(std::string_view matter) const
{
  return lookup(m_tasks, matter, kNoTasks);
}

const std::vector<const Primary*>&
Resolver::primary_on(std::string_view matter) const
{
  return lookup(m_primary, matter, kNoPrimary);
}

const std::vector<const Whistle*>&
Resolver::whistles_on(std::string_view matter) const
{
  return lookup(m_whistles, matter, kNoWhistles);
}

std::vector<const Matter*>
Resolver::lineage(const Matter* m) const
{
  std::vector<const Matter*> out;
  while (m && out.size() < 64) {
    if (std::find(out.begin(), out.end(), m) != out.end())
      break; // a cycle: reported by validate
    out.push_back(m);
    m = m->parent.empty() ? nullptr : m_ix.matter(m->parent.value);
  }
  return out;
}

int
Resolver::depth(const Matter* m) const
{
  return static_cast<int>(lineage(m).size());
}

std::vector<const Unit*>
Resolver::territories(util::Date date) const
{
  std::vector<const Unit*> out;
  for (const auto& u : m_set.units)
    if (is_territory(u.type) && in_force(u, date) && m_ix.unit(u.id.value) == &u)
      out.push_back(&u);
  sort_unique(out);
  return out;
}

std::vector<const Matter*>
Resolver::leaves() const
{
  std::vector<const Matter*> out;
  for (const auto& m : m_set.matters)
    if (!m_has_children.count(m.id.value) && m_ix.matter(m.id.value) == &m)
      out.push_back(&m);
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->id.value < b->id.value; });
  return out;
}

std::vector<std::string>
Resolver::split_dims(const Matter* m) const
{
  std::set<std::string> dims;
  for (const Matter* a : lineage(m))
    for (const auto& d : a->split_by)
      if (m_ix.dimension(d.value))
        dims.insert(d.value);
  return {dims.begin(), dims.end()};
}

std::vector<DimValues>
Resolver::combinations(const std::vector<std::string>& dims) const
{
  std::vector<DimValues> out{{}};
  for (const auto& name : dims) {
    const Dimension* d = m_ix.dimension(name);
    if (!d || d->values.empty())
      continue;
    std::vector<DimValues> next;
    for (const auto& combo : out)
      for (const auto& v : d->values) {
        DimValues c = combo;
        c.emplace_back(name, v.value);
        next.push_back(std::move(c));
      }
    out = std::move(next);
  }
  return out;
}

std::vector<const Unit*>
Resolver::resolve_ref(std::string_view ref, const Unit* territory, util::Date date) const
{
  std::vector<const Unit*> out;
  std::optional<UnitType> type;
  bool ok = true;
  if (parse_local_ref(ref, type, ok)) {
    if (!ok || !territory)
      return out;
    if (!type) {
      out.push_back(territory);
      return out;
    }
    if (auto it = m_serving.find(territory->id.value); it != m_serving.end())
      for (const Unit* u : it->second)
        if (u->type == *type && in_force(*u, date))
          out.push_back(u);
    sort_unique(out);
    return out;
  }
  if (const Unit* u = m_ix.unit(ref); u && in_force(*u, date))
    out.push_back(u);
  return out;
}

// Phase 1: the claims of the powers and 基本履职 tasks on the matter and its
// ancestors, and the 上级收回 and 配合履职 tasks that bear on the territory.
void
Resolver::collect_claims(const std::vector<const Matter*>& line, const Slice& s, Resolution& r,
                         std::vector<const Task*>& basic) const
{
  for (const Matter* m : line) {
    for (const Power* p : powers_on(m->id.value)) {
      if (!in_force(*p, s.date) || !conditions_match(p->when, s.dims))
        continue;
      for (const Unit* u : resolve_ref(p->holder.value, s.territory, s.date))
        r.claims.push_back({u, p, nullptr, p->loc});
    }
    for (const Task* t : tasks_on(m->id.value)) {
      if (!in_force(*t, s.date) || !conditions_match(t->when, s.dims) || !task_covers(*t, s.territory))
        continue;
      switch (t->role) {
      case Role::basic:
        basic.push_back(t);
        r.claims.push_back({s.territory, nullptr, t, t->loc});
        break;
      case Role::withdrawn: r.withdrawn.push_back(t); break;
      case Role::assist: r.assisting.push_back(t); break;
      }
    }
  }
}

// Phase 2: the whistle items a street may use here, with the units they summon.
void
Resolver::collect_whistles(const std::vector<const Matter*>& line, const Slice& s, Resolution& r) const
{
  for (const Matter* m : line)
    for (const Whistle* w : whistles_on(m->id.value)) {
      if (!conditions_match(w->when, s.dims))
        continue;
      WhistleTarget wt{w, {}};
      for (const auto& ref : w->summon)
        for (const Unit* u : resolve_ref(ref.value, s.territory, s.date))
          wt.units.push_back(u);
      sort_unique(wt.units);
      r.whistles.push_back(std::move(wt));
    }
}

// Phase 3: 上级收回 takes the territory's own claims away; 配合履职 makes it an assistant.
void
Resolver::apply_tasks(const Slice& s, const std::vector<const Task*>& basic, Resolution& r) const
{
  if (!basic.empty() && !r.withdrawn.empty()) {
    r.basic_and_withdrawn = basic;
    r.basic_and_withdrawn.insert(r.basic_and_withdrawn.end(), r.withdrawn.begin(), r.withdrawn.end());
  }
  if (!r.withdrawn.empty())
    std::erase_if(r.claims, [&](const Claim& c) { return c.unit == s.territory; });
  if (!r.assisting.empty())
    r.assist.push_back(s.territory); // 配合履职: the territory assists whoever leads
}

// Phase 4: the most specific matching primary entries — deeper matter, then
// a `where` that names the territory, then more conditions. Ties are kept.
std::vector<const Primary*>
Resolver::deciding_primary(const std::vector<const Matter*>& line, const Slice& s) const
{
  using Rank = std::tuple<int, int, size_t>;
  Rank best{-1, -1, 0};
  std::vector<const Primary*> top;
  for (const Matter* m : line)
    for (const Primary* e : primary_on(m->id.value)) {
      if (!in_force(*e, s.date) || !conditions_match(e->when, s.dims))
        continue;
      bool narrowed = !e->where.empty();
      if (narrowed && std::none_of(e->where.begin(), e->where.end(),
                                   [&](const Text& w) { return w.value == s.territory->id.value; }))
        continue;
      Rank rank{depth(m), narrowed ? 1 : 0, e->when.size()};
      if (rank > best) {
        best = rank;
        top.clear();
      }
      if (rank == best)
        top.push_back(e);
    }
  return top;
}

// Phase 5a: the primary entries name the lead (or conflict, or name no unit in force here).
void
Resolver::decide_by_primary(const std::vector<const Primary*>& top, const Slice& s, Resolution& r) const
{
  std::vector<const Unit*> leads;
  for (const Primary* e : top)
    for (const Unit* u : resolve_ref(e->lead.value, s.territory, s.date))
      leads.push_back(u);
  sort_unique(leads);
  r.primary = top;
  bool same_ref =
    std::all_of(top.begin(), top.end(), [&](const Primary* e) { return e->lead.value == top[0]->lead.value; });
  if (top.size() > 1 && !(same_ref && leads.size() <= 1)) {
    r.status = Status::conflict;
    return;
  }
  for (const Primary* e : top)
    for (const auto& a : e->assist)
      for (const Unit* u : resolve_ref(a.value, s.territory, s.date))
        r.assist.push_back(u);
  if (leads.size() == 1) {
    r.status = Status::led;
    r.lead = leads[0];
  } else if (leads.empty()) {
    r.status = Status::orphan;
    r.reason = "primary entry " + top[0]->id.value + " names " + top[0]->lead.value +
               ", which is no unit in force here";
  } else {
    r.status = Status::overlap;
    r.reason = "primary entry " + top[0]->id.value + " names " + top[0]->lead.value +
               ", which is several units here";
  }
}

// Phase 5b: without a primary entry, the claims decide: one claimant leads.
void
Resolver::decide_by_claims(Resolution& r) const
{
  std::vector<const Unit*> claimants;
  for (const auto& c : r.claims)
    claimants.push_back(c.unit);
  sort_unique(claimants);
  if (claimants.size() == 1) {
    r.status = Status::led;
    r.lead = claimants[0];
  } else {
    r.status = claimants.empty() ? Status::orphan : Status::overlap;
  }
}

Resolution
Resolver::resolve(const Slice& s) const
{
  Resolution r;
  const auto line = lineage(s.matter);
  std::vector<const Task*> basic;
  collect_claims(line, s, r, basic);
  collect_whistles(line, s, r);
  apply_tasks(s, basic, r);
  auto top = deciding_primary(line, s);
  if (!top.empty()) {
    decide_by_primary(top, s, r);
    if (r.status == Status::conflict)
      return r;
  } else {
    decide_by_claims(r);
  }
  sort_unique(r.assist);
  std::erase(r.assist, r.lead);
  return r;
}

} // namespace duty::resolve
