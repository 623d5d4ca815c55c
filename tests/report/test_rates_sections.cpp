// Tests for report/rates_sections: the report's rate sections take every
// number from the tables duty rates prints.
#include "report/rates_data.hpp"
#include "report/rates_sections.hpp"

#include "lists/profile.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace duty;
using namespace duty::output;

namespace {

Cell
n(int64_t v)
{
  return Cell::of(v);
}

Cell
pct(const char* shown)
{
  return Cell::of_decimal(std::stod(shown) / 100, shown, true);
}

// A table shaped like output::rates_tables: keys, a 合计 footer, meta group.
Table
rates_table(const std::string& group, const std::string& month, const std::string& score_total, bool compare)
{
  Table t;
  t.name = group + " " + month;
  for (const char* k : {"rank", "unit", "orders", "visits", "contacted", "resolved", "satisfied",
                        "basically_satisfied", "response_rate", "resolution_rate", "satisfaction_rate", "score"})
    t.add_column(k);
  if (compare)
    for (const char* k : {"response_change", "resolution_change", "satisfaction_change", "score_change", "rank_change"})
      t.add_column(k);
  auto row = [&](Cell rank, const char* unit, std::vector<Cell> rest) {
    std::vector<Cell> r = {rank, Cell::of(unit)};
    r.insert(r.end(), rest.begin(), rest.end());
    if (compare)
      for (const char* c : {"+1.00", "-2.00", "+0.50", "+0.3", "+1"})
        r.push_back(Cell::of_decimal(std::stod(c), c));
    t.rows.push_back(r);
  };
  row(n(1), "甲街道", {n(10), n(8), n(8), n(6), n(5), n(1), pct("100.00"), pct("75.00"), pct("73.75"),
                      Cell::of_decimal(78.0, "78.0")});
  row(n(2), "乙镇", {n(4), n(2), n(1), n(1), n(1), n(0), pct("50.00"), pct("50.00"), pct("50.00"),
                    Cell::of_decimal(50.0, "50.0")});
  row(Cell::null(), "丙乡", {n(1), n(0), n(0), n(0), n(0), n(0), Cell::null(), Cell::null(), Cell::null(),
                             Cell::null()});
  row(Cell::null(), "合计", {n(15), n(10), n(9), n(7), n(6), n(1), pct("75.00"), pct("62.50"), pct("61.88"),
                             Cell::of_decimal(std::stod(score_total), score_total)});
  t.footer = 1;
  t.meta = {{"group", group}};
  return t;
}

report::RatesTables
sample()
{
  report::RatesTables r;
  r.period = "2025-03";
  r.previous = "2025-02";
  r.current = {rates_table("街乡镇", "2025-03", "64.0", false)};
  r.compared = {rates_table("街乡镇", "2025-03", "64.0", true)};
  Table before = rates_table("街乡镇", "2025-02", "63.7", false);
  before.rows.back()[2] = n(12);
  r.before = {before};
  r.trend = {{"2025-01", {rates_table("街乡镇", "2025-01", "60.1", false)}}, {"2025-03", r.current}};
  r.trend_months = 3;
  r.slugs = {{"街乡镇", "streets"}};
  return r;
}

} // namespace

TEST_SUITE_BEGIN("report");

TEST_CASE("headline_section: the summary row's numbers and the changes duty rates --compare prints")
{
  auto sec = report::headline_section(sample());
  CHECK(sec.id == "headline");
  const auto& figs = std::get<Figures>(sec.blocks.at(0));
  CHECK(figs.title == "街乡镇 · 合计");
  REQUIRE(figs.items.size() == 5);
  CHECK(figs.items[0].key == "街乡镇:orders");
  CHECK(cell_display(figs.items[0].value) == "15");
  CHECK(cell_display(figs.items[0].change) == "+3"); // 15 - 12
  CHECK(cell_display(figs.items[1].value) == "75.00%");
  CHECK(cell_display(figs.items[1].change) == "+1.00");
  CHECK(cell_display(figs.items[2].change) == "-2.00");
  CHECK(cell_display(figs.items[4].value) == "64.0");
  CHECK(cell_display(figs.items[4].change) == "+0.3");
  // Without a previous period: no changes, and a note that says why.
  auto r = sample();
  r.previous.clear();
  r.compared.clear();
  r.before.clear();
  auto alone = report::headline_section(r);
  for (const auto& f : std::get<Figures>(alone.blocks.at(0)).items)
    CHECK(f.change.kind == Cell::Kind::null);
  CHECK(std::get<Note>(alone.blocks.back()).text.find("没有上一期") != std::string::npos);
}

