// Items added, removed and changed between two list sets, by kind and id.
// Each item's fields are compared by meaning, through the schema table: the
// order of a list's entries, a scalar for a one-entry list, an alias of a
// vocabulary word or "07d" for "7d" is no change.
#include "diff/diff.hpp"

#include "lists/schema.hpp"
#include "lists/yaml.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace duty::diff {

using lists::Field;
using lists::KindSchema;
using lists::Shape;
using lists::YNode;

namespace {

struct Item
{
  std::string what, id, label;
  Place place;
  std::vector<std::pair<std::string, std::string>> fields; // canonical values
};

// (kind order, kind, id) → item; the first item of an id wins, as in the index.
using Key = std::tuple<int, std::string, std::string>;
using Items = std::map<Key, Item>;

std::string
scalar(const YNode& n)
{
  return std::string(util::trim(n.text));
}

std::string
join_list(std::vector<std::string> v, bool sort)
{
  if (sort)
    std::sort(v.begin(), v.end());
  if (v.size() == 1)
    return v[0];
  return "[" + fmt::format("{}", fmt::join(v, ", ")) + "]";
}

// Any value, keys of mappings sorted: for free-form items and malformed values.
std::string
generic(const YNode& n)
{
  switch (n.kind) {
  case YNode::Kind::null: return "";
  case YNode::Kind::scalar: return scalar(n);
  case YNode::Kind::seq: {
    std::vector<std::string> v;
    for (const auto& c : n.children)
      v.push_back(generic(c));
    return "[" + fmt::format("{}", fmt::join(v, ", ")) + "]";
  }
  case YNode::Kind::map: {
    std::vector<std::string> v;
    for (size_t i = 0; i < n.map_size(); ++i)
      v.push_back(generic(n.key(i)) + ": " + generic(n.value(i)));
    std::sort(v.begin(), v.end());
    return "{" + fmt::format("{}", fmt::join(v, ", ")) + "}";
  }
  }
  return "";
}

std::string
scalars(const YNode& n)
{
  if (n.is_scalar())
    return scalar(n);
  if (!n.is_seq())
    return generic(n);
  std::vector<std::string> v;
  for (const auto& c : n.children)
    v.push_back(c.is_scalar() ? scalar(c) : generic(c));
  return join_list(std::move(v), true);
}

std::string
duration(const YNode& n)
{
  if (n.is_scalar())
    if (auto d = util::parse_duration(scalar(n)))
      return d->str();
  return generic(n);
}

std::string
mapping_of(const YNode& n, std::string (*value)(const YNode&), const lists::Vocabulary* keys = nullptr)
{
  if (!n.is_map())
    return generic(n);
  std::vector<std::string> v;
  for (size_t i = 0; i < n.map_size(); ++i) {
    std::string k = scalar(n.key(i));
    if (keys)
      if (auto w = keys->find(k))
        k = std::string(keys->name_of(*w));
    v.push_back(k + ": " + value(n.value(i)));
  }
  std::sort(v.begin(), v.end());
  return "{" + fmt::format("{}", fmt::join(v, ", ")) + "}";
}

std::string
canonical(const YNode& n, const Field& f)
{
  if (n.kind == YNode::Kind::null)
    return "";
  switch (f.shape) {
  case Shape::text:
  case Shape::date:
  case Shape::year: return n.is_scalar() ? scalar(n) : generic(n);
  case Shape::texts:
  case Shape::dates: return scalars(n);
  case Shape::duration: return duration(n);
  case Shape::conditions: return mapping_of(n, scalars);
  case Shape::limits: return mapping_of(n, duration, &lists::limit_names());
  case Shape::mapping: return generic(n);
  case Shape::enumeration:
    if (n.is_scalar())
      if (auto w = f.vocabulary().find(scalar(n)))
        return std::string(f.vocabulary().name_of(*w));
    return generic(n);
  }
  return generic(n);
}

std::string
field_text(const Item& it, std::string_view name)
{
  for (const auto& [k, v] : it.fields)
    if (k == name)
      return v;
  return "";
}

std::string
item_key(const KindSchema& k, const Item& it)
{
  if (k.kind == "powers")
    return field_text(it, "code");
  if (k.kind == "calendar")
    return field_text(it, "year");
  if (k.kind == "responsibilities") {
    std::string unit = field_text(it, "unit");
    return field_text(it, "power") + (unit.empty() ? "" : " @ " + unit);
  }
  std::string id = field_text(it, "id");
  if (id.empty() && k.kind == "whistles")
    return field_text(it, "matter") + " " + field_text(it, "type");
  return id;
}

Item
read_item(const KindSchema& k, const YNode& n, const std::string& path)
{
  Item it;
  it.what = std::string(k.item);
  it.place = {path, static_cast<int>(n.line)};
  if (k.free_form) {
    for (size_t i = 0; i < n.map_size(); ++i)
      if (n.key(i).is_scalar())
        it.fields.emplace_back(scalar(n.key(i)), generic(n.value(i)));
    std::sort(it.fields.begin(), it.fields.end());
  } else {
    for (const auto& f : k.fields)
      if (const YNode* v = n.find(f.name))
        it.fields.emplace_back(std::string(f.name), canonical(*v, f));
  }
  it.id = item_key(k, it);
  it.label = field_text(it, "name");
  return it;
}

int
kind_order(std::string_view kind)
{
  auto all = lists::kinds();
  for (size_t i = 0; i < all.size(); ++i)
    if (all[i].kind == kind)
      return static_cast<int>(2 * i);
  return 1000;
}

void
read_dimensions(const YNode& dims, const std::string& path, Items& out)
{
  if (!dims.is_map())
    return;
  for (size_t i = 0; i < dims.map_size(); ++i) {
    Item it;
    it.what = "dimension";
    it.id = scalar(dims.key(i));
    it.place = {path, static_cast<int>(dims.key(i).line)};
    it.fields.emplace_back("values", scalars(dims.value(i)));
    out.try_emplace({kind_order("matters") + 1, "dimensions", it.id}, std::move(it));
  }
}

Items
read_items(const lists::ListSet& set)
{
  Items out;
  for (const auto& f : set.files) {
    const KindSchema* k = lists::find_kind(f.kind);
    if (!k)
      continue; // the file did not load: its problems are findings
    lists::YamlDoc doc = lists::parse_yaml(f.text);
    if (!doc.root || !doc.root->is_map())
      continue;
    if (const YNode* dims = doc.root->find("dimensions"); dims && k->kind == "matters")
      read_dimensions(*dims, f.path, out);
    const YNode* items = doc.root->find("items");
    if (!items || !items->is_seq())
      continue;
    for (const auto& n : items->children) {
      if (!n.is_map())
        continue;
      Item it = read_item(*k, n, f.path);
      if (!it.id.empty())
        out.try_emplace({kind_order(k->kind), std::string(k->kind), it.id}, std::move(it));
    }
  }
  return out;
}

std::vector<FieldChange>
changed_fields(const Item& a, const Item& b)
{
  std::vector<std::string> names;
  for (const auto& [k, v] : a.fields)
    names.push_back(k);
  for (const auto& [k, v] : b.fields)
    if (std::find(names.begin(), names.end(), k) == names.end())
      names.push_back(k);
  std::vector<FieldChange> out;
  for (const auto& n : names) {
    std::string x = field_text(a, n), y = field_text(b, n);
    if (x != y)
      out.push_back({n, x, y});
  }
  return out;
}

} // namespace

