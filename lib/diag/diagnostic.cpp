#include "diag/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace duty::diag {

const char*
severity_name(Severity s)
{
  switch (s) {
  case Severity::error: return "error";
  case Severity::warning: return "warning";
  case Severity::note: return "note";
  }
  return "error";
}

void
sort_diagnostics(std::vector<Diagnostic>& diags)
{
  std::stable_sort(diags.begin(), diags.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.file, a.location.line, a.location.column, a.rule, a.message) <
           std::tie(b.location.file, b.location.line, b.location.column, b.rule, b.message);
  });
}

Counts
count(const std::vector<Diagnostic>& diags)
{
  Counts c;
  for (const auto& d : diags) {
    if (d.suppressed) {
      ++c.suppressed;
      continue;
    }
    switch (d.severity) {
    case Severity::error: ++c.errors; break;
    case Severity::warning: ++c.warnings; break;
    case Severity::note: ++c.notes; break;
    }
  }
  return c;
}

} // namespace duty::diag