TEST_CASE("ranking_sections: the rates table as it is, one section per group")
{
  auto secs = report::ranking_sections(sample());
  REQUIRE(secs.size() == 1);
  CHECK(secs[0].id == "ranking-streets");
  CHECK(secs[0].title == "街乡镇排名");
  CHECK(render_md(std::get<Table>(secs[0].blocks.at(0))) == render_md(sample().current[0]));
}

TEST_CASE("rate_charts_section: ranked units only, the table's rate cells")
{
  auto sec = report::rate_charts_section(sample());
  const auto& c = std::get<Chart>(sec.blocks.at(0));
  CHECK(c.id == "rates-streets");
  CHECK(c.categories == std::vector<std::string>{"甲街道", "乙镇"}); // 丙乡 is unranked, 合计 a summary
  REQUIRE(c.series.size() == 3);
  CHECK(c.series[0].name == "响应率");
  CHECK(cell_display(c.series[1].values[0]) == "75.00%");
  CHECK(cell_display(c.series[2].values[1]) == "50.00%");
  CHECK(c.title == "街乡镇三率（按综合成绩排序）");
}

TEST_CASE("rate_charts_section: more units than fit a printed page are split, in rank order")
{
  auto r = sample();
  Table& t = r.current[0];
  std::vector<Cell> unit = t.rows[0];
  for (int i = 0; i < 40; ++i) {
    unit[0] = n(3 + i);
    unit[1] = Cell::of(fmt::format("单位{}", i));
    t.rows.insert(t.rows.end() - 2, unit); // before 丙乡 and 合计
  }
  auto sec = report::rate_charts_section(r);
  REQUIRE(sec.blocks.size() == 3); // 42 ranked units: 20 + 20 + 2
  const auto& first = std::get<Chart>(sec.blocks[0]);
  const auto& last = std::get<Chart>(sec.blocks[2]);
  CHECK(first.id == "rates-streets");
  CHECK(std::get<Chart>(sec.blocks[1]).id == "rates-streets-2");
  CHECK(last.id == "rates-streets-3");
  CHECK(first.categories.size() == 20);
  CHECK(first.title == "街乡镇三率（按综合成绩排序，第 1–20 位）");
  CHECK(last.title == "街乡镇三率（按综合成绩排序，第 41–42 位）");
  CHECK(last.categories == std::vector<std::string>{"单位38", "单位39"});
}

TEST_CASE("trend_section: each month's summary row; a month without orders is not invented")
{
  auto sec = report::trend_section(sample());
  const auto& rates = std::get<Chart>(sec.blocks.at(0));
  CHECK(rates.categories == std::vector<std::string>{"2025-01", "2025-03"});
  CHECK(cell_display(rates.series[0].values[1]) == "75.00%");
  const auto& score = std::get<Chart>(sec.blocks.at(1));
  CHECK(score.id == "trend-score");
  CHECK_FALSE(score.percent);
  CHECK(cell_display(score.series[0].values[0]) == "60.1");
  CHECK(cell_display(score.series[0].values[1]) == "64.0");
  const auto& orders = std::get<Chart>(sec.blocks.at(2));
  CHECK(cell_display(orders.series[0].values[0]) == "15");
  CHECK(std::get<Note>(sec.blocks.at(3)).text.find("最近 3 个月中有数据的 2 个月") != std::string::npos);
}

TEST_CASE("group_slugs: streets and departments by the types a group holds")
{
  auto choice = lists::choose_profile("bj-practice", nullptr);
  REQUIRE(choice.profile);
  auto slugs = report::group_slugs(*choice.profile);
  REQUIRE(slugs.size() >= 2);
  CHECK(slugs[0] == std::pair<std::string, std::string>{"街乡镇", "streets"});
  CHECK(slugs[1] == std::pair<std::string, std::string>{"部门", "departments"});
}
