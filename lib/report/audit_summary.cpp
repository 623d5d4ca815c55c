#include "report/audit_summary.hpp"

#include "diag/rules.hpp"

#include <fmt/format.h>

namespace duty::report {

using output::Cell;

AuditSummary
summarize_audit(const lists::ListSet& set, const std::vector<diag::Diagnostic>& findings,
                const std::vector<audit::MatrixRow>& matrix)
{
  AuditSummary s;
  s.files = set.files.size();
  s.items = set.item_count();
  const std::pair<const char*, size_t> kinds[] = {
    {"单位", set.units.size()},
    {"事项", set.matters.size()},
    {"权力", set.powers.size()},
    {"责任", set.responsibilities.size()},
    {"主责", set.primary.size()},
    {"任务", set.tasks.size()},
    {"吹哨事项", set.whistles.size()},
    {"工作日历", set.calendars.size()},
    {"考核方案", set.profiles.size()},
  };
  for (const auto& [kind, n] : kinds)
    if (n)
      s.kinds.emplace_back(kind, n);

  for (const auto& row : matrix) {
    MatterCoverage& m = s.matters[row.matter];
    m.name = row.matter_name;
    ++m.slices;
    ++s.slices;
    if (row.status == "led")
      ++m.led, ++s.led;
    else if (row.status == "overlap")
      ++m.overlap, ++s.overlap;
    else if (row.status == "orphan")
      ++m.orphan, ++s.orphan;
    else
      ++m.conflict, ++s.conflict;
  }

  std::map<std::string, RuleCount> rules;
  for (const auto& d : findings) {
    RuleCount& r = rules[d.rule];
    r.rule = d.rule;
    r.severity = d.severity;
    ++(d.suppressed ? r.suppressed : r.count);
  }
  for (auto& [id, r] : rules)
    s.rules.push_back(std::move(r));
  s.counts = diag::count(findings);
  return s;
}

std::string
describe_coverage(const MatterCoverage& m)
{
  std::string out;
  auto add = [&](const char* label, size_t n) {
    if (n)
      out += fmt::format("{}{} {}/{}", out.empty() ? "" : ", ", label, n, m.slices);
  };
  add("多头管", m.overlap);
  add("没人管", m.orphan);
  add("主责冲突", m.conflict);
  return out.empty() ? fmt::format("主责明确 {}/{}", m.led, m.slices) : out;
}

output::Section
audit_section(const AuditSummary& s)
{
  output::Section sec{"audit", "清单体检", {}};
  auto n = [](size_t v) { return Cell::of(static_cast<int64_t>(v)); };
  output::Figures figs;
  figs.items = {
    {"list_files", "清单文件", n(s.files), {}, {}},
    {"list_items", "条目", n(s.items), {}, {}},
    {"slices", "事项切片", n(s.slices), {}, {}},
    {"overlap", "多头管", n(s.overlap), {}, {}},
    {"orphan", "没人管", n(s.orphan), {}, {}},
    {"conflict", "主责冲突", n(s.conflict), {}, {}},
    {"errors", "错误", n(s.counts.errors), {}, {}},
    {"warnings", "警告", n(s.counts.warnings), {}, {}},
  };
  sec.blocks.emplace_back(std::move(figs));
  sec.blocks.emplace_back(output::Note{
    "事项切片：末级事项 × 属地 × 清单区分的条件组合；按报告日期逐一判定由谁主责。"
    "多头管、没人管和主责冲突的切片是修订主责清单的依据。"});

  output::Table kinds;
  kinds.name = "清单条目";
  kinds.add_column("kind", "类别");
  kinds.add_column("items", "条目");
  for (const auto& [kind, count] : s.kinds)
    kinds.rows.push_back({Cell::of(kind), n(count)});
  kinds.rows.push_back({Cell::of("合计"), n(s.items)});
  kinds.footer = 1;
  sec.blocks.emplace_back(std::move(kinds));

  output::Table slices;
  slices.name = "切片判定";
  slices.add_column("status", "判定");
  slices.add_column("slices", "切片");
  const std::pair<const char*, size_t> statuses[] = {
    {"主责明确", s.led},
    {"多头管", s.overlap},
    {"没人管", s.orphan},
    {"主责冲突", s.conflict},
  };
  for (const auto& [label, count] : statuses)
    slices.rows.push_back({Cell::of(label), n(count)});
  slices.rows.push_back({Cell::of("合计"), n(s.slices)});
  slices.footer = 1;
  sec.blocks.emplace_back(std::move(slices));

  if (s.rules.empty()) {
    sec.blocks.emplace_back(output::Note{"清单校验和体检未发现问题。"});
    return sec;
  }
  output::Table rules;
  rules.name = "问题（按规则）";
  rules.add_column("rule", "规则");
  rules.add_column("severity", "级别");
  rules.add_column("findings", "问题数");
  rules.add_column("suppressed", "已豁免");
  rules.add_column("summary", "说明");
  for (const auto& r : s.rules) {
    const diag::Rule* rule = diag::find_rule(r.rule);
    rules.rows.push_back({Cell::of(r.rule), Cell::of(diag::severity_name(r.severity)), n(r.count),
                          n(r.suppressed), Cell::of(rule ? std::string(rule->summary) : std::string())});
  }
  sec.blocks.emplace_back(std::move(rules));
  return sec;
}

} // namespace duty::report
