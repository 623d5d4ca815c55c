#include "lists/check.hpp"

#include "lists/identifiers.hpp"
#include "lists/source.hpp"
#include "lists/vocab.hpp"
#include "util/spell.hpp"
#include "util/text.hpp"
#include "util/unicode.hpp"

#include <fmt/format.h>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_map>

namespace duty::lists {

namespace {

// Did-you-mean over a large id space is costly; past this many unknown
// references the hint is left out.
constexpr size_t kMaxSuggestions = 200;

class Checker
{
public:
  Checker(const ListSet& set, const Index& index) : m_set(set), m_ix(index), m_sink(set.files) {}

  std::vector<diag::Diagnostic> run()
  {
    duplicates();
    check_identifiers(m_set, m_sink);
    units();
    matters();
    powers();
    responsibilities();
    primaries();
    tasks();
    whistles();
    calendars();
    return m_sink.take();
  }

private:
  void unknown(const Text& ref, std::string_view what, const std::vector<std::string_view>& candidates,
               std::string extra_hint = {})
  {
    std::string hint;
    if (m_suggested++ < kMaxSuggestions)
      hint = util::did_you_mean(ref.value, candidates);
    if (hint.empty())
      hint = std::move(extra_hint);
    m_sink.add(ref.loc, "unknown-reference",
               fmt::format("{} {} is not defined", what, util::quote(ref.value)), hint,
               ref.length);
  }

  const std::vector<std::string_view>& unit_ids()
  {
    if (m_unit_ids.empty())
      m_unit_ids = m_ix.unit_ids();
    return m_unit_ids;
  }
  const std::vector<std::string_view>& matter_ids()
  {
    if (m_matter_ids.empty())
      m_matter_ids = m_ix.matter_ids();
    return m_matter_ids;
  }

  void unit_ref(const Text& ref)
  {
    if (ref.empty() || m_ix.unit(ref.value))
      return;
    unknown(ref, "unit", unit_ids());
  }

  // A unit id or a territorial reference (@属地, @属地:TYPE).
  void holder_ref(const Text& ref)
  {
    if (ref.empty())
      return;
    std::optional<UnitType> type;
    bool ok = true;
    if (parse_local_ref(ref.value, type, ok)) {
      if (!ok)
        bad_local_ref(ref);
      return;
    }
    // "@属的", "@ 属地": no unit id starts with '@', so a typo of the reference.
    if (ref.value.starts_with("@") && !m_ix.unit(ref.value) && !local_hint(ref.value).empty()) {
      bad_local_ref(ref);
      return;
    }
    unit_ref(ref);
  }

  // The closest well-formed territorial reference to `value`, as "did you mean …?".
  static std::string local_hint(std::string_view value)
  {
    std::vector<std::string> forms = {std::string(kLocalRef)};
    for (auto name : unit_types().canonical_names())
      forms.push_back(fmt::format("{}:{}", kLocalRef, name));
    std::vector<std::string_view> views(forms.begin(), forms.end());
    return util::did_you_mean(value, views);
  }

  void bad_local_ref(const Text& ref)
  {
    std::string hint = local_hint(ref.value);
    std::string how = "write @属地 for the territory itself or @属地:TYPE, TYPE one of " +
                      util::one_of(unit_types().canonical_names());
    m_sink.add(ref.loc, "bad-value", fmt::format("malformed territorial reference {}", util::quote(ref.value)),
               hint.empty() ? how : hint + " (" + how + ")", ref.length);
  }

  void territory_ref(const Text& ref)
  {
    if (ref.empty())
      return;
    const Unit* u = m_ix.unit(ref.value);
    if (!u) {
      unknown(ref, "territory", unit_ids());
      return;
    }
    if (!is_territory(u->type))
      m_sink.add(ref.loc, "bad-value",
                 fmt::format("{} is a {}, not a street, town or township", util::quote(ref.value),
                             unit_types().name_of(static_cast<int>(u->type))),
                 "", ref.length);
  }

