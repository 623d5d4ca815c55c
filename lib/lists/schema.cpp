#include "lists/schema.hpp"

#include "util/spell.hpp"
#include "util/text.hpp"

#include <cstdlib>
#include <fmt/format.h>

namespace duty::lists {

namespace {

using S = Shape;

constexpr Field kUnitFields[] = {
  {"id", S::text, true},        {"name", S::text, true},
  {"type", S::enumeration, true, &unit_types},
  {"parent", S::text},          {"serves", S::texts},
  {"aliases", S::texts},        {"valid_from", S::date},
  {"valid_to", S::date},        {"note", S::text},
};

constexpr Field kMatterFields[] = {
  {"id", S::text, true}, {"name", S::text, true}, {"parent", S::text},
  {"aliases", S::texts}, {"split_by", S::texts},  {"note", S::text},
};

constexpr Field kPowerFields[] = {
  {"code", S::text, true},
  {"name", S::text, true},
  {"category", S::enumeration, true, &categories},
  {"holder", S::text, true},
  {"matters", S::texts, true},
  {"when", S::conditions},
  {"basis", S::texts},
  {"valid_from", S::date},
  {"valid_to", S::date},
  {"note", S::text},
};

constexpr Field kResponsibilityFields[] = {
  {"power", S::text, true},   {"duties", S::texts, true}, {"accountability", S::texts},
  {"unit", S::text},          {"note", S::text},
};

constexpr Field kPrimaryFields[] = {
  {"id", S::text, true},  {"matter", S::text, true}, {"when", S::conditions},
  {"where", S::texts},    {"lead", S::text, true},   {"assist", S::texts},
  {"limits", S::limits},  {"basis", S::texts},       {"valid_from", S::date},
  {"valid_to", S::date},  {"note", S::text},
};

constexpr Field kTaskFields[] = {
  {"id", S::text, true},
  {"unit", S::texts, true},
  {"matter", S::text, true},
  {"role", S::enumeration, true, &roles},
  {"when", S::conditions},
  {"lead", S::text},
  {"basis", S::texts},
  {"valid_from", S::date},
  {"valid_to", S::date},
  {"note", S::text},
};

constexpr Field kWhistleFields[] = {
  {"id", S::text},
  {"matter", S::text, true},
  {"type", S::enumeration, true, &whistle_types},
  {"summon", S::texts, true},
  {"report_within", S::duration, true},
  {"when", S::conditions},
  {"note", S::text},
};

constexpr Field kCalendarFields[] = {
  {"year", S::year, true},
  {"holidays", S::dates, true},
  {"workdays", S::dates, true},
  {"note", S::text},
};

constexpr KindSchema kKinds[] = {
  {"units", "unit", kUnitFields},
  {"matters", "matter", kMatterFields},
  {"powers", "power", kPowerFields},
  {"responsibilities", "responsibility", kResponsibilityFields},
  {"primary", "primary-duty entry", kPrimaryFields},
  {"tasks", "task", kTaskFields},
  {"whistles", "whistle matter", kWhistleFields},
  {"calendar", "calendar year", kCalendarFields},
  {"profile", "profile", {}, true},
};

bool
check_scalar(const YNode& v, const Field& f, uint32_t file, Sink& sink)
{
  if (v.is_scalar() && !util::trim(v.text).empty())
    return true;
  if (v.is_scalar() || v.kind == YNode::Kind::null)
    sink.add(file, v, "schema", fmt::format("field \"{}\" is empty; expected a value", f.name));
  else
    sink.add(file, v, "schema",
             fmt::format("field \"{}\" is {}; expected a single value", f.name, v.kind_name()));
  return false;
}

bool
check_scalar_list(const YNode& v, const Field& f, uint32_t file, Sink& sink)
{
  if (!v.is_seq())
    return check_scalar(v, f, file, sink);
  bool ok = true;
  for (const auto& e : v.children) {
    if (e.is_scalar() && !util::trim(e.text).empty())
      continue;
    sink.add(file, e, "schema",
             fmt::format("an entry of \"{}\" is {}; expected a single value", f.name,
                         e.is_scalar() ? "empty" : e.kind_name()));
    ok = false;
  }
  return ok;
}

bool
check_enumeration(const YNode& v, const Field& f, uint32_t file, Sink& sink)
{
  if (!check_scalar(v, f, file, sink))
    return false;
  const Vocabulary& voc = f.vocabulary();
  if (voc.find(v.text))
    return true;
  std::string hint = util::did_you_mean(v.text, voc.all_names());
  if (hint.empty())
    hint = "expected " + util::one_of(voc.canonical_names());
  else
    hint += " (expected " + util::one_of(voc.canonical_names()) + ")";
  sink.add(file, v, "bad-value", fmt::format("unknown {} {}", voc.what, util::quote(v.text)), hint);
  return false;
}

bool
check_date(const YNode& v, const Field& f, uint32_t file, Sink& sink)
{
  if (!check_scalar(v, f, file, sink))
    return false;
  if (util::parse_date(v.text))
    return true;
  sink.add(file, v, "bad-value", fmt::format("{} is not a valid date", util::quote(v.text)),
           util::date_problem(v.text));
  return false;
}

bool
check_duration(const YNode& v, std::string_view what, uint32_t file, Sink& sink)
{
  if (v.is_scalar() && util::parse_duration(v.text))
    return true;
  sink.add(file, v, "bad-value",
           fmt::format("{} is not a valid duration for \"{}\"",
                       v.is_scalar() ? util::quote(v.text) : std::string(v.kind_name()), what),
           "durations are 30m (minutes), 2h (hours), 7d (natural days) or 7wd (working days)");
  return false;
}

bool
check_conditions(const YNode& v, const Field& f, uint32_t file, Sink& sink)
{
  if (!v.is_map()) {
    sink.add(file, v, "schema",
             fmt::format("field \"{}\" is {}; expected a mapping of dimension to value(s)", f.name,
                         v.kind_name()),
             "e.g. when: {land: 集体土地}");
    return false;
  }
  bool ok = true;
  for (size_t i = 0; i < v.map_size(); ++i) {
    Field dim{"when", S::texts};
    if (!v.key(i).is_scalar()) {
      sink.add(file, v.key(i), "schema", "a dimension name must be a single value");
      ok = false;
    } else if (!check_scalar_list(v.value(i), dim, file, sink)) {
      ok = false;
    }
  }
  return ok;
}

bool
check_limits(const YNode& v, const Field& f, uint32_t file, Sink& sink)
{
  if (!v.is_map()) {
    sink.add(file, v, "schema",
             fmt::format("field \"{}\" is {}; expected a mapping of limit to duration", f.name,
                         v.kind_name()),
             "e.g. limits: {contact: 24h, close: 7wd}");
    return false;
  }
  bool ok = true;
  const Vocabulary& voc = limit_names();
  for (size_t i = 0; i < v.map_size(); ++i) {
    const YNode& k = v.key(i);
    if (!k.is_scalar() || !voc.find(k.text)) {
      std::string hint = k.is_scalar() ? util::did_you_mean(k.text, voc.all_names()) : "";
      hint += (hint.empty() ? "expected " : " (expected ") + util::one_of(voc.canonical_names()) +
              (hint.empty() ? "" : ")");
      sink.add(file, k, "bad-value",
               fmt::format("unknown time limit {}", k.is_scalar() ? util::quote(k.text) : "key"), hint);
      ok = false;
      continue;
    }
    ok = check_duration(v.value(i), k.text, file, sink) && ok;
  }
  return ok;
}

bool
check_year(const YNode& v, const Field& f, uint32_t file, Sink& sink)
{
  if (!check_scalar(v, f, file, sink))
    return false;
  char* end = nullptr;
  long y = std::strtol(v.text.c_str(), &end, 10);
  if (end && *end == '\0' && y >= 1900 && y <= 2999)
    return true;
  sink.add(file, v, "bad-value", fmt::format("{} is not a year", util::quote(v.text)),
           "expected a year such as 2025");
  return false;
}

bool
check_dates(const YNode& v, const Field& f, uint32_t file, Sink& sink)
{
  if (!v.is_seq()) {
    sink.add(file, v, "schema",
             fmt::format("field \"{}\" is {}; expected a list of dates", f.name, v.kind_name()),
             "e.g. [2025-01-01, 2025-01-28..2025-02-04]; write [] for none");
    return false;
  }
  bool ok = true;
  for (const auto& e : v.children) {
    util::Date a, b;
    if (e.is_scalar() && parse_date_range(e.text, a, b) && b.days - a.days <= 366)
      continue;
    sink.add(file, e, "bad-value",
             fmt::format("{} is not a date or a date range",
                         e.is_scalar() ? util::quote(e.text) : std::string(e.kind_name())),
             "write YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD (first day not after the last, at most a year)");
    ok = false;
  }
  return ok;
}

bool
check_value(const YNode& v, const Field& f, uint32_t file, Sink& sink)
{
  switch (f.shape) {
  case S::text: return check_scalar(v, f, file, sink);
  case S::texts: return check_scalar_list(v, f, file, sink);
  case S::date: return check_date(v, f, file, sink);
  case S::duration: return check_duration(v, f.name, file, sink);
  case S::conditions: return check_conditions(v, f, file, sink);
  case S::limits: return check_limits(v, f, file, sink);
  case S::mapping:
    if (v.is_map())
      return true;
    sink.add(file, v, "schema", fmt::format("field \"{}\" is {}; expected a mapping", f.name, v.kind_name()));
    return false;
  case S::year: return check_year(v, f, file, sink);
  case S::dates: return check_dates(v, f, file, sink);
  case S::enumeration: return check_enumeration(v, f, file, sink);
  }
  return false;
}

} // namespace

bool
parse_date_range(std::string_view s, util::Date& from, util::Date& to)
{
  size_t dots = s.find("..");
  auto a = util::parse_date(s.substr(0, dots));
  if (!a)
    return false;
  if (dots == std::string_view::npos) {
    from = to = *a;
    return true;
  }
  auto b = util::parse_date(s.substr(dots + 2));
  if (!b || *b < *a)
    return false;
  from = *a;
  to = *b;
  return true;
}

const KindSchema*
find_kind(std::string_view kind)
{
  for (const auto& k : kKinds)
    if (k.kind == kind)
      return &k;
  return nullptr;
}

std::span<const KindSchema>
kinds()
{
  return kKinds;
}

std::vector<std::string_view>
kind_names()
{
  std::vector<std::string_view> out;
  for (const auto& k : kKinds)
    out.push_back(k.kind);
  return out;
}

size_t
field_index(const KindSchema& schema, std::string_view name)
{
  for (size_t i = 0; i < schema.fields.size(); ++i)
    if (schema.fields[i].name == name)
      return i;
  std::abort(); // a typo in a field name inside duty itself
}

Slots
check_item(const KindSchema& schema, const YNode& item, uint32_t file, Sink& sink)
{
  Slots slots{};
  if (!item.is_map()) {
    sink.add(file, item, "schema",
             fmt::format("a {} is {}; expected a mapping of fields", schema.item, item.kind_name()),
             schema.fields.empty() ? "" : fmt::format("an item starts with \"- {}: …\"", schema.fields[0].name));
    return slots;
  }
  if (schema.free_form)
    return slots;
  std::vector<std::string_view> names;
  for (const auto& f : schema.fields)
    names.push_back(f.name);
  std::array<bool, kMaxFields> seen{};
  for (size_t i = 0; i < item.map_size(); ++i) {
    const YNode& k = item.key(i);
    if (!k.is_scalar()) {
      sink.add(file, k, "schema", fmt::format("a key in a {} is {}; expected a field name", schema.item, k.kind_name()));
      continue;
    }
    size_t idx = schema.fields.size();
    for (size_t j = 0; j < schema.fields.size(); ++j)
      if (schema.fields[j].name == k.text) {
        idx = j;
        break;
      }
    if (idx == schema.fields.size()) {
      std::string hint = util::did_you_mean(k.text, names);
      if (hint.empty())
        hint = "fields of a " + std::string(schema.item) + ": " + util::one_of(names);
      sink.add(file, k, "unknown-key",
               fmt::format("unknown field {} in a {}", util::quote(k.text), schema.item), hint);
      continue;
    }
    if (seen[idx])
      continue; // duplicate key: reported by the parser; the first value wins
    seen[idx] = true;
    const YNode& v = item.value(i);
    if (v.kind == YNode::Kind::null) {
      // "parent:" with nothing after it means no parent; a required field must
      // have a value. A null's position is that of the next token, so point at the key.
      if (schema.fields[idx].required)
        sink.add(file, k, "schema", fmt::format("field \"{}\" is empty; expected a value", k.text));
      continue;
    }
    if (check_value(v, schema.fields[idx], file, sink))
      slots[idx] = &v;
  }
  for (size_t j = 0; j < schema.fields.size(); ++j) {
    if (schema.fields[j].required && !seen[j])
      sink.add(loc_of(file, item), "schema",
               fmt::format("this {} lacks the required field \"{}\"", schema.item, schema.fields[j].name),
               "", 0);
  }
  return slots;
}

} // namespace duty::lists
