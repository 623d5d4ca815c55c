// Tests for the rates report as tables and as a workbook: the cells hold the
// values as shown (the nearest doubles to them), rates are percent cells, the
// 合计 row is the footer, provenance is in the meta; written and read back,
// the numbers are the shown decimals.
#include "lists/load.hpp"
#include "lists/profile.hpp"
#include "output/rates_table.hpp"
#include "output/xlsx.hpp"
#include "rates/report.hpp"
#include "xlsx/book.hpp"

#include <doctest/doctest.h>

#include <deque>
#include <filesystem>
#include <string>

using namespace duty;
using namespace duty::rates;

namespace {

lists::Profile
profile(const std::string& extra)
{
  lists::LoadResult r;
  lists::load_text(r, "p.yaml",
                   "kind: profile\nitems:\n  - id: t\n"
                   "    weights: {response: 0.1, resolution: 0.5, satisfaction: 0.4}\n" +
                     extra);
  REQUIRE(r.diags.empty());
  REQUIRE(r.set.profiles.size() == 1);
  return r.set.profiles[0];
}

struct Orders
{
  std::deque<std::string> text;
  std::vector<Order> all;
  void
  add(std::string unit, bool contacted, Resolved resolved, Satisfaction s)
  {
    Order o;
    o.unit = text.emplace_back(std::move(unit));
    o.id = text.emplace_back("id" + std::to_string(text.size()));
    o.closed = *parse_stamp("2025-03-10 10:00:00");
    o.received = o.closed - 86400;
    o.visit_valid = Tri::yes;
    o.contacted = contacted ? Tri::yes : Tri::no;
    o.resolved = resolved;
    o.satisfaction = s;
    all.push_back(o);
  }
};

Report
report(const lists::Profile& p)
{
  Orders m;
  m.add("甲", true, Resolved::yes, Satisfaction::satisfied);
  m.add("甲", true, Resolved::partly, Satisfaction::basic);
  m.add("甲", false, Resolved::no, Satisfaction::unsatisfied);
  m.add("乙", true, Resolved::yes, Satisfaction::satisfied);
  Attributor attr(p, nullptr, By::unit);
  Tally t(p, attr, nullptr);
  for (const auto& o : m.all)
    t.add(o);
  return build_report(p, t.totals(), {});
}

struct TempDir
{
  std::string path;
  TempDir()
  {
    path = std::filesystem::temp_directory_path() / "duty-rates-xlsx-XXXXXX";
    ::mkdtemp(path.data());
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

} // namespace

TEST_SUITE_BEGIN("output");

TEST_CASE("rates tables: counts, percent cells and scores as shown, 合计 as the footer")
{
  auto p = profile("");
  output::RatesSource src{"built-in test", std::string(64, 'a'), ""};
  auto tables = output::rates_tables(report(p), p, src, output::Lang::zh);
  REQUIRE(tables.size() == 1);
  const auto& t = tables[0];
  CHECK(t.name == "2025-03");
  REQUIRE(t.rows.size() == 3);
  CHECK(t.footer == 1);
  const auto& jia = t.rows[1]; // 乙 (100) ranks first
  CHECK(jia[1].text == "甲");
  CHECK(jia[2].integer == 3);
  // 2/3 → 66.67%: the cell holds 0.6667 exactly as a literal would, marked a percent.
  CHECK(jia[8].kind == output::Cell::Kind::decimal);
  CHECK(jia[8].percent);
  CHECK(jia[8].text == "66.67");
  CHECK(jia[8].real == 0.6667);
  CHECK(jia[9].real == 0.3333);
  CHECK(jia[10].real == 0.6333); // (1 + 0.9) / 3
  CHECK(jia[11].text == "48.7");
  CHECK(jia[11].real == 48.7); // not 48.699999999999996
  CHECK_FALSE(jia[11].percent);
  const auto& total = t.rows[2];
  CHECK(total[1].text == "合计");
  CHECK(total[0].kind == output::Cell::Kind::null);
  CHECK(total[2].integer == 4);
  bool lists = false, prof = false;
  for (const auto& [k, v] : t.meta) {
    lists |= k == "lists" && v == src.lists;
    prof |= k == "profile" && v == "t (built-in test)";
  }
  CHECK(lists);
  CHECK(prof);
}

TEST_CASE("rates tables: one decimal of a percent when the profile says so")
{
  auto p = profile("    rate_decimals: 1\n    decimals: 2\n");
  auto t = output::rates_tables(report(p), p, {"x", "", ""}, output::Lang::en)[0];
  CHECK(t.columns[8].header == "response");
  CHECK(t.rows[1][8].text == "66.7");
  CHECK(t.rows[1][8].real == 0.667);
  CHECK(t.rows[1][11].text == "48.67");
  CHECK(t.rows[1][11].real == 48.67);
}

TEST_CASE("rates as a workbook: read back, the numbers are the shown decimals")
{
  auto p = profile("");
  TempDir dir;
  std::string path = dir.path + "/r.xlsx";
  output::write_xlsx(output::rates_tables(report(p), p, {"built-in test", "", ""}, output::Lang::zh), path);
  auto book = xlsx::open_book(path, "r.xlsx");
  REQUIRE(book->sheets().size() == 2);
  CHECK(book->sheets()[0].name == "2025-03");
  CHECK(book->sheets()[1].name == "说明 about");
  auto s = book->open_sheet(0);
  xlsx::SheetRow row;
  std::vector<std::vector<std::string>> got;
  while (s->next(row)) {
    std::vector<std::string> cells(12);
    for (const auto& c : row)
      if (c.col < 12)
        cells[c.col] = (c.type == xlsx::CellType::number ? "n:" : "t:") + c.text;
    got.push_back(cells);
  }
  REQUIRE(got.size() == 4);
  CHECK(got[0][8] == "t:响应率");
  CHECK(got[2][1] == "t:甲");
  CHECK(got[2][2] == "n:3");
  CHECK(got[2][8] == "n:0.6667");
  CHECK(got[2][10] == "n:0.6333");
  CHECK(got[2][11] == "n:48.7");
  CHECK(got[3][0] == "");
  CHECK(got[3][1] == "t:合计");
  CHECK(got[3][2] == "n:4");
}
