// Tests for report/audit_summary and report/stamp over a real list set (the audit fixtures).
#include "report/audit_summary.hpp"
#include "report/stamp.hpp"

#include "audit/audit.hpp"
#include "lists/index.hpp"
#include "lists/load.hpp"
#include "output/document.hpp"
#include "resolve/resolver.hpp"

#include <doctest/doctest.h>

using namespace duty;

namespace {

struct Audited
{
  lists::LoadResult loaded;
  std::vector<diag::Diagnostic> findings;
  std::vector<audit::MatrixRow> matrix;
};

Audited
audit_fixture(const std::string& name)
{
  Audited a;
  a.loaded = lists::load_and_check({std::string(DUTY_SOURCE_DIR) + "/tests/fixtures/audit/" + name});
  lists::Index index(a.loaded.set);
  resolve::Resolver resolver(a.loaded.set, index);
  util::Date as_of = *util::parse_date("2025-06-01");
  a.findings = a.loaded.diags;
  auto found = audit::run_audit(a.loaded.set, index, {as_of});
  a.findings.insert(a.findings.end(), found.begin(), found.end());
  audit::apply_suppressions(a.loaded.set, a.findings);
  a.matrix = audit::coverage_matrix(resolver, as_of);
  return a;
}

} // namespace

TEST_SUITE_BEGIN("report");

TEST_CASE("summarize_audit: items, slices by status and findings by rule of a set with an overlap")
{
  Audited a = audit_fixture("overlap");
  auto s = report::summarize_audit(a.loaded.set, a.findings, a.matrix);
  CHECK(s.files == a.loaded.set.files.size());
  CHECK(s.items == a.loaded.set.item_count());
  CHECK(s.slices == a.matrix.size());
  CHECK(s.led + s.overlap + s.orphan + s.conflict == s.slices);
  CHECK(s.overlap == 2); // 环境脏乱 in both territories
  size_t overlap_findings = 0;
  for (const auto& r : s.rules)
    if (r.rule == "overlap")
      overlap_findings = r.count;
  CHECK(overlap_findings == 1); // merged across the territories
  REQUIRE(s.matters.count("环境脏乱") == 1);
  CHECK(report::describe_coverage(s.matters["环境脏乱"]) == "多头管 2/2");

  auto sec = report::audit_section(s);
  CHECK(sec.id == "audit");
  REQUIRE(sec.blocks.size() == 5);
  const auto& rules = std::get<output::Table>(sec.blocks[4]);
  CHECK(output::render_md(rules).find("| overlap | error | 1 | 0 |") != std::string::npos);
}

TEST_CASE("calendar_years: the years of the set's calendars, or 无")
{
  Audited a = audit_fixture("overlap");
  CHECK(report::calendar_years(a.loaded.set) == "无");
  a.loaded.set.calendars.resize(2);
  a.loaded.set.calendars[0].year = 2026;
  a.loaded.set.calendars[1].year = 2025;
  CHECK(report::calendar_years(a.loaded.set) == "2025, 2026");
}
