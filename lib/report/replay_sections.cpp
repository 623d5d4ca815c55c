#include "report/replay_sections.hpp"

#include "report/cells.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace duty::report {

using output::Cell;
using output::Table;
using Row = const std::vector<Cell>*;

namespace {

// The summary's rows of one scope that `keep` accepts, ordered by `rank`
// (descending), then by key; at most `top` (0: all).
template <typename Keep, typename Rank>
std::vector<Row>
rows_of(const Table& t, std::string_view scope, Keep keep, Rank rank, size_t top)
{
  std::vector<Row> rows;
  for (const auto& row : t.rows)
    if (cell_of(t, row, "scope").text == scope && keep(row))
      rows.push_back(&row);
  std::stable_sort(rows.begin(), rows.end(), [&](Row a, Row b) {
    auto ra = rank(*a), rb = rank(*b);
    if (ra != rb)
      return ra > rb;
    return cell_of(t, *a, "key").text < cell_of(t, *b, "key").text;
  });
  if (top && rows.size() > top)
    rows.resize(top);
  return rows;
}

Row
total_row(const Table& t)
{
  for (const auto& row : t.rows)
    if (cell_of(t, row, "scope").text == "total")
      return &row;
  return nullptr;
}

} // namespace

output::Section
late_section(const ReplayTables& r, size_t top)
{
  const Table& t = r.summary;
  auto n = [&](const std::vector<Cell>& row, const char* k) { return count_of(t, row, k); };
  auto rows = rows_of(
    t, "unit",
    [&](const auto& row) { return n(row, "late_sign") + n(row, "late_contact") + n(row, "late_close") + n(row, "overdue"); },
    [&](const auto& row) {
      return std::pair(n(row, "late_close") + n(row, "overdue"), n(row, "late_contact") + n(row, "late_sign"));
    },
    top);
  output::Section sec{"late", "超时与逾期", {}};
  if (rows.empty()) {
    sec.blocks.emplace_back(output::Note{"没有超时或逾期的工单。"});
    return sec;
  }
  if (Row total = total_row(t))
    rows.push_back(total);
  Table table = pick_columns(t, rows,
                             {{"key", "承办单位"},
                              {"orders", "工单"},
                              {"late_sign", "签收超时"},
                              {"late_contact", "联系超时"},
                              {"late_close", "办结超时"},
                              {"overdue", "逾期未办结"},
                              {"late_close_share", "办结超时及逾期占比"}},
                             total_row(t) ? 1 : 0);
  if (table.footer)
    table.rows.back()[1] = Cell::of("合计（全部单位）");
  table.name = fmt::format("超时、逾期最多的单位（前 {} 位）", rows.size() - table.footer);
  sec.blocks.emplace_back(std::move(table));
  sec.blocks.emplace_back(output::Note{fmt::format(
    "按办结超时与逾期未办结之和排序。时限取工单自带的办理时限，其次主责清单的时限，再次考核方案的默认时限；"
    "逾期指截至 {} 仍未办结且已过时限。数字与 duty replay --summary 相同。",
    r.as_of)});
  return sec;
}

output::Section
returns_section(const ReplayTables& r, const AuditSummary& audit, size_t top)
{
  const Table& t = r.summary;
  auto n = [&](const std::vector<Cell>& row, const char* k) { return count_of(t, row, k); };
  auto wrong = [&](const auto& row) { return n(row, "wrong_unit") + n(row, "assist_as_lead"); };
  auto rows = rows_of(
    t, "matter", [&](const auto& row) { return n(row, "returns") + wrong(row) > 0; },
    [&](const auto& row) { return std::pair(n(row, "returns") + wrong(row), n(row, "unjustified")); }, top);
  output::Section sec{"returns", "退单与错派", {}};
  if (rows.empty()) {
    sec.blocks.emplace_back(output::Note{"没有退单或错派的工单。"});
    return sec;
  }
  Table table = pick_columns(t, rows,
                             {{"key", "事项"},
                              {"orders", "工单"},
                              {"wrong_unit", "错派"},
                              {"assist_as_lead", "派给配合单位"},
                              {"wrong_share", "错派占比"},
                              {"returns", "退单"},
                              {"unjustified", "不当退单"},
                              {"contested", "多头管工单"},
                              {"no_lead", "无主责工单"}});
  table.name = fmt::format("退单与错派最多的事项（前 {} 位）与清单体检", rows.size());
  table.add_column("audit", "清单体检");
  for (size_t i = 0; i < rows.size(); ++i) {
    std::string key = cell_of(t, *rows[i], "key").text;
    auto m = audit.matters.find(key);
    table.rows[i].push_back(Cell::of(m == audit.matters.end() ? std::string("不在清单中") : describe_coverage(m->second)));
  }
  sec.blocks.emplace_back(std::move(table));
  sec.blocks.emplace_back(output::Note{
    "按退单与错派之和排序。清单体检列出该事项各切片（属地 × 条件）的判定：多头管、没人管的切片说明主责清单需要修订；"
    "主责明确而错派、退单仍多，说明派单依据或清单的宣传需要改进。"});
  return sec;
}

