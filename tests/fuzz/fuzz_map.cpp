// libFuzzer target: the --map file (cases::parse_map). Invariants: it either
// returns a map whose fields are canonical names, whose zone keeps within
// ±14 h and whose value translations lead to values duty reads (and are found
// again by translate()), or throws UsageError naming the file, line and
// column; reading the same text twice gives the same result.
#include "cases/fields.hpp"
#include "cases/mapfile.hpp"
#include "cases/values.hpp"
#include "fuzz/invariant.hpp"
#include "util/error.hpp"

#include <cstdint>
#include <string>

using namespace duty;
using duty::fuzz::require;

namespace {

const std::string kPath = "fuzz.map.yaml";

const cases::FieldDef*
field_def(std::string_view name)
{
  for (cases::Kind k : {cases::Kind::orders, cases::Kind::events})
    if (auto i = cases::field_index(k, name))
      return &cases::fields(k)[*i];
  return nullptr;
}

// Whether the reader can read `value` as a value of field `def`.
bool
readable(const cases::FieldDef& def, const std::string& value)
{
  switch (def.type) {
  case cases::FieldType::event: return cases::canonical_event(value).has_value();
  case cases::FieldType::whistle: return cases::canonical_whistle(value).has_value();
  case cases::FieldType::yes_no: return cases::parse_yes_no(value).has_value();
  case cases::FieldType::resolved: return cases::parse_resolved(value).has_value();
  case cases::FieldType::satisfaction: return cases::parse_satisfaction(value).has_value();
  case cases::FieldType::verdict: return cases::parse_verdict(value).has_value();
  case cases::FieldType::time:
  case cases::FieldType::personal:
  case cases::FieldType::phone:
  case cases::FieldType::id: return false; // never translated
  default: return true;
  }
}

void
check_values(const cases::MapSpec& m, std::string& out)
{
  for (const auto& vm : m.values) {
    const cases::FieldDef* def = field_def(vm.field);
    require(def != nullptr, "parse_map translates values of the unknown field \"" + vm.field + "\"");
    out += "|v:" + vm.field;
    for (const auto& [from, to] : vm.to) {
      require(readable(*def, to), "parse_map accepted \"" + to + "\", which " + vm.field + " cannot read");
      const std::string* found = m.translate(vm.field, from);
      require(found && *found == to, "translate() does not find the translation of \"" + from + "\" again");
      out += "," + from + ">" + to;
    }
    if (vm.fallback) {
      require(readable(*def, *vm.fallback),
              "parse_map accepted the fallback \"" + *vm.fallback + "\", which " + vm.field + " cannot read");
      out += ",*>" + *vm.fallback;
    }
  }
}

// The offsets of a zone over two centuries of wall-clock times.
std::string
zone_offsets(const util::Zone& z)
{
  std::string out = z.name();
  for (int64_t local = -2208988800LL; local < 7258118400LL; local += 86400LL * 197 + 3599) {
    int m = z.offset_at_local(local);
    require(m >= -14 * 60 && m <= 14 * 60, "parse_map accepted the zone " + z.name() + ", beyond ±14 h");
    out += "," + std::to_string(m);
  }
  return out;
}

// The outcome of one parse, comparable: the map written out, or the error.
std::string
outcome(std::string_view text)
{
  try {
    cases::MapSpec m = cases::parse_map(kPath, text);
    std::string out = "ok";
    for (const auto& f : m.fields) {
      bool canonical = f.field == "category1" || f.field == "category2" || f.field == "category3" ||
                       cases::field_index(cases::Kind::orders, f.field) ||
                       cases::field_index(cases::Kind::events, f.field);
      require(canonical, "parse_map accepted the unknown field \"" + f.field + "\"");
      out += "|f:" + f.field + "=" + f.header;
    }
    for (const auto& d : m.dimensions)
      out += "|d:" + d.header + "=" + d.dimension;
    for (const auto& p : m.personal)
      out += "|p:" + p.header;
    check_values(m, out);
    out += "|t:" + m.time.format + "@" + zone_offsets(m.time.zone) + "|e:" + m.encoding;
    return out;
  } catch (const UsageError& e) {
    std::string what = e.what();
    // "fuzz.map.yaml:LINE:COL: message"
    size_t a = kPath.size() + 1, b = what.find(':', a),
           c = b == std::string::npos ? b : what.find(':', b + 1);
    bool located = what.starts_with(kPath + ":") && b != std::string::npos && c != std::string::npos &&
                   b > a && c > b + 1 && what.find_first_not_of("0123456789", a) == b &&
                   what.find_first_not_of("0123456789", b + 1) == c && what.size() > c + 2;
    require(located, "a map error does not name file:line:col: " + what);
    return "error:" + what;
  }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  if (size > 65536)
    return 0;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string first = outcome(text);
  require(outcome(text) == first, "parse_map is not deterministic");
  return 0;
}