const char*
change_name(Change c)
{
  switch (c) {
  case Change::added: return "added";
  case Change::removed: return "removed";
  case Change::changed: return "changed";
  }
  return "?";
}

std::vector<ItemChange>
diff_items(const Side& before, const Side& after)
{
  Items a = read_items(before.loaded.set), b = read_items(after.loaded.set);
  std::vector<ItemChange> out;
  auto emit = [&](Change c, const Key& key, const Item* x, const Item* y) {
    ItemChange ch;
    ch.change = c;
    ch.kind = std::get<1>(key);
    ch.id = std::get<2>(key);
    const Item& any = y ? *y : *x;
    ch.what = any.what;
    ch.label = any.label;
    if (x)
      ch.before = x->place;
    if (y)
      ch.after = y->place;
    if (x && y)
      ch.fields = changed_fields(*x, *y);
    if (c != Change::changed || !ch.fields.empty())
      out.push_back(std::move(ch));
  };
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() || j != b.end()) {
    if (j == b.end() || (i != a.end() && i->first < j->first)) {
      emit(Change::removed, i->first, &i->second, nullptr);
      ++i;
    } else if (i == a.end() || j->first < i->first) {
      emit(Change::added, j->first, nullptr, &j->second);
      ++j;
    } else {
      emit(Change::changed, i->first, &i->second, &j->second);
      ++i;
      ++j;
    }
  }
  return out;
}

} // namespace duty::diff