  void matter_ref(const Text& ref)
  {
    if (ref.empty() || m_ix.matter(ref.value))
      return;
    unknown(ref, "matter", matter_ids());
  }

  // The dimensions a matter's slices can carry: its own split_by, its
  // ancestors' and its descendants' (a claim on a parent reaches the leaves).
  const std::set<std::string>& reachable_dims(const Matter* m)
  {
    auto [it, fresh] = m_reach.try_emplace(m);
    if (!fresh)
      return it->second;
    std::set<std::string> dims = subtree_dims(m);
    std::set<const Matter*> seen;
    for (const Matter* a = m; a && seen.insert(a).second;
         a = a->parent.empty() ? nullptr : m_ix.matter(a->parent.value))
      for (const auto& d : a->split_by)
        dims.insert(d.value);
    return m_reach[m] = std::move(dims);
  }

  std::set<std::string> subtree_dims(const Matter* root)
  {
    if (m_children.empty())
      for (const auto& m : m_set.matters)
        if (!m.parent.empty())
          m_children[m.parent.value].push_back(&m);
    std::set<std::string> dims;
    std::set<const Matter*> seen;
    std::vector<const Matter*> stack{root};
    while (!stack.empty()) {
      const Matter* m = stack.back();
      stack.pop_back();
      if (!seen.insert(m).second)
        continue;
      for (const auto& d : m->split_by)
        dims.insert(d.value);
      if (auto it = m_children.find(m->id.value); it != m_children.end())
        stack.insert(stack.end(), it->second.begin(), it->second.end());
    }
    return dims;
  }

  void unsplit(const Conditions& when, const std::vector<const Text*>& matters)
  {
    for (const auto& c : when) {
      if (!m_ix.dimension(c.dimension.value))
        continue; // reported as an unknown reference
      bool reachable = false;
      bool any = false;
      for (const Text* t : matters)
        if (const Matter* m = m_ix.matter(t->value)) {
          any = true;
          reachable = reachable || reachable_dims(m).count(c.dimension.value);
        }
      if (any && !reachable)
        m_sink.add(c.dimension.loc, "unsplit-dimension",
                   fmt::format("no matter this item names (nor any above or below it) splits by \"{}\", so the "
                               "condition never holds",
                               c.dimension.value),
                   fmt::format("add {} to the matter's split_by, or drop the condition", c.dimension.value),
                   c.dimension.length);
    }
  }

  static std::vector<const Text*> ptrs(const Texts& v)
  {
    std::vector<const Text*> out;
    for (const auto& t : v)
      out.push_back(&t);
    return out;
  }

  void conditions(const Conditions& when)
  {
    for (const auto& c : when) {
      const Dimension* d = m_ix.dimension(c.dimension.value);
      if (!d) {
        unknown(c.dimension, "dimension", m_ix.dimension_names(),
                "dimensions are declared in a matters file under dimensions:");
        continue;
      }
      for (const auto& v : c.values) {
        bool found = false;
        std::vector<std::string_view> allowed;
        for (const auto& a : d->values) {
          found = found || a.value == v.value;
          allowed.push_back(a.value);
        }
        if (!found) {
          std::string hint = util::did_you_mean(v.value, allowed);
          m_sink.add(v.loc, "unknown-reference",
                     fmt::format("{} is not a value of dimension \"{}\"", util::quote(v.value), d->name.value),
                     hint.empty() ? "allowed: " + util::one_of(allowed) : hint,
                     v.length);
        }
      }
    }
  }

