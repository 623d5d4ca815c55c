#include "audit/audit.hpp"

#include "lists/source.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>

namespace duty::audit {

using namespace lists;
using resolve::Claim;
using resolve::DimValues;
using resolve::Resolution;
using resolve::Status;

namespace {

// Slices that share one finding: the rule, the matter and the items involved.
struct Group
{
  std::string rule;
  const Matter* matter = nullptr;
  std::set<const Unit*> territories;
  std::set<DimValues> combos;
  Resolution sample;
  const Unit* lead = nullptr; // lead-without-power
};

bool
loc_less(const Loc& a, const Loc& b)
{
  return std::tie(a.file, a.line, a.col) < std::tie(b.file, b.line, b.col);
}

std::string
item_key(const Loc& l)
{
  return fmt::format("{}:{}:{}", l.file, l.line, l.col);
}

class SliceAudit
{
public:
  SliceAudit(const resolve::Resolver& r, const Options& o)
    : m_r(r), m_opt(o), m_sink(r.set().files), m_territories(r.territories(o.as_of))
  {
  }

  std::vector<diag::Diagnostic> run()
  {
    for (const Matter* m : m_r.leaves()) {
      auto combos = m_r.combinations(m_r.split_dims(m));
      for (const Unit* t : m_territories)
        for (const auto& dims : combos)
          visit(m, t, dims);
      flush(m, combos.size());
    }
    return m_sink.take();
  }

private:
  void visit(const Matter* m, const Unit* t, const DimValues& dims)
  {
    Resolution r = m_r.resolve({m, t, dims, m_opt.as_of});
    if (!r.basic_and_withdrawn.empty()) {
      std::string key = "task-conflict";
      for (const Task* x : r.basic_and_withdrawn)
        key += "|" + item_key(x->loc);
      add(key, "task-conflict", t, dims, r);
    }
    switch (r.status) {
    case Status::led:
      if (!r.primary.empty() && std::none_of(r.claims.begin(), r.claims.end(),
                                             [&](const Claim& c) { return c.unit == r.lead; })) {
        // Keyed by the entry, not by the unit: "@属地" resolves to another unit in
        // each territory, and that is still one finding about one entry.
        add("lead-without-power|" + item_key(r.primary[0]->loc), "lead-without-power", t, dims, r).lead = r.lead;
      }
      break;
    case Status::overlap: {
      std::vector<Loc> items;
      for (const auto& c : r.claims)
        items.push_back(c.loc);
      for (const Primary* p : r.primary)
        items.push_back(p->loc);
      std::sort(items.begin(), items.end(), loc_less);
      std::string key = "overlap";
      for (const auto& l : items)
        key += "|" + item_key(l);
      add(key, "overlap", t, dims, r);
      break;
    }
    case Status::orphan:
      add("orphan|" + (r.primary.empty() ? std::string() : item_key(r.primary[0]->loc)), "orphan-matter", t,
          dims, r);
      break;
    case Status::conflict: {
      std::string key = "conflict";
      for (const Primary* p : r.primary)
        key += "|" + item_key(p->loc);
      add(key, "conflicting-primary", t, dims, r);
      break;
    }
    }
  }

  Group& add(const std::string& key, const char* rule, const Unit* t, const DimValues& dims,
             const Resolution& r)
  {
    auto [it, fresh] = m_groups.try_emplace(key);
    Group& g = it->second;
    if (fresh) {
      g.rule = rule;
      g.sample = r;
    }
    g.territories.insert(t);
    g.combos.insert(dims);
    return g;
  }

  std::string slice_text(const Group& g, size_t all_combos) const
  {
    std::vector<std::string> ids;
    for (const Unit* t : g.territories)
      ids.push_back(t->id.value);
    return resolve::describe_slices(g.matter->id.value, {g.combos.begin(), g.combos.end()}, all_combos, ids,
                                    m_territories.size());
  }

  // `units`: every unit the claiming item names here; "@属地:police" names
  // two units where two stations serve the territory.
  std::string claim_label(const Claim& c, const std::vector<const Unit*>& units, bool single_territory) const
  {
    if (c.power) {
      std::string who = c.power->holder.value;
      if (single_territory && who.starts_with("@")) {
        std::vector<std::string> ids;
        for (const Unit* u : units)
          ids.push_back(u->id.value);
        std::sort(ids.begin(), ids.end());
        who += " = " + fmt::format("{}", fmt::join(ids, ", "));
      }
      return fmt::format("{} (power {})", who, c.power->code.value);
    }
    return fmt::format("{} (task {})", single_territory ? c.unit->id.value : "the territory", c.task->id.value);
  }

  void flush(const Matter* m, size_t all_combos)
  {
    for (auto& [key, g] : m_groups) {
      g.matter = m;
      emit(g, all_combos);
    }
    m_groups.clear();
  }

