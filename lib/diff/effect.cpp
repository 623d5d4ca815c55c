// The effect of a revision: every slice (leaf matter × territory × dimension
// values, on the as-of date) whose lead, assisting units, limits or whistle
// duty changed, merged as the audit merges its findings.
#include "diff/diff.hpp"

#include "lists/vocab.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>

namespace duty::diff {

using namespace lists;
using resolve::DimValues;
using resolve::Resolution;
using resolve::Status;

namespace {

constexpr const char* kNone = "(none)";

// A slice's answer, each part written out; equal answers compare equal.
struct Outcome
{
  std::string lead, assist, limits, whistle;
  bool operator==(const Outcome&) const = default;
};

// One side's resolver, and names for its units: relative to the territory
// ("@属地", "@属地:enforcement") so that slices of different territories merge
// when the lists say the same thing of them, or plain ids.
class View
{
public:
  explicit View(const ListSet& set) : m_index(set), m_resolver(set, m_index) {}

  const resolve::Resolver& resolver() const { return m_resolver; }
  const Index& index() const { return m_index; }

  Outcome outcome(const Matter* m, const Unit* t, const DimValues& dims, util::Date date, bool relative) const
  {
    if (!m || !t)
      return {"(not in the lists)", kNone, kNone, kNone};
    Resolution r = m_resolver.resolve({m, t, dims, date});
    auto name = [&](const Unit* u) { return relative ? relative_name(u, t, date) : u->id.value; };
    auto names = [&](const std::vector<const Unit*>& us) {
      std::vector<std::string> v;
      for (const Unit* u : us)
        v.push_back(name(u));
      std::sort(v.begin(), v.end());
      v.erase(std::unique(v.begin(), v.end()), v.end());
      return v.empty() ? std::string(kNone) : fmt::format("{}", fmt::join(v, ", "));
    };
    Outcome o;
    switch (r.status) {
    case Status::led: o.lead = name(r.lead); break;
    case Status::orphan: o.lead = "(nobody)"; break;
    case Status::overlap: {
      std::vector<const Unit*> claimants;
      for (const auto& c : r.claims)
        claimants.push_back(c.unit);
      o.lead = "(overlap: " + (claimants.empty() ? r.primary[0]->lead.value : names(claimants)) + ")";
      break;
    }
    case Status::conflict: {
      std::vector<std::string> v;
      for (const Primary* p : r.primary)
        v.push_back(p->id.value + " → " + p->lead.value);
      o.lead = fmt::format("(conflict: {})", fmt::join(v, ", "));
      break;
    }
    }
    o.assist = names(r.assist);
    std::vector<std::string> lim;
    for (const auto& l : resolve::effective_limits(r))
      lim.push_back(l.name.value + " " + l.value.str());
    std::sort(lim.begin(), lim.end()); // the order an item writes them in is no change
    o.limits = lim.empty() ? kNone : fmt::format("{}", fmt::join(lim, ", "));
    std::vector<std::string> ws;
    for (const auto& w : r.whistles)
      ws.push_back(fmt::format("{} → {} within {}", whistle_types().name_of(static_cast<int>(w.whistle->type)),
                               names(w.units), w.whistle->report_within.str()));
    std::sort(ws.begin(), ws.end());
    o.whistle = ws.empty() ? kNone : fmt::format("{}", fmt::join(ws, "; "));
    return o;
  }

private:
  std::string relative_name(const Unit* u, const Unit* territory, util::Date date) const
  {
    if (u == territory)
      return std::string(kLocalRef);
    std::string ref = fmt::format("{}:{}", kLocalRef, unit_types().name_of(static_cast<int>(u->type)));
    auto served = m_resolver.resolve_ref(ref, territory, date);
    if (std::find(served.begin(), served.end(), u) != served.end())
      return ref;
    return u->id.value;
  }

  Index m_index;
  resolve::Resolver m_resolver;
};

std::vector<FieldChange>
aspects(const Outcome& a, const Outcome& b)
{
  std::vector<FieldChange> out;
  auto add = [&](const char* name, const std::string& x, const std::string& y) {
    if (x != y)
      out.push_back({name, x, y});
  };
  add("lead", a.lead, b.lead);
  add("assist", a.assist, b.assist);
  add("limits", a.limits, b.limits);
  add("whistle", a.whistle, b.whistle);
  return out;
}

struct Group
{
  std::set<std::string> territories;
  std::set<DimValues> combos;
  std::vector<FieldChange> relative, concrete; // concrete: of the first slice
  size_t slices = 0;
};

std::string
key_of(const std::vector<FieldChange>& changes)
{
  std::string k;
  for (const auto& c : changes)
    k += c.field + '\x1f' + c.before + '\x1f' + c.after + '\x1e';
  return k;
}

} // namespace

std::string
EffectChange::where() const
{
  return resolve::describe_slices(matter, combos, all_combos, territories, all_territories);
}

std::vector<EffectChange>
diff_effects(const ListSet& before, const ListSet& after, util::Date as_of)
{
  View a(before), b(after);
  std::set<std::string> matters, territories;
  for (const View* v : {&a, &b}) {
    for (const Matter* m : v->resolver().leaves())
      matters.insert(m->id.value);
    for (const Unit* t : v->resolver().territories(as_of))
      territories.insert(t->id.value);
  }
  auto territory = [&](const View& v, const std::string& id) -> const Unit* {
    const Unit* u = v.index().unit(id);
    return u && is_territory(u->type) && resolve::in_force(*u, as_of) ? u : nullptr;
  };
  std::vector<EffectChange> out;
  for (const auto& mid : matters) {
    const Matter* ma = a.index().matter(mid);
    const Matter* mb = b.index().matter(mid);
    std::set<DimValues> combos;
    if (ma)
      for (auto& c : a.resolver().combinations(a.resolver().split_dims(ma)))
        combos.insert(std::move(c));
    if (mb)
      for (auto& c : b.resolver().combinations(b.resolver().split_dims(mb)))
        combos.insert(std::move(c));
    std::map<std::string, Group> groups; // by the relative change
    std::vector<std::string> order;
    for (const auto& tid : territories) {
      const Unit* ta = territory(a, tid);
      const Unit* tb = territory(b, tid);
      for (const auto& dims : combos) {
        auto changes = aspects(a.outcome(ma, ta, dims, as_of, true), b.outcome(mb, tb, dims, as_of, true));
        if (changes.empty())
          continue;
        std::string key = key_of(changes);
        auto [it, fresh] = groups.try_emplace(key);
        Group& g = it->second;
        if (fresh) {
          order.push_back(key);
          g.relative = std::move(changes);
          g.concrete = aspects(a.outcome(ma, ta, dims, as_of, false), b.outcome(mb, tb, dims, as_of, false));
        }
        g.territories.insert(tid);
        g.combos.insert(dims);
        ++g.slices;
      }
    }
    const Matter* m = mb ? mb : ma;
    for (const auto& key : order) {
      Group& g = groups[key];
      EffectChange e;
      e.matter = mid;
      e.matter_name = m->name.value;
      e.territories.assign(g.territories.begin(), g.territories.end());
      e.all_territories = territories.size();
      e.combos.assign(g.combos.begin(), g.combos.end());
      e.all_combos = combos.size();
      e.aspects = g.territories.size() == 1 ? std::move(g.concrete) : std::move(g.relative);
      e.slices = g.slices;
      out.push_back(std::move(e));
    }
  }
  return out;
}

} // namespace duty::diff
