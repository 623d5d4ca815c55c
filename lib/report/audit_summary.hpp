#pragma once

// The audit of the list set a report was made against, summarised: what the
// set holds, how its slices resolve (coverage_matrix) and the findings of
// validate and audit counted by rule.
#include "audit/matrix.hpp"
#include "diag/diagnostic.hpp"
#include "lists/model.hpp"
#include "output/document.hpp"

#include <map>
#include <string>
#include <vector>

namespace duty::report {

struct RuleCount
{
  std::string rule;
  diag::Severity severity = diag::Severity::error;
  size_t count = 0;      // unsuppressed findings
  size_t suppressed = 0; // findings waived by a "# duty: allow" comment
};

// How the slices of one matter resolve: the audit's evidence about a matter.
struct MatterCoverage
{
  std::string name;
  size_t slices = 0, led = 0, overlap = 0, orphan = 0, conflict = 0;
};

struct AuditSummary
{
  size_t files = 0, items = 0;
  std::vector<std::pair<std::string, size_t>> kinds; // 单位 18, 事项 143, … (non-empty kinds)
  size_t slices = 0, led = 0, overlap = 0, orphan = 0, conflict = 0;
  std::vector<RuleCount> rules; // by rule id
  diag::Counts counts;
  std::map<std::string, MatterCoverage> matters; // by matter id
};

// Pure: from the loaded set, every finding of validate and audit (with
// suppressions applied) and the coverage matrix at the report's date.
AuditSummary
summarize_audit(const lists::ListSet& set, const std::vector<diag::Diagnostic>& findings,
                const std::vector<audit::MatrixRow>& matrix);

// The section "清单体检": figures, the items by kind, the slices by status and
// the findings by rule.
output::Section
audit_section(const AuditSummary& summary);

// "多头管 3/18, 没人管 1/18" for a matter's slices: how the audit judges it.
std::string
describe_coverage(const MatterCoverage& m);

} // namespace duty::report