  void emit(const Group& g, size_t all_combos)
  {
    const Resolution& r = g.sample;
    bool single = g.territories.size() == 1;
    std::string slice = slice_text(g, all_combos);
    if (g.rule == "overlap") {
      std::vector<Claim> all = r.claims;
      std::stable_sort(all.begin(), all.end(), [](const Claim& a, const Claim& b) { return loc_less(a.loc, b.loc); });
      // One entry per claiming item, with the units it names here.
      std::vector<Claim> claims;
      std::vector<std::vector<const Unit*>> named;
      std::set<const Unit*> units;
      for (const auto& c : all) {
        units.insert(c.unit);
        if (claims.empty() || item_key(claims.back().loc) != item_key(c.loc)) {
          claims.push_back(c);
          named.emplace_back();
        }
        named.back().push_back(c.unit);
      }
      std::string who;
      for (size_t i = 0; i < claims.size(); ++i)
        who += (who.empty() ? "" : ", ") + claim_label(claims[i], named[i], single);
      std::string msg = r.reason.empty()
                          ? fmt::format("{} units claim the lead on {}: {}", units.size(), slice, who)
                          : fmt::format("several units lead on {}: {}", slice, r.reason);
      Loc at = claims.empty() ? r.primary[0]->loc : claims[0].loc;
      auto& d = m_sink.add(at, "overlap", msg, "add a primary-duty entry that names one lead for this slice");
      for (size_t i = 0; i < claims.size(); ++i)
        if (item_key(claims[i].loc) != item_key(at))
          m_sink.relate(d, claims[i].loc, "also claims the lead: " + claim_label(claims[i], named[i], single));
      for (const Primary* p : r.primary)
        m_sink.relate(d, p->loc, "primary entry " + p->id.value);
      for (const auto& c : claims)
        add_item_line(m_r.set().files, d, c.loc);
      add_item_line(m_r.set().files, d, g.matter->loc);
    } else if (g.rule == "orphan-matter") {
      std::string msg = fmt::format("nobody leads on {}", slice);
      if (!r.reason.empty())
        msg += ": " + r.reason;
      if (!r.withdrawn.empty())
        msg += fmt::format(" (task {} takes it back from the territory, and no other unit holds it)",
                           r.withdrawn[0]->id.value);
      auto& d = m_sink.add(g.matter->loc, "orphan-matter", msg,
                           "give a unit a power or a 基本履职 task on it, or add a primary-duty entry");
      if (!r.primary.empty()) {
        m_sink.relate(d, r.primary[0]->loc, "primary entry " + r.primary[0]->id.value);
        add_item_line(m_r.set().files, d, r.primary[0]->loc);
      }
    } else if (g.rule == "conflicting-primary") {
      std::string leads;
      for (const Primary* p : r.primary)
        leads += (leads.empty() ? "" : ", ") + p->id.value + " → " + p->lead.value;
      auto& d = m_sink.add(r.primary[0]->loc, "conflicting-primary",
                           fmt::format("equally specific primary entries name different leads on {}: {}", slice, leads),
                           "make one entry more specific (deeper matter, where, when) or remove one");
      for (size_t i = 1; i < r.primary.size(); ++i) {
        m_sink.relate(d, r.primary[i]->loc, "primary entry " + r.primary[i]->id.value);
        add_item_line(m_r.set().files, d, r.primary[i]->loc);
      }
    } else if (g.rule == "lead-without-power") {
      const Primary* p = r.primary[0];
      std::string lead = p->lead.value;
      if (lead.starts_with("@") && single)
        lead += " = " + g.lead->id.value;
      auto& d = m_sink.add(p->lead.loc, "lead-without-power",
                           fmt::format("primary entry {} names {} as lead on {}, which holds neither a power "
                                       "nor a 基本履职 task for it",
                                       util::quote(p->id.value), lead, slice),
                           "看得见的管不了: give the lead the power, or name the power holder as lead",
                           p->lead.length);
      add_item_line(m_r.set().files, d, p->loc);
    } else if (g.rule == "task-conflict") {
      const Task* basic = nullptr;
      const Task* back = nullptr;
      for (const Task* t : r.basic_and_withdrawn) {
        if (t->role == Role::basic && !basic)
          basic = t;
        if (t->role == Role::withdrawn && !back)
          back = t;
      }
      if (!basic || !back)
        return;
      auto& d = m_sink.add(basic->loc, "task-conflict",
                           fmt::format("the territory is both 基本履职 (task {}) and 上级收回 (task {}) on {}",
                                       basic->id.value, back->id.value, slice),
                           "a matter taken back by the district cannot also be the street's own duty");
      m_sink.relate(d, back->loc, "上级收回 task " + back->id.value);
      add_item_line(m_r.set().files, d, back->loc);
    }
  }

  const resolve::Resolver& m_r;
  const Options& m_opt;
  Sink m_sink;
  std::vector<const Unit*> m_territories;
  std::map<std::string, Group> m_groups; // one matter's findings, by key

};

} // namespace

std::vector<diag::Diagnostic>
check_slices(const resolve::Resolver& resolver, const Options& options)
{
  return SliceAudit(resolver, options).run();
}

} // namespace duty::audit