output::Section
proactive_section(const ReplayTables& r, size_t top)
{
  output::Section sec{"proactive", "未诉先办线索", {}};
  std::string rule = fmt::format("同一事项、同一属地（有村/社区时同一村/社区）{} 天内 {} 件及以上诉求为一组；相互重叠的时间窗合为一组。",
                                 r.rule.days, r.rule.min_orders);
  if (r.clusters.empty()) {
    sec.blocks.emplace_back(output::Note{"本期没有符合规则的重复诉求。" + rule});
    return sec;
  }
  Table table;
  size_t shown = std::min(top, r.clusters.size());
  table.name = fmt::format("重复诉求聚集（{} 组，列出前 {} 组）", r.clusters.size(), shown);
  table.add_column("rank", "序号");
  table.add_column("matter", "事项");
  table.add_column("territory", "属地");
  table.add_column("community", "村/社区");
  table.add_column("orders", "工单数");
  table.add_column("first", "首次");
  table.add_column("last", "末次");
  for (size_t i = 0; i < shown; ++i) {
    const Cluster& c = r.clusters[i];
    table.rows.push_back({Cell::of(static_cast<int64_t>(i + 1)), Cell::of(c.matter), Cell::of(c.territory),
                          Cell::of(c.community), Cell::of(static_cast<int64_t>(c.orders)), Cell::of(c.first.str()),
                          Cell::of(c.last.str())});
  }
  sec.blocks.emplace_back(std::move(table));
  sec.blocks.emplace_back(output::Note{"规则：" + rule + "（--cluster-min、--cluster-days 可调）"});
  return sec;
}

output::Section
whistles_section(const ReplayTables& r)
{
  const Table& t = r.summary;
  auto n = [&](const std::vector<Cell>& row, const char* k) { return count_of(t, row, k); };
  output::Section sec{"whistles", "吹哨报到", {}};
  Row total = total_row(t);
  auto summoned = rows_of(
    t, "unit", [&](const auto& row) { return n(row, "summoned") > 0; },
    [&](const auto& row) { return std::tuple(n(row, "missing"), n(row, "late_reports"), n(row, "summoned")); }, 0);
  auto whistling = rows_of(
    t, "unit", [&](const auto& row) { return n(row, "whistles") > 0; },
    [&](const auto& row) { return std::pair(n(row, "whistles"), n(row, "not_whistleable")); }, 0);
  if (summoned.empty() && whistling.empty()) {
    sec.blocks.emplace_back(output::Note{"本期没有吹哨。"});
    return sec;
  }
  if (!summoned.empty()) {
    if (total)
      summoned.push_back(total);
    Table table = pick_columns(t, summoned,
                               {{"key", "报到部门"},
                                {"summoned", "被召集"},
                                {"missing", "未报到"},
                                {"missing_share", "未报到占比"},
                                {"late_reports", "报到超时"},
                                {"extra_reports", "未召集而报到"}},
                               total ? 1 : 0);
    if (total)
      table.rows.back()[1] = Cell::of("合计");
    table.name = "部门报到";
    sec.blocks.emplace_back(std::move(table));
  }
  if (!whistling.empty()) {
    if (total)
      whistling.push_back(total);
    Table table = pick_columns(t, whistling, {{"key", "吹哨街乡"}, {"whistles", "吹哨"}, {"not_whistleable", "清单外吹哨"}},
                               total ? 1 : 0);
    if (total)
      table.rows.back()[1] = Cell::of("合计");
    table.name = "街乡吹哨";
    sec.blocks.emplace_back(std::move(table));
  }
  sec.blocks.emplace_back(output::Note{
    "被召集：吹哨事项清单要求报到的部门；未报到：截至统计时刻已过报到时限仍未报到；报到超时：晚于报到时限；"
    "未召集而报到：清单未要求而报到。清单外吹哨：吹哨事项清单中没有该事项和哨种。"});
  return sec;
}

} // namespace duty::report
