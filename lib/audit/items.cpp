#include "audit/audit.hpp"

#include "lists/source.hpp"
#include "lists/vocab.hpp"
#include "util/text.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

namespace duty::audit {

using namespace lists;
using resolve::in_force;

namespace {

class ItemAudit
{
public:
  ItemAudit(const resolve::Resolver& r, const Options& o) : m_r(r), m_set(r.set()), m_date(o.as_of), m_sink(m_set.files)
  {
  }

  std::vector<diag::Diagnostic> run()
  {
    powers();
    retired();
    idle();
    whistles();
    return m_sink.take();
  }

private:
  void powers()
  {
    std::unordered_set<std::string_view> covered;
    for (const auto& r : m_set.responsibilities)
      covered.insert(r.power.value);
    for (const auto& p : m_set.powers) {
      if (!in_force(p, m_date))
        continue;
      if (!covered.count(p.code.value))
        m_sink.add(p.code.loc, "power-without-responsibility",
                   fmt::format("power {} ({}) has no responsibility-list entry", util::quote(p.code.value), p.name.value),
                   "add an item to a responsibilities file with power: " + p.code.value,
                   p.code.length);
      if (p.basis.empty())
        m_sink.add(p.code.loc, "missing-basis",
                   fmt::format("power {} ({}) has no legal basis", util::quote(p.code.value), p.name.value),
                   "list the law or regulation that sets it under basis:", p.code.length);
    }
    for (const auto& r : m_set.responsibilities) {
      const Power* p = m_r.index().power(r.power.value);
      if (p && !in_force(*p, m_date))
        m_sink.add(r.power.loc, "responsibility-without-power",
                   fmt::format("responsibility names power {}, which is not in force on {}", util::quote(p->code.value),
                               m_date.str()),
                   "end the responsibility with its power, or renew the power", r.power.length);
    }
  }

  // A plain unit reference from an item in force must name a unit in force.
  void check_ref(const Text& ref, const Loc& item)
  {
    if (ref.empty() || ref.value.starts_with("@"))
      return;
    const Unit* u = m_r.index().unit(ref.value);
    if (!u || in_force(*u, m_date))
      return;
    std::string span = fmt::format("{}..{}", u->valid_from ? u->valid_from->str() : "",
                                   u->valid_to ? u->valid_to->str() : "");
    auto& d = m_sink.add(ref.loc, "retired-unit",
                         fmt::format("unit {} is not in force on {} (valid {})", util::quote(ref.value), m_date.str(), span),
                         "refer to the unit that took over its duties", ref.length);
    m_sink.relate(d, u->loc, "the unit's definition");
    add_item_line(m_set.files, d, item);
  }

  void retired()
  {
    for (const auto& u : m_set.units) {
      if (!in_force(u, m_date))
        continue;
      check_ref(u.parent, u.loc);
      for (const auto& s : u.serves)
        check_ref(s, u.loc);
    }
    for (const auto& p : m_set.powers)
      if (in_force(p, m_date))
        check_ref(p.holder, p.loc);
    for (const auto& r : m_set.responsibilities)
      check_ref(r.unit, r.loc);
    for (const auto& e : m_set.primary) {
      if (!in_force(e, m_date))
        continue;
      check_ref(e.lead, e.loc);
      for (const auto& a : e.assist)
        check_ref(a, e.loc);
      for (const auto& w : e.where)
        check_ref(w, e.loc);
    }
    for (const auto& t : m_set.tasks) {
      if (!in_force(t, m_date))
        continue;
      for (const auto& u : t.units)
        check_ref(u, t.loc);
      check_ref(t.lead, t.loc);
    }
    for (const auto& w : m_set.whistles)
      for (const auto& s : w.summon)
        check_ref(s, w.loc);
  }

  // Marks the units a reference engages: a unit id, @属地 (every territory),
  // @属地:TYPE (every unit of that type that serves a territory).
  void engage(const Text& ref)
  {
    if (ref.empty())
      return;
    std::optional<UnitType> type;
    bool ok = true;
    if (parse_local_ref(ref.value, type, ok)) {
      if (ok)
        m_local_types.insert(type ? static_cast<int>(*type) : -1);
      return;
    }
    if (ref.value == kAllTerritories) {
      m_local_types.insert(-1);
      return;
    }
    m_engaged.insert(ref.value);
  }

