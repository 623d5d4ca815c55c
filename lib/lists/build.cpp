#include "lists/build.hpp"

#include "lists/profile.hpp"
#include "util/text.hpp"

#include <cstdlib>
#include <fmt/format.h>

namespace duty::lists {

namespace {

// Reads fields of one item by name; absent or malformed fields read as empty.
class Reader
{
public:
  Reader(const KindSchema& schema, uint32_t file, const Slots& slots)
    : m_schema(schema), m_file(file), m_slots(slots)
  {
  }

  const YNode* node(std::string_view name) const { return m_slots[field_index(m_schema, name)]; }

  Text text(std::string_view name) const
  {
    const YNode* n = node(name);
    if (!n)
      return {};
    return located(*n);
  }

  Texts texts(std::string_view name) const
  {
    Texts out;
    const YNode* n = node(name);
    if (!n)
      return out;
    if (n->is_scalar()) {
      out.push_back(located(*n));
      return out;
    }
    for (const auto& e : n->children)
      out.push_back(located(e));
    return out;
  }

  std::optional<util::Date> date(std::string_view name) const
  {
    const YNode* n = node(name);
    return n ? util::parse_date(n->text) : std::nullopt;
  }

  template <typename E>
  E enumeration(std::string_view name, E fallback) const
  {
    const YNode* n = node(name);
    if (!n)
      return fallback;
    const Field& f = m_schema.fields[field_index(m_schema, name)];
    auto v = f.vocabulary().find(n->text);
    return v ? static_cast<E>(*v) : fallback;
  }

  Conditions conditions(std::string_view name) const
  {
    Conditions out;
    const YNode* n = node(name);
    if (!n)
      return out;
    for (size_t i = 0; i < n->map_size(); ++i) {
      Condition c;
      c.dimension = located(n->key(i));
      const YNode& v = n->value(i);
      if (v.is_scalar())
        c.values.push_back(located(v));
      else
        for (const auto& e : v.children)
          c.values.push_back(located(e));
      out.push_back(std::move(c));
    }
    return out;
  }

  std::vector<Limit> limits(std::string_view name) const
  {
    std::vector<Limit> out;
    const YNode* n = node(name);
    if (!n)
      return out;
    for (size_t i = 0; i < n->map_size(); ++i)
      if (auto d = util::parse_duration(n->value(i).text))
        out.push_back({{n->key(i).text, loc_of(m_file, n->key(i))}, *d});
    return out;
  }

  std::vector<CalendarDay> dates(std::string_view name) const
  {
    std::vector<CalendarDay> out;
    const YNode* n = node(name);
    if (!n)
      return out;
    for (const auto& e : n->children) {
      util::Date a, b;
      if (parse_date_range(e.text, a, b))
        for (util::Date d = a; d <= b; d.days++)
          out.push_back({d, loc_of(m_file, e)});
    }
    return out;
  }

private:
  Text located(const YNode& n) const
  {
    return Text{std::string(util::trim(n.text)), loc_of(m_file, n), static_cast<uint32_t>(token_length(n))};
  }

