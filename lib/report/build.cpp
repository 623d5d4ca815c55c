#include "report/build.hpp"

#include "audit/audit.hpp"
#include "audit/matrix.hpp"

#include <fmt/format.h>

namespace duty::report {

namespace {

// "一、" … "二十、": sections are numbered as Chinese reports number them.
std::string
chinese_number(size_t n)
{
  static const char* const kDigits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n < 10)
    return kDigits[n];
  if (n < 20)
    return std::string("十") + kDigits[n - 10];
  return std::string(kDigits[n / 10 % 10]) + "十" + kDigits[n % 10];
}

} // namespace

std::string
period_title(const std::string& period)
{
  int y = 0, m = 0;
  if (std::sscanf(period.c_str(), "%d-%d", &y, &m) == 2)
    return fmt::format("{}年{}月", y, m);
  return period;
}

std::string
district_of(const lists::ListSet& set)
{
  for (const auto& u : set.units)
    if (u.type == lists::UnitType::district)
      return u.id.value;
  return {};
}

AuditSummary
audit_lists(const resolve::Context& lists, util::Date date)
{
  std::vector<diag::Diagnostic> findings = lists.diags();
  auto found = audit::run_audit(lists.set(), lists.index(), {date});
  findings.insert(findings.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  audit::apply_suppressions(lists.set(), findings);
  return summarize_audit(lists.set(), findings, audit::coverage_matrix(lists.resolver(), date));
}

output::Document
build_document(const Data& data, const Settings& settings)
{
  output::Document doc;
  doc.title = data.district + "接诉即办月度考核报告";
  doc.subtitle = period_title(settings.period);
  doc.sections.push_back(headline_section(data.rates));
  for (auto& s : ranking_sections(data.rates))
    doc.sections.push_back(std::move(s));
  doc.sections.push_back(rate_charts_section(data.rates));
  doc.sections.push_back(trend_section(data.rates));
  doc.sections.push_back(late_section(data.replay, settings.top));
  doc.sections.push_back(returns_section(data.replay, data.audit, settings.top));
  doc.sections.push_back(proactive_section(data.replay, settings.top));
  doc.sections.push_back(whistles_section(data.replay));
  doc.sections.push_back(audit_section(data.audit));
  for (size_t i = 0; i < doc.sections.size(); ++i)
    doc.sections[i].title = chinese_number(i + 1) + "、" + doc.sections[i].title;
  doc.stamp = stamp_fields(data.stamp);
  return doc;
}

} // namespace duty::report