  void idle()
  {
    for (const auto& p : m_set.powers)
      if (in_force(p, m_date))
        engage(p.holder);
    for (const auto& r : m_set.responsibilities)
      engage(r.unit);
    for (const auto& e : m_set.primary) {
      if (!in_force(e, m_date))
        continue;
      engage(e.lead);
      for (const auto& a : e.assist)
        engage(a);
    }
    for (const auto& t : m_set.tasks) {
      if (!in_force(t, m_date))
        continue;
      for (const auto& u : t.units)
        engage(u);
      engage(t.lead);
    }
    for (const auto& w : m_set.whistles)
      for (const auto& s : w.summon)
        engage(s);
    for (const auto& u : m_set.units) {
      if (!in_force(u, m_date) || m_engaged.count(u.id.value))
        continue;
      if (is_territory(u.type) && m_local_types.count(-1))
        continue;
      if (m_local_types.count(static_cast<int>(u.type)) && serves_some_territory(u))
        continue;
      m_sink.add(u.id.loc, "idle-unit",
                 fmt::format("unit {} ({}) has no power, task, primary role or whistle duty", util::quote(u.id.value),
                             u.name.value),
                 "give it its duties, or end it with valid_to", u.id.length);
    }
  }

  bool serves_some_territory(const Unit& u) const
  {
    if (!u.serves.empty())
      return true;
    const Unit* p = u.parent.empty() ? nullptr : m_r.index().unit(u.parent.value);
    return p && is_territory(p->type);
  }

  // Two `when`s can hold at once unless some shared dimension has no common value.
  static bool compatible(const Conditions& a, const Conditions& b)
  {
    for (const auto& x : a)
      for (const auto& y : b) {
        if (x.dimension.value != y.dimension.value)
          continue;
        bool common = std::any_of(x.values.begin(), x.values.end(), [&](const Text& v) {
          return std::any_of(y.values.begin(), y.values.end(), [&](const Text& w) { return v.value == w.value; });
        });
        if (!common)
          return false;
      }
    return true;
  }

  void whistles()
  {
    // Powers by (holder reference, matter): `on` holds each power under its own
    // matters, `below` under every ancestor of them too. A summoned unit must hold
    // a power on the whistle's matter, an ancestor or a descendant, under a
    // compatible condition. Keyed lookups keep this linear in the list size.
    using Key = std::pair<std::string_view, std::string_view>;
    std::map<Key, std::vector<const Power*>> on, below;
    for (const auto& p : m_set.powers) {
      if (!in_force(p, m_date))
        continue;
      for (const auto& pm : p.matters) {
        on[{p.holder.value, pm.value}].push_back(&p);
        if (const Matter* x = m_r.index().matter(pm.value))
          for (const Matter* a : m_r.lineage(x))
            below[{p.holder.value, a->id.value}].push_back(&p);
      }
    }
    auto any_compatible = [&](const std::map<Key, std::vector<const Power*>>& map, Key key, const Whistle& w) {
      auto it = map.find(key);
      return it != map.end() && std::any_of(it->second.begin(), it->second.end(),
                                            [&](const Power* p) { return compatible(p->when, w.when); });
    };
    for (const auto& w : m_set.whistles) {
      const Matter* m = m_r.index().matter(w.matter.value);
      if (!m)
        continue;
      auto line = m_r.lineage(m);
      for (const auto& s : w.summon) {
        if (s.value == kLocalRef)
          continue; // the territory itself coordinates; it needs no power
        if (const Unit* u = m_r.index().unit(s.value); u && is_territory(u->type))
          continue;
        bool ok = any_compatible(below, {s.value, w.matter.value}, w);
        for (const Matter* a : line)
          ok = ok || any_compatible(on, {s.value, a->id.value}, w);
        if (ok)
          continue;
        auto& d = m_sink.add(s.loc, "whistle-without-power",
                             fmt::format("whistle on {} summons {}, which holds no power over it{}",
                                         util::quote(w.matter.value), s.value,
                                         w.when.empty() ? "" : " under this condition"),
                             "summon the departments that hold powers over the matter",
                             s.length);
        add_item_line(m_set.files, d, w.loc);
      }
    }
  }

  const resolve::Resolver& m_r;
  const ListSet& m_set;
  util::Date m_date;
  Sink m_sink;
  std::unordered_set<std::string_view> m_engaged;
  std::set<int> m_local_types; // -1: @属地 itself
};

} // namespace

std::vector<diag::Diagnostic>
check_items(const resolve::Resolver& resolver, const Options& options)
{
  return ItemAudit(resolver, options).run();
}

} // namespace duty::audit