  const KindSchema& m_schema;
  uint32_t m_file;
  const Slots& m_slots;
};

} // namespace

void
build_dimensions(ListSet& set, uint32_t file, const YNode& node, Sink& sink)
{
  if (!node.is_map()) {
    sink.add(file, node, "schema",
             fmt::format("\"dimensions\" is {}; expected a mapping of name to allowed values", node.kind_name()),
             "e.g. dimensions: {land: [国有土地, 集体土地]}");
    return;
  }
  for (size_t i = 0; i < node.map_size(); ++i) {
    const YNode& k = node.key(i);
    const YNode& v = node.value(i);
    if (!k.is_scalar() || !v.is_seq() || v.children.empty()) {
      sink.add(file, k.is_scalar() ? v : k, "schema",
               "a dimension is a name with a non-empty list of allowed values",
               "e.g. land: [国有土地, 集体土地]");
      continue;
    }
    Dimension d;
    d.name = {k.text, loc_of(file, k), static_cast<uint32_t>(token_length(k))};
    for (const auto& e : v.children) {
      if (!e.is_scalar() || util::trim(e.text).empty()) {
        sink.add(file, e, "schema", "a dimension value must be a non-empty single value");
        continue;
      }
      d.values.push_back({std::string(util::trim(e.text)), loc_of(file, e), static_cast<uint32_t>(token_length(e))});
    }
    set.dimensions.push_back(std::move(d));
  }
}

void
build_item(ListSet& set, const KindSchema& schema, uint32_t file, const YNode& item, const Slots& slots,
           Sink& sink)
{
  Reader r(schema, file, slots);
  Loc loc = loc_of(file, item);
  std::string_view kind = schema.kind;
  if (kind == "units") {
    Unit u;
    u.id = r.text("id");
    u.name = r.text("name");
    u.type = r.enumeration("type", UnitType::department);
    u.parent = r.text("parent");
    u.serves = r.texts("serves");
    u.aliases = r.texts("aliases");
    u.valid_from = r.date("valid_from");
    u.valid_to = r.date("valid_to");
    u.loc = loc;
    set.units.push_back(std::move(u));
  } else if (kind == "matters") {
    Matter m;
    m.id = r.text("id");
    m.name = r.text("name");
    m.parent = r.text("parent");
    m.aliases = r.texts("aliases");
    m.split_by = r.texts("split_by");
    m.loc = loc;
    set.matters.push_back(std::move(m));
  } else if (kind == "powers") {
    Power p;
    p.code = r.text("code");
    p.name = r.text("name");
    p.category = r.enumeration("category", Category::other);
    p.holder = r.text("holder");
    p.matters = r.texts("matters");
    p.when = r.conditions("when");
    p.basis = r.texts("basis");
    p.valid_from = r.date("valid_from");
    p.valid_to = r.date("valid_to");
    p.loc = loc;
    set.powers.push_back(std::move(p));
  } else if (kind == "responsibilities") {
    Responsibility x;
    x.power = r.text("power");
    x.unit = r.text("unit");
    x.duties = r.texts("duties");
    x.accountability = r.texts("accountability");
    x.loc = loc;
    set.responsibilities.push_back(std::move(x));
  } else if (kind == "primary") {
    Primary p;
    p.id = r.text("id");
    p.matter = r.text("matter");
    p.lead = r.text("lead");
    p.when = r.conditions("when");
    p.where = r.texts("where");
    p.assist = r.texts("assist");
    p.basis = r.texts("basis");
    p.limits = r.limits("limits");
    p.valid_from = r.date("valid_from");
    p.valid_to = r.date("valid_to");
    p.loc = loc;
    set.primary.push_back(std::move(p));
  } else if (kind == "tasks") {
    Task t;
    t.id = r.text("id");
    t.units = r.texts("unit");
    t.matter = r.text("matter");
    t.role = r.enumeration("role", Role::basic);
    t.when = r.conditions("when");
    t.lead = r.text("lead");
    t.basis = r.texts("basis");
    t.valid_from = r.date("valid_from");
    t.valid_to = r.date("valid_to");
    t.loc = loc;
    set.tasks.push_back(std::move(t));
  } else if (kind == "whistles") {
    Whistle w;
    w.id = r.text("id");
    w.matter = r.text("matter");
    w.type = r.enumeration("type", WhistleType::daily);
    w.summon = r.texts("summon");
    if (const YNode* n = r.node("report_within"))
      w.report_within = util::parse_duration(n->text).value_or(util::Duration{});
    w.when = r.conditions("when");
    w.loc = loc;
    set.whistles.push_back(std::move(w));
  } else if (kind == "calendar") {
    Calendar c;
    if (const YNode* n = r.node("year"))
      c.year = std::atoi(n->text.c_str());
    c.holidays = r.dates("holidays");
    c.workdays = r.dates("workdays");
    c.loc = loc;
    set.calendars.push_back(std::move(c));
  } else if (kind == "profile") {
    Profile p;
    parse_profile(item, file, sink, p);
    p.loc = loc;
    set.profiles.push_back(std::move(p));
  }
}

size_t
ListSet::item_count() const
{
  return units.size() + matters.size() + powers.size() + responsibilities.size() + primary.size() +
         tasks.size() + whistles.size() + calendars.size() + profiles.size();
}

} // namespace duty::lists
