#include "cases/mapfile.hpp"

#include "cases/fields.hpp"
#include "lists/yaml.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/text.hpp"

namespace duty::cases {

namespace {

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

} // namespace

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
  if (!doc.root)
    return spec;
  const lists::YNode& root = *doc.root;
  if (!root.is_map())
    fail(path, root, "a map file is a mapping with fields, dimensions, personal, time");
  for (size_t i = 0; i < root.map_size(); ++i) {
    const auto& k = root.key(i);
    const auto& v = root.value(i);
    if (k.text == "fields") {
      if (!v.is_map())
        fail(path, v, "fields: maps canonical field names to headers");
      for (size_t j = 0; j < v.map_size(); ++j) {
        const std::string& f = v.key(j).text;
        if (!known_field(f))
          fail(path, v.key(j), "unknown field " + util::quote(f)
                                 + " (see duty-map(5) for the canonical names)");
        spec.fields.push_back({f, scalar(path, v.value(j), "a header")});
      }
    } else if (k.text == "dimensions") {
      if (!v.is_map())
        fail(path, v, "dimensions: maps headers to dimension names");
      for (size_t j = 0; j < v.map_size(); ++j)
        spec.dimensions.push_back({v.key(j).text, scalar(path, v.value(j), "a dimension")});
    } else if (k.text == "personal") {
      if (v.is_scalar()) {
        spec.personal.push_back(v.text);
      } else if (v.is_seq()) {
        for (const auto& item : v.children)
          spec.personal.push_back(scalar(path, item, "a personal column"));
      } else {
        fail(path, v, "personal: a list of headers");
      }
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
                                     + "; use Asia/Shanghai, UTC or an offset such as +08:00");
          spec.time.zone_minutes = *z;
        } else {
          fail(path, tk, "unknown key " + util::quote(tk.text) + " under time (format, zone)");
        }
      }
    } else if (k.text == "encoding") {
      spec.encoding = scalar(path, v, "encoding");
    } else if (k.text != "kind" && k.text != "title") {
      fail(path, k, "unknown key " + util::quote(k.text)
                      + " (expected fields, dimensions, personal, time, encoding)");
    }
  }
  return spec;
}

MapSpec
load_map(const std::string& path)
{
  std::string error;
  auto text = util::read_file(path, error);
  if (!text)
    throw UsageError(path + ": " + error);
  std::string_view t(*text);
  if (t.starts_with("\xEF\xBB\xBF"))
    t.remove_prefix(3);
  return parse_map(path, t);
}

} // namespace duty::cases