  template <typename T, typename Key>
  void duplicate_ids(const std::vector<T>& items, Key key, std::string_view what)
  {
    // Ids that look the same are the same: invisible characters and
    // stray spaces never make a second unit (they are reported on their own too).
    std::unordered_map<std::string, const Text*> seen;
    seen.reserve(items.size());
    for (const auto& item : items) {
      const Text& id = key(item);
      if (id.empty())
        continue;
      auto [it, fresh] = seen.emplace(util::visible_skeleton(id.value), &id);
      if (fresh)
        continue;
      const Text& first = *it->second;
      std::string message =
        first.value == id.value
          ? fmt::format("{} {} is defined twice", what, util::quote(id.value))
          : fmt::format("{} {} differs from {} {} only by invisible characters or spaces", what,
                        util::quote(util::show_invisible(id.value)), what,
                        util::quote(util::show_invisible(first.value)));
      auto& d = m_sink.add(id.loc, "duplicate-id", std::move(message),
                           "ids are unique within a kind across all files of the set",
                           id.length);
      m_sink.relate(d, first.loc, "first defined here");
    }
  }

  void duplicates()
  {
    duplicate_ids(m_set.units, [](const Unit& u) -> const Text& { return u.id; }, "unit");
    duplicate_ids(m_set.matters, [](const Matter& m) -> const Text& { return m.id; }, "matter");
    duplicate_ids(m_set.powers, [](const Power& p) -> const Text& { return p.code; }, "power code");
    duplicate_ids(m_set.primary, [](const Primary& p) -> const Text& { return p.id; }, "primary-duty entry");
    duplicate_ids(m_set.tasks, [](const Task& t) -> const Text& { return t.id; }, "task");
    duplicate_ids(m_set.whistles, [](const Whistle& w) -> const Text& { return w.id; }, "whistle");
    duplicate_ids(m_set.profiles, [](const Profile& p) -> const Text& { return p.id; }, "profile");
    duplicate_ids(m_set.dimensions, [](const Dimension& d) -> const Text& { return d.name; }, "dimension");
    std::unordered_map<int, const Calendar*> years;
    for (const auto& c : m_set.calendars) {
      auto [it, fresh] = years.emplace(c.year, &c);
      if (!fresh && c.year) {
        auto& d = m_sink.add(c.loc, "duplicate-id", fmt::format("calendar year {} is defined twice", c.year));
        m_sink.relate(d, it->second->loc, "first defined here");
      }
    }
  }

  template <typename T>
  void validity(const T& item, std::string_view what)
  {
    if (item.valid_from && item.valid_to && *item.valid_to < *item.valid_from)
      m_sink.add(item.loc, "bad-value",
                 fmt::format("{} is valid_to {} before its valid_from {}", what, item.valid_to->str(),
                             item.valid_from->str()));
  }

  void units()
  {
    for (const auto& u : m_set.units) {
      unit_ref(u.parent);
      for (const auto& s : u.serves)
        territory_ref(s);
      validity(u, "unit");
    }
  }

  void matters()
  {
    for (const auto& m : m_set.matters) {
      matter_ref(m.parent);
      for (const auto& s : m.split_by)
        if (!m_ix.dimension(s.value))
          unknown(s, "dimension", m_ix.dimension_names(),
                  "dimensions are declared in a matters file under dimensions:");
    }
    // Cycles: follow each parent chain; 0 = unvisited, 1 = on the current path, 2 = done.
    std::unordered_map<const Matter*, int> state;
    for (const auto& start : m_set.matters) {
      std::vector<const Matter*> path;
      const Matter* m = &start;
      while (m && state[m] == 0) {
        state[m] = 1;
        path.push_back(m);
        m = m->parent.empty() ? nullptr : m_ix.matter(m->parent.value);
      }
      if (m && state[m] == 1) {
        std::string chain;
        bool in = false;
        for (const Matter* p : path) {
          in = in || p == m;
          if (in)
            chain += p->id.value + " → ";
        }
        chain += m->id.value;
        m_sink.add(m->parent.loc, "matter-cycle", fmt::format("the matter tree has a cycle: {}", chain),
                   "a matter's parent chain must end at a matter without parent",
                   m->parent.length);
      }
      for (const Matter* p : path)
        state[p] = 2;
    }
  }

  void powers()
  {
    for (const auto& p : m_set.powers) {
      holder_ref(p.holder);
      for (const auto& m : p.matters)
        matter_ref(m);
      conditions(p.when);
      unsplit(p.when, ptrs(p.matters));
      validity(p, "power");
    }
  }

