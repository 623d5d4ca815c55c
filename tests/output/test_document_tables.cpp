// Tests for output::document_tables: what a workbook of a report holds.
#include "output/document.hpp"

#include <doctest/doctest.h>

using namespace duty::output;

TEST_CASE("document_tables: figures, tables and charts in order; notes and table pictures left out")
{
  Document doc;
  doc.title = "月度考核报告";
  doc.subtitle = "2025年3月";
  doc.stamp = {{"清单哈希", "abc"}, {"考核方案", "bj-practice"}};
  Figures figs;
  figs.items.push_back({"orders", "受理量", Cell::of(int64_t(597)), Cell::of_decimal(12, "+12"), "件"});
  figs.items.push_back({"rate", "响应率", Cell::of_decimal(0.9142, "91.4", true), Cell::null(), "个百分点"});
  Table ranking;
  ranking.name = "街乡镇 2025-03";
  ranking.add_column("unit", "承办单位");
  ranking.rows = {{Cell::of("儒林街道")}};
  Chart picture;
  picture.of_table = true;
  picture.title = "三率";
  Chart trend;
  trend.kind = Chart::Kind::line;
  trend.title = "受理量趋势";
  trend.category_label = "月份";
  trend.categories = {"2025-02", "2025-03"};
  trend.series = {{"街乡镇", {Cell::of(int64_t(585)), Cell::of(int64_t(597))}}};
  Table unnamed;
  unnamed.add_column("k");
  doc.sections.push_back({"headline", "一、核心指标", {figs, Note{"说明"}, ranking, picture}});
  doc.sections.push_back({"trend", "二、趋势", {trend, unnamed}});

  auto tables = document_tables(doc);
  REQUIRE(tables.size() == 4);
  const Table& f = tables[0];
  CHECK(f.name == "一、核心指标"); // figures without a title: the section's
  REQUIRE(f.columns.size() == 4);
  CHECK(f.columns[1].header == "本期");
  CHECK(f.columns[2].header == "较上期");
  CHECK(f.columns[3].header == "单位");
  REQUIRE(f.rows.size() == 2);
  CHECK(f.rows[0][1].integer == 597);
  CHECK(f.rows[0][2].kind == Cell::Kind::decimal); // the change stays a number
  CHECK(f.rows[0][2].real == 12);
  CHECK(f.rows[0][3].text == "件");
  CHECK(f.rows[1][1].percent);
  CHECK(f.rows[1][2].kind == Cell::Kind::null); // no change, no unit
  CHECK(f.rows[1][3].kind == Cell::Kind::null);
  REQUIRE(f.meta.size() == 3);
  CHECK(f.meta[0] == std::pair<std::string, std::string>{"report", "月度考核报告 2025年3月"});
  CHECK(f.meta[1].first == "清单哈希");
  CHECK(tables[1].name == "街乡镇 2025-03");
  CHECK(tables[1].meta.empty());
  CHECK(tables[2].name == "受理量趋势");
  REQUIRE(tables[2].rows.size() == 2);
  CHECK(tables[2].rows[1][1].integer == 597);
  CHECK(tables[3].name == "二、趋势");
}

TEST_CASE("document_tables: a document without data gives no tables")
{
  Document doc;
  doc.stamp = {{"清单哈希", "abc"}};
  doc.sections.push_back({"empty", "空", {Note{"本期没有数据。"}}});
  CHECK(document_tables(doc).empty());
}
