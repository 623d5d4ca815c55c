#include "lists/json_schema.hpp"

#include "lists/profile.hpp"
#include "lists/schema.hpp"
#include "lists/vocab.hpp"
#include "util/json.hpp"

#include <fmt/format.h>

namespace duty::lists {

using util::JsonWriter;

namespace {

// The same grammar as util::parse_date and util::parse_duration. Months have
// their lengths; only February 29 of a common year is left to duty validate.
constexpr const char* kDate = "[0-9]{4}-((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)|"
                              "02-(0[1-9]|1[0-9]|2[0-9]))";
constexpr const char* kDuration = "^0*[1-9][0-9]{0,6}(m|h|d|wd)$";

std::string
def_name(std::string_view kind)
{
  return "item-" + std::string(kind);
}

void
ref(JsonWriter& w, std::string_view def)
{
  w.begin_object().key("$ref").value("#/$defs/" + std::string(def)).end_object();
}

const char*
shape_def(Shape s)
{
  switch (s) {
  case Shape::text: return "scalar";
  case Shape::texts: return "scalars";
  case Shape::date: return "date";
  case Shape::duration: return "duration";
  case Shape::conditions: return "conditions";
  case Shape::limits: return "limits";
  case Shape::mapping: return "mapping";
  case Shape::year: return "year";
  case Shape::dates: return "dates";
  case Shape::enumeration: break;
  }
  return "scalar";
}

void
enumeration(JsonWriter& w, const Vocabulary& voc)
{
  w.begin_object();
  w.key("description").value(fmt::format("{}: {}", voc.what, fmt::join(voc.canonical_names(), ", ")));
  w.key("enum").begin_array();
  for (auto n : voc.all_names())
    w.value(n);
  w.end_array().end_object();
}

void
field_value(JsonWriter& w, const Field& f)
{
  if (f.shape == Shape::enumeration)
    enumeration(w, f.vocabulary());
  else
    ref(w, shape_def(f.shape));
}

// An optional field may be written empty ("parent:"), which means absent.
void
field(JsonWriter& w, const Field& f)
{
  w.key(f.name);
  if (f.required) {
    field_value(w, f);
    return;
  }
  w.begin_object().key("anyOf").begin_array();
  field_value(w, f);
  w.begin_object().key("type").value("null").end_object();
  w.end_array().end_object();
}

void
item_def(JsonWriter& w, const KindSchema& k)
{
  w.key(def_name(k.kind)).begin_object();
  w.key("description").value(fmt::format("a {} (kind: {})", k.item, k.kind));
  w.key("type").value("object");
  if (k.kind == "profile") {
    // Typed by lists/profile.cpp: its keys here; their values are checked there.
    w.key("properties").begin_object();
    for (auto key : profile_keys())
      w.key(key).begin_object().end_object();
    w.end_object();
    w.key("required").begin_array().value("id").value("weights").end_array();
    w.key("additionalProperties").value(false);
    w.end_object();
    return;
  }
  if (k.free_form) {
    w.end_object();
    return;
  }
  w.key("properties").begin_object();
  for (const auto& f : k.fields)
    field(w, f);
  w.end_object();
  w.key("required").begin_array();
  for (const auto& f : k.fields)
    if (f.required)
      w.value(f.name);
  w.end_array();
  w.key("additionalProperties").value(false);
  w.end_object();
}

void
shape_defs(JsonWriter& w)
{
  // Any YAML scalar but an empty one; numbers are fine as ids and names.
  w.key("scalar").begin_object();
  w.key("type").begin_array().value("string").value("number").value("boolean").end_array();
  w.key("pattern").value("\\S");
  w.end_object();
  w.key("scalars").begin_object().key("anyOf").begin_array();
  ref(w, "scalar");
  w.begin_object().key("type").value("array").key("items");
  ref(w, "scalar");
  w.end_object();
  w.end_array().end_object();
  w.key("date").begin_object();
  w.key("description").value("YYYY-MM-DD");
  w.key("type").value("string").key("pattern").value(fmt::format("^{}$", kDate));
  w.end_object();
  w.key("duration").begin_object();
  w.key("description").value("30m (minutes), 2h (hours), 7d (natural days) or 7wd (working days)");
  w.key("type").value("string").key("pattern").value(kDuration);
  w.end_object();
  w.key("conditions").begin_object();
  w.key("description").value("dimension: value, or dimension: [values]");
  w.key("type").value("object").key("additionalProperties");
  ref(w, "scalars");
  w.end_object();
  w.key("limits").begin_object();
  w.key("description").value(fmt::format("time limits: {}", fmt::join(limit_names().canonical_names(), ", ")));
  w.key("type").value("object");
  w.key("propertyNames");
  enumeration(w, limit_names());
  w.key("additionalProperties");
  ref(w, "duration");
  w.end_object();
  w.key("mapping").begin_object().key("type").value("object").end_object();
  w.key("year").begin_object().key("anyOf").begin_array();
  w.begin_object().key("type").value("integer").key("minimum").value(1900).key("maximum").value(2999).end_object();
  w.begin_object().key("type").value("string").key("pattern").value("^(19|2[0-9])[0-9]{2}$").end_object();
  w.end_array().end_object();
  w.key("dates").begin_object();
  w.key("description").value("dates YYYY-MM-DD or ranges YYYY-MM-DD..YYYY-MM-DD; [] for none");
  w.key("type").value("array").key("items").begin_object();
  w.key("type").value("string").key("pattern").value(fmt::format("^{0}(\\.\\.{0})?$", kDate));
  w.end_object().end_object();
}

} // namespace

std::string
json_schema()
{
  std::string out;
  JsonWriter w(out, 2);
  w.begin_object();
  w.key("$schema").value("https://json-schema.org/draft/2020-12/schema");
  w.key("title").value("duty list file");
  w.key("description").value(fmt::format("A list file of a duty list set (duty-lists(5)), duty {}. It checks shapes; "
                                         "run duty validate for references across files.",
                                         DUTY_VERSION));
  w.key("type").value("object");
  w.key("required").begin_array().value("kind").value("items").end_array();
  w.key("properties").begin_object();
  w.key("kind").begin_object().key("description").value("what the file lists").key("enum").begin_array();
  for (const auto& k : kinds())
    w.value(k.kind);
  w.end_array().end_object();
  w.key("title");
  ref(w, "scalar");
  w.key("version");
  ref(w, "scalar");
  w.key("published");
  ref(w, "date");
  w.key("note");
  ref(w, "scalar");
  w.key("items").begin_object().key("type").begin_array().value("array").value("null").end_array().end_object();
  w.key("dimensions").begin_object();
  w.key("description").value("matters files only: each dimension's values");
  w.key("type").value("object").key("additionalProperties").begin_object();
  w.key("type").value("array").key("minItems").value(1).key("items");
  ref(w, "scalar");
  w.end_object().end_object();
  w.end_object(); // properties
  w.key("additionalProperties").value(false);
  w.key("allOf").begin_array();
  for (const auto& k : kinds()) {
    w.begin_object();
    w.key("if").begin_object().key("properties").begin_object().key("kind").begin_object();
    w.key("const").value(k.kind).end_object().end_object().key("required").begin_array().value("kind").end_array();
    w.end_object();
    w.key("then").begin_object().key("properties").begin_object().key("items").begin_object();
    w.key("items");
    ref(w, def_name(k.kind));
    w.end_object().end_object();
    if (k.kind != "matters")
      w.key("not").begin_object().key("required").begin_array().value("dimensions").end_array().end_object();
    w.end_object();
    w.end_object();
  }
  w.end_array();
  w.key("$defs").begin_object();
  shape_defs(w);
  for (const auto& k : kinds())
    item_def(w, k);
  w.end_object();
  w.end_object();
  out += '\n';
  return out;
}

} // namespace duty::lists
