#pragma once

#include "cases/values.hpp"

#include <optional>
#include <string>
#include <vector>

namespace duty::cases {

// A --map file: how an export with unfamiliar headers maps to the canonical
// fields. See duty-map(5).
struct MapSpec
{
  struct FieldMap
  {
    std::string field;  // canonical name (or category1..3)
    std::string header; // the export's header
  };
  struct DimensionMap
  {
    std::string header;
    std::string dimension; // e.g. land
  };
  std::vector<FieldMap> fields;
  std::vector<DimensionMap> dimensions;
  std::vector<std::string> personal; // headers holding personal data
  TimeSpec time;
  std::string encoding; // optional default for --encoding
};

// Parses map text; `path` names it in errors. Throws UsageError with
// file:line:col on a problem (unknown field, bad zone, wrong shape).
MapSpec
parse_map(const std::string& path, std::string_view text);

// Reads and parses a map file.
MapSpec
load_map(const std::string& path);

} // namespace duty::cases
