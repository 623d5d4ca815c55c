#pragma once

// The report's sections on the three rates, built from the very tables
// `duty rates` prints (output/rates_table.hpp), so every number — counts,
// rates, scores, changes — is rates' own, shown with rates' own rounding.
#include "output/document.hpp"

#include <string>
#include <utility>
#include <vector>

namespace duty::report {

// What lib/rates computed for a report, as tables: one table per group
// (街乡镇, 部门, …), each with the group's name in its meta "group".
struct RatesTables
{
  std::string period;                   // "2025-03"
  std::string previous;                 // "2025-02", or "" when it has no orders
  std::vector<output::Table> current;   // duty rates --period P
  std::vector<output::Table> compared;  // duty rates --period P --compare P-1 (empty without P-1)
  std::vector<output::Table> before;    // duty rates --period P-1 (empty without P-1)
  // The trend window's months that have orders, each with duty rates --period M.
  std::vector<std::pair<std::string, std::vector<output::Table>>> trend;
  int trend_months = 0; // the window's length (--months)
  // Section ids per group: "streets", "departments", "group-3".
  std::vector<std::pair<std::string, std::string>> slugs;
};

// 核心指标: per group, the summary (合计) row's orders, three rates and
// score, with the change from the previous period.
output::Section
headline_section(const RatesTables& r);

// One ranking section per group (id "ranking-" + slug): the rates table.
std::vector<output::Section>
ranking_sections(const RatesTables& r);

// 三率对比: per group, a bar chart of the three rates of every ranked unit.
output::Section
rate_charts_section(const RatesTables& r);

// 趋势: per group, the summary row's three rates over the months; the score
// and the orders of every group over the months.
output::Section
trend_section(const RatesTables& r);

} // namespace duty::report
