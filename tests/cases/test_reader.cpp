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

TEST_CASE("cases: a misspelt name in a map file gets the closest right one")
{
  auto msg = [](const char* text) {
    try {
      parse_map("m.yaml", text);
    } catch (const UsageError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(msg("fields:\n  recieved_at: 来电时间\n") ==
        "m.yaml:2:3: unknown field \"recieved_at\"; did you mean \"received_at\"?");
  CHECK(msg("fields:\n  teritory: 街乡\n") == "m.yaml:2:3: unknown field \"teritory\"; did you mean \"territory\"?");
  CHECK(msg("values:\n  satisfation: {好: 满意}\n") ==
        "m.yaml:2:3: unknown field \"satisfation\" under values; did you mean \"satisfaction\"?");
  CHECK(msg("felds:\n  id: 编号\n") == "m.yaml:1:1: unknown key \"felds\"; did you mean \"fields\"?");
  CHECK(msg("time:\n  zon: UTC\n") == "m.yaml:2:3: unknown key \"zon\" under time; did you mean \"zone\"?");
  // Nothing close: where to look, or what is allowed.
  CHECK(msg("fields:\n  nosuch: 列\n") ==
        "m.yaml:2:3: unknown field \"nosuch\" (see duty-map(5) for the canonical names)");
  CHECK(msg("sheet: 1\n") ==
        "m.yaml:1:1: unknown key \"sheet\" (expected fields, dimensions, personal, values, time, encoding)");
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

namespace {

std::string
message_of(const std::string& text, ReaderOptions opt = {}, const std::string& name = "o.csv")
{
  try {
    read_rows(text, opt, name);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "no error";
}

// Everything a row can carry to the store, a message or a side file.
std::string
everything(const Row& r)
{
  std::string all = r.dims + r.extra + r.error + r.error_column + r.rejected;
  for (size_t i = 0; i < r.values.size(); ++i)
    if (r.has[i])
      all += r.values[i] + "|";
  return all;
}

} // namespace

TEST_CASE("cases: every personal column is hashed, not only the first for caller and phone")
{
  PiiHasher pii("personal-test-key-0123456789");
  ReaderOptions opt;
  opt.pii = &pii;
  auto rows = read_rows("工单编号,来电人,姓名,来电人电话,联系电话,身份证号,地址,手机号码,邮箱\n"
                        "A,张三,李四,13800138000,010-62345678,11010519491231002X,某村3号,"
                        "13912345678,a@b.cn\n",
                        opt);
  REQUIRE(rows.size() == 1);
  std::string all = everything(rows[0]);
  for (const char* raw : {"张三", "李四", "13800138000", "62345678", "11010519491231002X", "某村",
                          "13912345678", "a@b.cn"})
    CHECK_MESSAGE(all.find(raw) == std::string::npos, raw);
  CHECK(get(rows[0], "caller").starts_with("p:"));
  CHECK(get(rows[0], "phone").starts_with("p:"));
  CHECK(rows[0].extra.find("\"联系电话\":\"p:") != std::string::npos);
  CHECK(rows[0].extra.find("\"身份证号\":\"p:") != std::string::npos);
  // Without a key the personal values are dropped, all of them.
  auto dropped = read_rows("工单编号,来电人,联系电话,地址\nA,张三,010-62345678,某村3号\n");
  CHECK(everything(dropped[0]).find("张三") == std::string::npos);
  CHECK(everything(dropped[0]).find("某村") == std::string::npos);
  CHECK(dropped[0].extra.empty());
}

TEST_CASE("cases: a header known as personal stays personal when a map sends the field elsewhere")
{
  PiiHasher pii("personal-test-key-0123456789");
  MapSpec map = parse_map("m.yaml", "fields:\n  caller: 联系人\n  title: 来电人\n  phone: 备用\n");
  ReaderOptions opt;
  opt.map = &map;
  opt.pii = &pii;
  auto rows = read_rows("工单编号,联系人,来电人,备用,来电人电话\nA,王五,张三,139-1234-5678,13800138000\n",
                        opt);
  REQUIRE(rows.size() == 1);
  std::string all = everything(rows[0]);
  for (const char* raw : {"王五", "张三", "1234", "13800138000"})
    CHECK_MESSAGE(all.find(raw) == std::string::npos, raw);
  CHECK(get(rows[0], "title").starts_with("p:"));
}

TEST_CASE("cases: unmapped columns holding phone or ID numbers are flagged and hashed")
{
  PiiHasher pii("personal-test-key-0123456789");
  ReaderOptions opt;
  opt.pii = &pii;
  test::TempFile f("o.csv", "工单编号,备用,证号,说明\nA,13800138000,110105194912310021,好\n"
                            "B,无,,\nC,(212) 555-0100,,x\n");
  CaseReader r(f.path, opt);
  Row row;
  std::string all;
  while (r.next(row))
    all += everything(row);
  CHECK(all.find("13800138000") == std::string::npos);
  CHECK(all.find("110105194912310021") == std::string::npos);
  CHECK(all.find("555-0100") == std::string::npos);
  CHECK(all.find("\"备用\":\"无\"") != std::string::npos); // no number: ordinary text
  CHECK(r.flagged().at("备用") == 2);
  CHECK(r.flagged().at("证号") == 1);
  CHECK(!r.flagged().contains("说明"));
}

TEST_CASE("cases: phones without digits are no phone")
{
  PiiHasher pii("personal-test-key-0123456789");
  ReaderOptions opt;
  opt.pii = &pii;
  auto rows = read_rows("工单编号,来电人电话\nA,无\nB,不详\nC,13800138000\n", opt);
  CHECK(get(rows[0], "phone") == "<null>");
  CHECK(get(rows[1], "phone") == "<null>");
  CHECK(get(rows[2], "phone").starts_with("p:"));
}

TEST_CASE("cases: rows of the wrong width and their rejects hold no values at all")
{
  PiiHasher pii("personal-test-key-0123456789");
  ReaderOptions opt;
  opt.pii = &pii;
  test::TempFile f("o.csv", "工单编号,标题,来电人电话\nA,水管,13800138000\nB,13900001111,张三,多\n"
                            "C,2025-99-99,13700000000\n");
  CaseReader r(f.path, opt);
  Row row;
  std::vector<std::string> rejected;
  while (r.next(row))
    if (!row.ok())
      rejected.push_back(r.rejected_json(row));
  REQUIRE(rejected.size() == 1);
  CHECK(rejected[0].find("the row has 4 fields, the header 3") != std::string::npos);
  CHECK(rejected[0].find("13900001111") == std::string::npos);
  CHECK(rejected[0].find("张三") == std::string::npos);
  CHECK(rejected[0].find("\"row\"") == std::string::npos);
}

TEST_CASE("cases: a bad row's rejects line keeps non-personal fields only")
{
  PiiHasher pii("personal-test-key-0123456789");
  ReaderOptions opt;
  opt.pii = &pii;
  test::TempFile f("o.csv", "工单编号,来电时间,来电人,备注\nA,明天,张三,13800138000\n");
  CaseReader r(f.path, opt);
  Row row;
  REQUIRE(r.next(row));
  REQUIRE(!row.ok());
  std::string j = r.rejected_json(row);
  CHECK(j.find("\"工单编号\":\"A\"") != std::string::npos);
  CHECK(j.find("\"来电时间\":\"明天\"") != std::string::npos);
  CHECK(j.find("来电人") == std::string::npos);
  CHECK(j.find("张三") == std::string::npos);
  CHECK(j.find("13800138000") == std::string::npos);
  CHECK(j.find("p:") == std::string::npos);
}

TEST_CASE("cases: no message echoes a data row")
{
  // A headerless export: its first line is data, never shown as "the header".
  std::string msg = message_of("张三,13800138000,北京市某区某路1号,2025-03-01\n李四,1,2,3\n");
  CHECK(msg.find("no column for id") != std::string::npos);
  CHECK(msg.find("张三") == std::string::npos);
  CHECK(msg.find("13800138000") == std::string::npos);
  CHECK(msg.find("某路") == std::string::npos);
  // A value that looks like a phone is not echoed in a typing error either.
  auto rows = read_rows("工单编号,来电时间\nA,13800138000\n");
  CHECK(rows[0].error.find("13800138000") == std::string::npos);
  CHECK(rows[0].error.find("(a personal value)") != std::string::npos);
}

TEST_CASE("cases: a map naming a header the file lacks is an error with did-you-mean")
{
  MapSpec map = parse_map("m.yaml", "fields:\n  id: Unique Key\n  territory: Borugh\n");
  ReaderOptions opt;
  opt.map = &map;
  std::string msg = message_of("Unique Key,Borough\n1,QUEENS\n", opt);
  CHECK(msg.find("m.yaml:3:14: the header \"Borugh\" is not a column of") != std::string::npos);
  CHECK(msg.find("did you mean \"Borough\"") != std::string::npos);
  MapSpec dims = parse_map("m.yaml", "dimensions:\n  土地性质: land\n");
  opt.map = &dims;
  CHECK(message_of("工单编号\n1\n", opt).find("the dimension header \"土地性质\"") != std::string::npos);
  // JSON Lines: known at the end, when no line had the key.
  opt.map = &map;
  msg = message_of("{\"Unique Key\":\"1\",\"Borough\":\"Q\"}\n", opt, "o.jsonl");
  CHECK(msg.find("is not a key of any line of") != std::string::npos);
}

TEST_CASE("cases: maps translate values: events, statuses, answers; * catches the rest")
{
  MapSpec map = parse_map("m.yaml",
                          "fields:\n  id: case\n  at: ts\n  event: activity\n"
                          "values:\n  event:\n    Confirmation of receipt: 受理\n"
                          "    T02 Check confirmation of receipt: 签收\n    \"*\": 回复\n");
  ReaderOptions opt;
  opt.kind = Kind::events;
  opt.map = &map;
  auto rows = read_rows("case,ts,activity\nc1,2011-10-11 13:45:40.276000+02:00,Confirmation of receipt\n"
                        "c1,2011-10-12 08:26:25+02:00,T02 Check confirmation of receipt\n"
                        "c1,2011-10-13 08:00:00+02:00,T06 Determine necessity of stop advice\n",
                        opt);
  REQUIRE(rows.size() == 3);
  CHECK(get(rows[0], "event", Kind::events) == "受理");
  CHECK(get(rows[0], "at", Kind::events) == "2011-10-11 19:45:40");
  CHECK(get(rows[1], "event", Kind::events) == "签收");
  CHECK(get(rows[2], "event", Kind::events) == "回复");
  MapSpec orders = parse_map("m.yaml", "values:\n  satisfaction: {Very good: 满意, OK: 基本满意}\n"
                                       "  status: {Closed: 已办结}\n  contacted: {Yes: 是}\n");
  ReaderOptions o;
  o.map = &orders;
  rows = read_rows("id,satisfaction,status,contacted\n1,very good,Closed,YES\n2,OK,Open,N\n", o);
  CHECK(get(rows[0], "satisfaction") == "satisfied");
  CHECK(get(rows[0], "status") == "已办结");
  CHECK(get(rows[0], "contacted") == "1");
  CHECK(rows[0].anomalies.size() == 1); // 已办结 without a close time: the translation counts
  CHECK(get(rows[1], "satisfaction") == "basic");
  CHECK(get(rows[1], "status") == "Open");
  // A translation to a value duty cannot read is a map error.
  CHECK_THROWS_AS(parse_map("m.yaml", "values:\n  event: {x: 摸鱼}\n"), UsageError);
  CHECK_THROWS_AS(parse_map("m.yaml", "values:\n  received_at: {x: y}\n"), UsageError);
}

TEST_CASE("cases: free text is kept byte for byte; typed fields are trimmed")
{
  auto rows = read_rows("工单编号,标题,主要内容,主办单位,来电时间,别的\n"
                        " A1 ,  标题  ,\" 第一行\n 第二行 \",  区城管委  , 2025-03-01 08:00 ,  x  \n");
  REQUIRE(rows.size() == 1);
  CHECK(get(rows[0], "id") == "A1");
  CHECK(get(rows[0], "title") == "  标题  ");
  CHECK(get(rows[0], "content") == " 第一行\n 第二行 ");
  CHECK(get(rows[0], "unit") == "区城管委");
  CHECK(get(rows[0], "received_at") == "2025-03-01 08:00:00");
  CHECK(rows[0].extra == R"({"别的":"  x  "})");
}

TEST_CASE("cases: a broken header is an error, not zero rows")
{
  CHECK(message_of("工单编号,\"标题\nA,b\nB,c\n").find("the header is broken") != std::string::npos);
  CHECK(message_of("工单编号,\"标题\nA\",b\nB,c\n").find("the header runs over 2 lines")
        != std::string::npos);
}

TEST_CASE("cases: NUL bytes are never stored in ids")
{
  auto rows = read_rows(std::string("工单编号,标题\nA\0B,x\nC,y\n", 30));
  REQUIRE(rows.size() == 2);
  CHECK(!rows[0].ok());
  CHECK(rows[0].error_column == "工单编号");
  CHECK(rows[0].error_line == 2);
  CHECK(rows[0].error_col == 2);
  CHECK(rows[1].ok());
}

TEST_CASE("cases: a JSON Lines key that looks like a phone number is not kept as a key")
{
  PiiHasher pii("personal-test-key-0123456789");
  ReaderOptions opt;
  opt.pii = &pii;
  auto rows = read_rows("{\"工单编号\":\"A\",\"13800138000\":\"x\"}\n", opt, "o.jsonl");
  REQUIRE(rows.size() == 1);
  CHECK(everything(rows[0]).find("13800138000") == std::string::npos);
  CHECK(rows[0].extra == R"({"column 2":"x"})");
}
