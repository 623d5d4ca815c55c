// Tests for report/replay_sections: late units, returned matters with their
// audit evidence, 未诉先办 clusters and whistles, from replay's summary table.
#include "report/replay_sections.hpp"

#include <doctest/doctest.h>

using namespace duty;
using namespace duty::output;

namespace {

const char* const kColumns[] = {
  "scope", "key", "orders", "deviating", "deviating_share", "dispatched", "wrong_unit", "assist_as_lead",
  "wrong_share", "contested", "no_lead", "undecided", "unmapped", "returns", "unjustified", "unjustified_share",
  "late_sign", "late_contact", "late_close", "overdue", "late_close_share", "lifecycle", "whistles",
  "not_whistleable", "summoned", "missing", "missing_share", "late_reports", "extra_reports"};

// A row of replay's summary table: the named counts, every other count 0.
std::vector<Cell>
row(const char* scope, const char* key, std::map<std::string, int64_t> counts)
{
  std::vector<Cell> r;
  for (const char* c : kColumns) {
    std::string k = c;
    if (k == "scope")
      r.push_back(Cell::of(scope));
    else if (k == "key")
      r.push_back(Cell::of(key));
    else if (k.ends_with("_share"))
      r.push_back(Cell::of_decimal(0.5, "50.0", true));
    else
      r.push_back(Cell::of(counts.count(k) ? counts[k] : 0));
  }
  return r;
}

report::ReplayTables
sample()
{
  report::ReplayTables r;
  for (const char* c : kColumns)
    r.summary.add_column(c);
  r.summary.rows = {
    row("unit", "区城市管理委", {{"orders", 40}, {"late_close", 3}, {"overdue", 1}, {"summoned", 5}, {"missing", 2}}),
    row("unit", "区水务局", {{"orders", 10}, {"late_sign", 4}, {"summoned", 3}, {"late_reports", 1}}),
    row("unit", "儒林街道", {{"orders", 30}, {"late_close", 4}, {"late_contact", 1}, {"whistles", 6},
                             {"not_whistleable", 1}}),
    row("unit", "百泉街道", {{"orders", 20}}),
    row("matter", "噪音扰民", {{"orders", 12}, {"wrong_unit", 2}, {"returns", 3}, {"unjustified", 1}}),
    row("matter", "环境脏乱", {{"orders", 30}, {"returns", 1}}),
    row("matter", "占道经营", {{"orders", 9}}),
    row("total", "", {{"orders", 100}, {"late_close", 7}, {"overdue", 1}, {"late_sign", 4}, {"late_contact", 1},
                      {"summoned", 8}, {"missing", 2}, {"late_reports", 1}, {"whistles", 6}, {"not_whistleable", 1}}),
  };
  r.summary.footer = 1;
  r.as_of = "2025-04-01 00:00:00";
  r.rule = {3, 7};
  r.clusters = {{"噪音扰民", "儒林街道", "A社区", 4, *util::parse_date("2025-03-02"), *util::parse_date("2025-03-06")},
                {"环境脏乱", "百泉街道", "", 3, *util::parse_date("2025-03-10"), *util::parse_date("2025-03-12")}};
  return r;
}

std::vector<std::string>
column_text(const Table& t, size_t c)
{
  std::vector<std::string> out;
  for (const auto& r : t.rows)
    out.push_back(cell_display(r[c]));
  return out;
}

} // namespace

TEST_SUITE_BEGIN("report");

TEST_CASE("late_section: units by late and overdue closes, then late contacts and signs; a total row")
{
  auto sec = report::late_section(sample(), 10);
  CHECK(sec.id == "late");
  const auto& t = std::get<Table>(sec.blocks.at(0));
  CHECK(column_text(t, 1) == std::vector<std::string>{"儒林街道", "区城市管理委", "区水务局", "合计（全部单位）"});
  CHECK(column_text(t, 0) == std::vector<std::string>{"1", "2", "3", ""});
  CHECK(t.footer == 1);
  CHECK(t.columns[5].header == "办结超时");
  CHECK(column_text(t, 5) == std::vector<std::string>{"4", "3", "0", "7"});
  CHECK(column_text(t, 7) == std::vector<std::string>{"50.0%", "50.0%", "50.0%", "50.0%"});
  CHECK(t.name == "超时、逾期最多的单位（前 3 位）");
  auto top1 = report::late_section(sample(), 1);
  CHECK(std::get<Table>(top1.blocks.at(0)).rows.size() == 2);
}

TEST_CASE("returns_section: matters by returns and wrong dispatches, with the audit's judgement")
{
  report::AuditSummary audit;
  audit.matters["噪音扰民"] = {"噪音扰民", 18, 15, 3, 0, 0};
  auto sec = report::returns_section(sample(), audit, 10);
  const auto& t = std::get<Table>(sec.blocks.at(0));
  CHECK(column_text(t, 1) == std::vector<std::string>{"噪音扰民", "环境脏乱"}); // 占道经营 has neither
  CHECK(t.columns.back().header == "清单体检");
  CHECK(cell_display(t.rows[0].back()) == "多头管 3/18");
  CHECK(cell_display(t.rows[1].back()) == "不在清单中");
  CHECK(cell_display(t.rows[0][3]) == "2");
  CHECK(cell_display(t.rows[0][6]) == "3");
}

TEST_CASE("proactive_section: the clusters and the rule that found them")
{
  auto sec = report::proactive_section(sample(), 1);
  const auto& t = std::get<Table>(sec.blocks.at(0));
  REQUIRE(t.rows.size() == 1);
  CHECK(render_md(t).find("| 1 | 噪音扰民 | 儒林街道 | A社区 | 4 | 2025-03-02 | 2025-03-06 |") != std::string::npos);
  CHECK(t.name == "重复诉求聚集（2 组，列出前 1 组）");
  CHECK(std::get<Note>(sec.blocks.at(1)).text.find("7 天内 3 件及以上") != std::string::npos);
  auto r = sample();
  r.clusters.clear();
  CHECK(std::holds_alternative<Note>(report::proactive_section(r, 10).blocks.at(0)));
}

TEST_CASE("whistles_section: summoned departments and whistling streets, with totals")
{
  auto sec = report::whistles_section(sample());
  const auto& depts = std::get<Table>(sec.blocks.at(0));
  CHECK(depts.name == "部门报到");
  CHECK(column_text(depts, 1) == std::vector<std::string>{"区城市管理委", "区水务局", "合计"});
  CHECK(column_text(depts, 3) == std::vector<std::string>{"2", "0", "2"});
  const auto& streets = std::get<Table>(sec.blocks.at(1));
  CHECK(column_text(streets, 1) == std::vector<std::string>{"儒林街道", "合计"});
  CHECK(column_text(streets, 2) == std::vector<std::string>{"6", "6"});
  auto r = sample();
  r.summary.rows.resize(4);
  for (auto& row : r.summary.rows)
    row[24] = row[22] = Cell::of(int64_t(0)); // no summons, no whistles
  CHECK(std::get<Note>(report::whistles_section(r).blocks.at(0)).text == "本期没有吹哨。");
}
