#pragma once

// Options shared by duty ingest and duty query for reading case logs.
#include "cases/mapfile.hpp"
#include "cases/pii.hpp"
#include "store/store.hpp"

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace duty::tools {

struct CaseOptions
{
  bool events = false;
  std::string map_path, encoding, input_format, skip_bad, key_file, sheet;
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

// The reading options every command that reads case logs shares: --map (read
// into `map`, which must outlive `r`), --encoding (else the map's), --input-format
// and --sheet, checked and set on `r`. Throws UsageError or IoError.
void
apply_reading(const std::string& map_path, const std::string& encoding, const std::string& input_format,
              const std::string& sheet, std::optional<cases::MapSpec>& map, cases::ReaderOptions& r);

// Prints the ingest summary's warnings (anomalies, unresolved names, dropped
// personal data) to `out`; never prints personal values (they are not in it).
std::string
describe_problems(const store::IngestSummary& s);

} // namespace duty::tools
