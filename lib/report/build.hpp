#pragma once

// The monthly assessment report: what `duty report` shows, assembled from
// what the areas below computed. Pure: data in, a document out; output/
// renders it as HTML or Markdown.
#include "output/document.hpp"
#include "report/audit_summary.hpp"
#include "report/clusters.hpp"
#include "report/rates_sections.hpp"
#include "report/replay_sections.hpp"
#include "report/stamp.hpp"
#include "resolve/context.hpp"
#include "util/date.hpp"

#include <string>

namespace duty::report {

struct Settings
{
  std::string period; // YYYY-MM: the month reported on
  int months = 6;     // the trend charts cover this many periods, ending with `period`
  size_t top = 10;    // rows of the "most late", "most returned" … tables
  ClusterRule clusters;
};

// Everything the report shows.
struct Data
{
  std::string district; // named in the title ("延庆区"); may be empty
  Stamp stamp;
  AuditSummary audit;
  RatesTables rates;
  ReplayTables replay;
};

output::Document
build_document(const Data& data, const Settings& settings);

// The audit of a checked list set at `date`: validate's findings (kept by the
// context), the audit rules, suppressions, and the coverage matrix.
AuditSummary
audit_lists(const resolve::Context& lists, util::Date date);

// The id of the set's district unit (the first unit of type district), or "".
std::string
district_of(const lists::ListSet& set);

// "2025年3月" for "2025-03".
std::string
period_title(const std::string& period);

} // namespace duty::report
