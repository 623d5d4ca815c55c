#include "cases/mapfile.hpp"

#include "cases/fields.hpp"
#include "lists/yaml.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/spell.hpp"
#include "util/text.hpp"

namespace duty::cases {

namespace {

constexpr size_t kMaxMapBytes = 1 << 20;

[[noreturn]] void
fail(const std::string& path, const lists::YNode& at, const std::string& what)
{
  throw UsageError(path + ":" + std::to_string(at.line) + ":" + std::to_string(at.col) + ": "
                   + what);
}

const std::string&
scalar(const std::string& path, const lists::YNode& n, std::string_view what)
{
  if (!n.is_scalar())
    fail(path, n, std::string(what) + " must be a string, not a " + n.kind_name());
  return n.text;
}

bool
known_field(std::string_view name)
{
  if (name == "category1" || name == "category2" || name == "category3")
    return true;
  return field_index(Kind::orders, name) || field_index(Kind::events, name);
}

// Every canonical name a map may use, for did-you-mean.
std::vector<std::string_view>
field_names()
{
  std::vector<std::string_view> names = {"category1", "category2", "category3"};
  for (Kind k : {Kind::orders, Kind::events})
    for (const auto& f : fields(k))
      names.push_back(f.name);
  return names;
}

// "unknown field "x"" with the closest canonical name, or where to find them.
std::string
unknown_field(const std::string& field, std::string_view where)
{
  std::string hint = util::did_you_mean(field, field_names());
  return "unknown field " + util::quote(field) + std::string(where)
         + (hint.empty() ? " (see duty-map(5) for the canonical names)" : "; " + hint);
}

// "unknown key "x"" with the closest of `keys`, else the list of them.
std::string
unknown_key(const std::string& key, const std::vector<std::string_view>& keys, std::string_view where)
{
  std::string hint = util::did_you_mean(key, keys);
  std::string list;
  for (auto k : keys)
    list += (list.empty() ? "" : ", ") + std::string(k);
  return "unknown key " + util::quote(key) + std::string(where)
         + (hint.empty() ? " (expected " + list + ")" : "; " + hint);
}

const FieldDef*
field_def(std::string_view name)
{
  for (Kind k : {Kind::orders, Kind::events})
    if (auto i = field_index(k, name))
      return &fields(k)[*i];
  return nullptr;
}

// Why `target` is not a value field `def` can read, or "" when it is.
std::string
unreadable(const FieldDef& def, const std::string& target)
{
  switch (def.type) {
  case FieldType::event:
    return canonical_event(target) ? "" : "not an event duty knows (派单, 签收, 办结, …)";
  case FieldType::whistle:
    return canonical_whistle(target) ? "" : "not a whistle type (日常哨, 攻坚哨, 应急哨, 跨区联合哨)";
  case FieldType::yes_no: return parse_yes_no(target) ? "" : "not a yes/no answer (是, 否)";
  case FieldType::resolved:
    return parse_resolved(target) ? "" : "not a resolution (解决, 部分解决, 未解决)";
  case FieldType::satisfaction:
    return parse_satisfaction(target) ? "" : "not a satisfaction (满意, 基本满意, 不满意, 未评价)";
  default: return "";
  }
}

MapSpec::ValueMap
parse_values(const std::string& path, const lists::YNode& key, const lists::YNode& v)
{
  const std::string& field = key.text;
  const FieldDef* def = field_def(field);
  if (!def)
    fail(path, key, unknown_field(field, " under values"));
  if (def->type == FieldType::time || def->type == FieldType::personal
      || def->type == FieldType::phone || def->type == FieldType::id)
    fail(path, key, "the values of " + field + " cannot be translated (only names, events, "
                                                "statuses and answers can)");
  if (!v.is_map())
    fail(path, v, "values: " + field + ": maps values of the export to values duty reads");
  MapSpec::ValueMap vm;
  vm.field = field;
  for (size_t j = 0; j < v.map_size(); ++j) {
    const std::string& from = v.key(j).text;
    const std::string& to = scalar(path, v.value(j), "a value");
    if (std::string why = unreadable(*def, to); !why.empty())
      fail(path, v.value(j), util::quote(to) + " is " + why);
    if (from == "*")
      vm.fallback = to;
    else
      vm.to[normalize_header(from)] = to;
  }
  return vm;
}

} // namespace

const std::string*
MapSpec::translate(std::string_view field, std::string_view value) const
{
  for (const auto& vm : values) {
    if (vm.field != field)
      continue;
    auto it = vm.to.find(normalize_header(value));
    if (it != vm.to.end())
      return &it->second;
    return vm.fallback ? &*vm.fallback : nullptr;
  }
  return nullptr;
}

MapSpec
parse_map(const std::string& path, std::string_view text)
{
  lists::YamlDoc doc = lists::parse_yaml(text);
  if (!doc.problems.empty()) {
    const auto& p = doc.problems.front();
    throw UsageError(path + ":" + std::to_string(p.line) + ":" + std::to_string(p.col) + ": "
                     + p.message);
  }
  MapSpec spec;
  spec.path = path;
  if (!doc.root)
    return spec;
  const lists::YNode& root = *doc.root;
  if (!root.is_map())
    fail(path, root, "a map file is a mapping with fields, dimensions, personal, values, time");
  auto where = [](const lists::YNode& n) { return MapSpec::Where{n.line, n.col}; };
  for (size_t i = 0; i < root.map_size(); ++i) {
    const auto& k = root.key(i);
    const auto& v = root.value(i);
    if (k.text == "fields") {
      if (!v.is_map())
        fail(path, v, "fields: maps canonical field names to headers");
      for (size_t j = 0; j < v.map_size(); ++j) {
        const std::string& f = v.key(j).text;
        if (!known_field(f))
          fail(path, v.key(j), unknown_field(f, ""));
        spec.fields.push_back({f, scalar(path, v.value(j), "a header"), where(v.value(j))});
      }
    } else if (k.text == "dimensions") {
      if (!v.is_map())
        fail(path, v, "dimensions: maps headers to dimension names");
      for (size_t j = 0; j < v.map_size(); ++j)
        spec.dimensions.push_back(
          {v.key(j).text, scalar(path, v.value(j), "a dimension"), where(v.key(j))});
    } else if (k.text == "personal") {
      if (v.is_scalar()) {
        spec.personal.push_back({v.text, where(v)});
      } else if (v.is_seq()) {
        for (const auto& item : v.children)
          spec.personal.push_back({scalar(path, item, "a personal column"), where(item)});
      } else {
        fail(path, v, "personal: a list of headers");
      }
    } else if (k.text == "values") {
      if (!v.is_map())
        fail(path, v, "values: maps canonical field names to value translations");
      for (size_t j = 0; j < v.map_size(); ++j)
        spec.values.push_back(parse_values(path, v.key(j), v.value(j)));
    } else if (k.text == "time") {
      if (!v.is_map())
        fail(path, v, "time: has format and zone");
      for (size_t j = 0; j < v.map_size(); ++j) {
        const auto& tk = v.key(j);
        const std::string& tv = scalar(path, v.value(j), tk.text);
        if (tk.text == "format") {
          spec.time.format = tv;
        } else if (tk.text == "zone") {
          auto z = parse_zone(tv);
          if (!z)
            fail(path, v.value(j), "unknown zone " + util::quote(tv)
                                     + "; use a tz database name such as Asia/Shanghai or "
                                       "America/New_York, UTC, or an offset such as +08:00");
          spec.time.zone = *z;
        } else {
          fail(path, tk, unknown_key(tk.text, {"format", "zone"}, " under time"));
        }
      }
    } else if (k.text == "encoding") {
      spec.encoding = scalar(path, v, "encoding");
    } else if (k.text != "kind" && k.text != "title") {
      fail(path, k, unknown_key(k.text, {"fields", "dimensions", "personal", "values", "time", "encoding"}, ""));
    }
  }
  return spec;
}

MapSpec
load_map(const std::string& path)
{
  std::string text = util::read_small_file(path, kMaxMapBytes, "map file");
  std::string_view t(text);
  if (t.starts_with("\xEF\xBB\xBF"))
    t.remove_prefix(3);
  return parse_map(path, t);
}

} // namespace duty::cases
