#pragma once

#include "cases/values.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace duty::cases {

// A --map file: how an export with unfamiliar headers or values maps to the
// canonical fields. See duty-map(5).
struct MapSpec
{
  struct Where
  {
    uint32_t line = 0, col = 0; // of the header in the map file
  };
  struct FieldMap
  {
    std::string field;  // canonical name (or category1..3)
    std::string header; // the export's header
    Where at;
  };
  struct DimensionMap
  {
    std::string header;
    std::string dimension; // e.g. land
    Where at;
  };
  struct HeaderRef
  {
    std::string header;
    Where at;
  };
  // Translations of one field's values, matched as headers are (case and
  // spaces ignored); "*" catches every value not listed.
  struct ValueMap
  {
    std::string field;
    std::map<std::string, std::string> to; // normalised source value → value duty reads
    std::optional<std::string> fallback;
  };
  std::string path; // the map file, for messages
  std::vector<FieldMap> fields;
  std::vector<DimensionMap> dimensions;
  std::vector<HeaderRef> personal; // headers holding personal data
  std::vector<ValueMap> values;
  TimeSpec time;
  std::string encoding; // optional default for --encoding

  // The translation of `value` for canonical field `field`, or nullptr when
  // the map has none for it.
  const std::string* translate(std::string_view field, std::string_view value) const;
};

// Parses map text; `path` names it in errors. Throws UsageError with
// file:line:col on a problem (unknown field, bad zone, a translation to a
// value duty cannot read, wrong shape).
MapSpec
parse_map(const std::string& path, std::string_view text);

// Reads (a regular file of at most 1 MiB) and parses a map file.
MapSpec
load_map(const std::string& path);

} // namespace duty::cases