  void responsibilities()
  {
    for (const auto& r : m_set.responsibilities) {
      if (!r.power.empty() && !m_ix.power(r.power.value)) {
        if (m_power_codes.empty())
          m_power_codes = m_ix.power_codes();
        m_sink.add(r.power.loc, "responsibility-without-power",
                   fmt::format("responsibility names power {}, which is not in the power list",
                               util::quote(r.power.value)),
                   m_suggested++ < kMaxSuggestions ? util::did_you_mean(r.power.value, m_power_codes) : "",
                   r.power.length);
      }
      holder_ref(r.unit);
    }
  }

  void primaries()
  {
    for (const auto& p : m_set.primary) {
      matter_ref(p.matter);
      conditions(p.when);
      unsplit(p.when, {&p.matter});
      for (const auto& w : p.where)
        territory_ref(w);
      holder_ref(p.lead);
      for (const auto& a : p.assist)
        holder_ref(a);
      validity(p, "primary-duty entry");
    }
  }

  void tasks()
  {
    for (const auto& t : m_set.tasks) {
      for (const auto& u : t.units) {
        if (u.value == kAllTerritories)
          continue;
        territory_ref(u);
      }
      matter_ref(t.matter);
      conditions(t.when);
      unsplit(t.when, {&t.matter});
      holder_ref(t.lead);
      if (t.role == Role::assist && t.lead.empty())
        m_sink.add(t.loc, "schema", "a 配合履职 task lacks \"lead\", the unit it assists");
      validity(t, "task");
    }
  }

  void whistles()
  {
    for (const auto& w : m_set.whistles) {
      matter_ref(w.matter);
      for (const auto& s : w.summon)
        holder_ref(s);
      conditions(w.when);
      unsplit(w.when, {&w.matter});
    }
  }

  // A year's notice may name days of the neighbouring years (a 元旦 break
  // that starts on 30 December): those are fine, anything further is a typo.
  void calendars()
  {
    std::map<util::Date, std::pair<bool, Loc>> seen; // date → (holiday?, where), across items
    auto note = [&](const CalendarDay& day, bool holiday) {
      auto [it, fresh] = seen.emplace(day.date, std::pair{holiday, day.loc});
      if (!fresh && it->second.first != holiday) {
        auto& d = m_sink.add(day.loc, "calendar",
                             fmt::format("{} is listed both as a holiday and as a workday", day.date.str()));
        m_sink.relate(d, it->second.second, holiday ? "listed as a workday here" : "listed as a holiday here");
      }
    };
    for (const auto& c : m_set.calendars) {
      auto near = [&](util::Date d) { return std::abs(d.year() - c.year) <= 1; };
      for (const auto& h : c.holidays) {
        if (!near(h.date))
          m_sink.add(h.loc, "calendar",
                     fmt::format("holiday {} lies outside the calendar year {} and its neighbours", h.date.str(),
                                 c.year));
        note(h, true);
      }
      for (const auto& w : c.workdays) {
        if (!near(w.date))
          m_sink.add(w.loc, "calendar",
                     fmt::format("make-up workday {} lies outside the calendar year {} and its neighbours",
                                 w.date.str(), c.year));
        else if (!w.date.is_weekend())
          m_sink.add(w.loc, "calendar", fmt::format("make-up workday {} is not a Saturday or Sunday", w.date.str()),
                     "list only weekend days that become workdays (调休)");
        else
          note(w, false);
      }
    }
  }

  const ListSet& m_set;
  const Index& m_ix;
  Sink m_sink;
  size_t m_suggested = 0;
  std::vector<std::string_view> m_unit_ids, m_matter_ids, m_power_codes;
  std::unordered_map<const Matter*, std::set<std::string>> m_reach;
  std::unordered_map<std::string_view, std::vector<const Matter*>> m_children;
};

} // namespace

std::vector<diag::Diagnostic>
check_list_set(const ListSet& set, const Index& index)
{
  return Checker(set, index).run();
}

} // namespace duty::lists
