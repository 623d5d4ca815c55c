#pragma once

// The report's sections on how the orders and whistles went, built from
// replay's summary table (output::summary_table, what `duty replay --summary`
// prints) and the 未诉先办 clusters; the matters' audit evidence comes from
// the coverage matrix.
#include "output/document.hpp"
#include "report/audit_summary.hpp"
#include "report/clusters.hpp"

#include <string>
#include <vector>

namespace duty::report {

struct ReplayTables
{
  // Columns scope, key, orders, …, late_close_share, …, extra_reports; rows of
  // scope "unit", "matter" and the "total" footer.
  output::Table summary;
  std::string as_of; // the time open orders were judged at
  std::vector<Cluster> clusters;
  ClusterRule rule;
};

// 超时与逾期: the units with the most late or overdue closes (then late
// contacts and signs), at most `top`.
output::Section
late_section(const ReplayTables& r, size_t top);

// 退单与错派: the matters with the most returns and wrong first dispatches,
// side by side with how the audit judges each matter's slices.
output::Section
returns_section(const ReplayTables& r, const AuditSummary& audit, size_t top);

// 未诉先办: the largest clusters of repeated complaints, with the rule applied.
output::Section
proactive_section(const ReplayTables& r, size_t top);

// 吹哨报到: the summoned departments (reports missing, late, unasked) and the
// whistling streets (whistles, those the lists do not allow).
output::Section
whistles_section(const ReplayTables& r);

} // namespace duty::report
