// Tests for cases/reader and cases/mapfile: header aliases, the map file,
// typed values, personal data, anomalies, bad rows.
#include "cases/mapfile.hpp"
#include "cases/reader.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include "temp_file.hpp"

#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

using namespace duty;
using namespace duty::cases;

namespace {

using test::TempFile;

std::vector<Row>
read_rows(const std::string& text, ReaderOptions opt = {}, const std::string& name = "o.csv")
{
  TempFile f(name, text);
  CaseReader r(f.path, opt);
  std::vector<Row> rows;
  Row row;
  while (r.next(row))
    rows.push_back(row);
  return rows;
}

std::string
get(const Row& r, const char* field, Kind kind = Kind::orders)
{
  size_t i = *field_index(kind, field);
  return r.has[i] ? r.values[i] : "<null>";
}

} // namespace

TEST_CASE("cases: Chinese export headers map to canonical fields")
{
  auto rows = read_rows("工单编号,问题分类,被反映街乡镇,承办单位,受理时间,是否有效回访,满意度,无名列\n"
                        "X1,城市管理->违法建设, 儒林街道 ,区城管委,2025/3/1 8:15,是,基本满意,v\n");
  REQUIRE(rows.size() == 1);
  const Row& r = rows[0];
  CHECK(r.ok());
  CHECK(get(r, "id") == "X1");
  CHECK(get(r, "category") == "城市管理->违法建设");
  CHECK(get(r, "territory") == "儒林街道");
  CHECK(get(r, "unit") == "区城管委");
  CHECK(get(r, "received_at") == "2025-03-01 08:15:00");
  CHECK(get(r, "visit_valid") == "1");
  CHECK(get(r, "satisfaction") == "basic");
  CHECK(get(r, "closed_at") == "<null>");
  CHECK(r.extra == R"({"无名列":"v"})");
}

TEST_CASE("cases: three category columns join into a path; missing levels are skipped")
{
  auto rows = read_rows("工单编号,一级分类,二级分类,三级分类\nA,城市管理,环境脏乱,\nB,,,\n");
  CHECK(get(rows[0], "category") == "城市管理->环境脏乱");
  CHECK(get(rows[1], "category") == "<null>");
}

TEST_CASE("cases: a map renames fields, adds dimensions, marks personal columns, sets the time")
{
  MapSpec map = parse_map("m.yaml", "fields:\n  id: 案件号\n  received_at: 上报\n"
                                    "dimensions:\n  土地性质: land\n"
                                    "personal: [住址]\n"
                                    "time:\n  format: \"%d.%m.%Y %H:%M\"\n  zone: UTC\n");
  PiiHasher pii("map-test-key-0123456789");
  ReaderOptions opt;
  opt.map = &map;
  opt.pii = &pii;
  auto rows = read_rows("案件号,上报,土地性质,住址,来电人\nM1,01.03.2025 00:15,集体土地,某村3号,张三\n",
                        opt);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].ok());
  CHECK(get(rows[0], "id") == "M1");
  CHECK(get(rows[0], "received_at") == "2025-03-01 08:15:00");
  CHECK(rows[0].dims == R"({"land":"集体土地"})");
  CHECK(rows[0].extra.find("某村") == std::string::npos);
  CHECK(rows[0].extra.find("\"住址\":\"p:") != std::string::npos);
  CHECK(get(rows[0], "caller").starts_with("p:"));
}

TEST_CASE("cases: map file errors are located")
{
  auto msg = [](const char* text) {
    try {
      parse_map("m.yaml", text);
    } catch (const UsageError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(msg("fields:\n  nosuch: 列\n") .find("m.yaml:2:3: unknown field \"nosuch\"") == 0);
  CHECK(msg("time:\n  zone: Mars/Base\n").find("m.yaml:2:9: unknown zone") == 0);
  CHECK(msg("colums: {}\n").find("m.yaml:1:1: unknown key \"colums\"") == 0);
  CHECK(msg("fields: [a]\n").find("m.yaml:1:9: fields:") == 0);
  CHECK(msg("fields: {id: [x]}\n").find("m.yaml:1:14: a header must be a string") == 0);
}

TEST_CASE("cases: bad values make bad rows naming the column; good rows go on")
{
  auto rows = read_rows("工单编号,来电时间,是否联系,是否解决\nA,2025-02-30,是,解决\nB,2025-03-01,也许,解决\n"
                        "C,2025-03-01,是,一半\n,2025-03-01,是,解决\nE,2025-03-01,N,未解决\n");
  REQUIRE(rows.size() == 5);
  CHECK(rows[0].error_column == "来电时间");
  CHECK(rows[1].error_column == "是否联系");
  CHECK(rows[2].error_column == "是否解决");
  CHECK(rows[3].error_column == "工单编号");
  CHECK(rows[4].ok());
  CHECK(get(rows[4], "contacted") == "0");
  CHECK(get(rows[4], "resolved") == "no");
}

TEST_CASE("cases: anomalies are flagged, not errors")
{
  auto rows = read_rows("工单编号,工单状态,来电时间,办结时间\nA,已办结,2025-03-02,2025-03-01\n"
                        "B,已办结,2025-03-02,\nC,处理中,2025-03-02,\n");
  REQUIRE(rows.size() == 3);
  REQUIRE(rows[0].anomalies.size() == 1);
  CHECK(rows[0].anomalies[0].kind == "closed-before-received");
  REQUIRE(rows[1].anomalies.size() == 1);
  CHECK(rows[1].anomalies[0].kind == "closed-without-time");
  CHECK(rows[2].anomalies.empty());
}

TEST_CASE("cases: a header without an id column is refused")
{
  CHECK_THROWS_AS(read_rows("标题,内容\na,b\n"), InputError);
  ReaderOptions ev;
  ev.kind = Kind::events;
  CHECK_THROWS_AS(read_rows("工单编号,时间\na,2025-03-01\n", ev), InputError);
}

TEST_CASE("cases: events: names, whistle types, personal values dropped without a key")
{
  ReaderOptions ev;
  ev.kind = Kind::events;
  auto rows = read_rows("工单编号,时间,事件,单位,哨类型\nA,2025-03-01 09:00,whistle,街道,攻坚\n"
                        "A,2025-03-01 09:10,退单,局,\nA,2025-03-01 09:20,摸鱼,局,\n",
                        ev);
  REQUIRE(rows.size() == 3);
  CHECK(get(rows[0], "event", Kind::events) == "吹哨");
  CHECK(get(rows[0], "whistle", Kind::events) == "攻坚哨");
  CHECK(get(rows[1], "event", Kind::events) == "退单");
  CHECK(rows[2].error_column == "事件");

  auto orders = read_rows("工单编号,来电人,来电人电话\nA,张三,138\n");
  CHECK(get(orders[0], "caller") == "<null>");
  CHECK(get(orders[0], "phone") == "<null>");
  ReaderOptions keep;
  keep.keep_personal = true;
  orders = read_rows("工单编号,来电人,来电人电话\nA,张三,138\n", keep);
  CHECK(get(orders[0], "caller") == "张三");
}
