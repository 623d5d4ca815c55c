// libFuzzer target: the --map file (cases::parse_map). Invariants: it either
// returns a map whose fields are canonical names and whose zone is a real
// offset, or throws UsageError naming the file, line and column; reading the
// same text twice gives the same result.
#include "cases/fields.hpp"
#include "cases/mapfile.hpp"
#include "fuzz/invariant.hpp"
#include "util/error.hpp"

#include <cstdint>
#include <string>

using namespace duty;
using duty::fuzz::require;

namespace {

const std::string kPath = "fuzz.map.yaml";

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
      out += "|p:" + p;
    require(m.time.zone_minutes >= -14 * 60 && m.time.zone_minutes <= 14 * 60,
            "parse_map accepted a zone beyond ±14 h");
    out += "|t:" + m.time.format + "@" + std::to_string(m.time.zone_minutes) + "|e:" + m.encoding;
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
