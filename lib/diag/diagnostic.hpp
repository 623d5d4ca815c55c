#pragma once

#include <string>
#include <utility>
#include <vector>

namespace duty::diag {

enum class Severity { error, warning, note };

const char*
severity_name(Severity s);

// A place in a source file, ready for display: 1-based line and column, the
// column counted in code points. `source` is the text of that line (no newline).
struct Location
{
  std::string file;
  int line = 0;   // 0: the finding concerns the whole file
  int column = 0; // 0: no column
  int end_column = 0;
  std::string source;
};

struct Related
{
  Location location;
  std::string message;
};

// One finding. Findings are data: tools collect them, output/ formats them.
struct Diagnostic
{
  Location location;
  Severity severity = Severity::error;
  std::string rule; // stable id, e.g. "schema", "duplicate-key"
  std::string message;
  std::string hint;
  std::vector<Related> related;
  // Further lines (file, line) where a suppression comment for this finding
  // may sit, e.g. the start of the item that holds the location.
  std::vector<std::pair<std::string, int>> item_lines;
  bool suppressed = false;
  std::string suppression_reason;
  // Compared with a baseline (duty diff): "new", "unchanged" or "absent"; empty otherwise.
  std::string baseline;
};

// Sorts by file, line, column, rule, message: outputs are stable for diffing.
void
sort_diagnostics(std::vector<Diagnostic>& diags);

struct Counts
{
  size_t errors = 0;
  size_t warnings = 0;
  size_t notes = 0;
  size_t suppressed = 0;
};

Counts
count(const std::vector<Diagnostic>& diags);

} // namespace duty::diag
