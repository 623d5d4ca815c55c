#pragma once

// Options for reading case logs: shared by ingest, query, replay, rates and report.
#include "cases/mapfile.hpp"
#include "cases/pii.hpp"
#include "store/store.hpp"

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace duty::tools {

// The options every command that reads case logs shares: --map, --encoding,
// --input-format and --sheet, declared and checked in one place.
struct ReadingOptions
{
  std::string map_path, encoding, input_format, sheet;

  // Declares them on `app`; `map_help` says what the map maps.
  std::vector<CLI::Option*> add_to(CLI::App& app, const std::string& map_help =
                                                      "YAML file mapping the export's headers and values (duty-map(5))");
  // Reads the map into `map` (which must outlive `r`); --encoding (else the
  // map's), --input-format and --sheet checked and set on `r`. Throws
  // UsageError or IoError.
  void apply(std::optional<cases::MapSpec>& map, cases::ReaderOptions& r) const;
  // The event logs that go with the orders: read as the orders are (encoding,
  // format), through their own map `events_map_path` (read into `events_map`).
  static void apply_events(const std::string& events_map_path, std::optional<cases::MapSpec>& events_map,
                           const cases::ReaderOptions& orders, cases::ReaderOptions& events);
};

struct CaseOptions
{
  bool events = false;
  ReadingOptions reading;
  std::string skip_bad, key_file;
  bool keep_personal = false;

  // Filled by resolve():
  std::optional<cases::MapSpec> map;
  std::unique_ptr<cases::PiiHasher> pii;

  void add_to(CLI::App& app);
  // The reading options given on the command line, as "--map", ….
  std::vector<std::string> given() const;
  // Reads the map and the key and fills `out`. Throws UsageError or IoError.
  void resolve(store::IngestOptions& out);

private:
  std::vector<CLI::Option*> m_options;
};

// Prints the ingest summary's warnings (anomalies, unresolved names, dropped
// personal data) to `out`; never prints personal values (they are not in it).
std::string
describe_problems(const store::IngestSummary& s);

} // namespace duty::tools
