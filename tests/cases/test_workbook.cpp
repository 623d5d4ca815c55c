// Tests for cases/workbook_source: workbooks read as case logs — the header
// row found below titles and notes, merged two-row headers, hidden columns,
// sheet choice, date cells as times, errors located by sheet and cell.
#include "cases/reader.hpp"
#include "temp_file.hpp"
#include "util/error.hpp"
#include "util/sha256.hpp"
#include "xlsx/package.hpp"
#include "xlsx/writer.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace duty;
using namespace duty::cases;
using test::cell;
using test::Package;
using test::row;
using test::TempFile;

namespace {

using Table = std::vector<std::vector<std::string>>;

// A workbook written by our own writer: `title` rows above the header, times as date cells.
std::string
workbook(const Table& rows, int title_rows, bool xls = false, const std::string& sheet = "工单")
{
  TempFile f(xls ? "w.xls" : "w.xlsx", "");
  auto w = xls ? xlsx::create_xls(f.path) : xlsx::create_xlsx(f.path);
  w->add_sheet("说明");
  w->text(0, 0, "本工作簿由平台导出");
  w->add_sheet(sheet);
  if (title_rows > 0)
    w->merged_text(0, 0, 3, "12345热线工单明细", xlsx::Style::strong(14));
  if (title_rows > 1)
    w->text(uint32_t(title_rows - 1), 0, "筛选条件：全部");
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < rows[r].size(); ++c) {
      uint32_t at = uint32_t(size_t(title_rows) + r);
      const std::string& v = rows[r][c];
      if (v.empty())
        continue;
      if (auto serial = r > 0 ? xlsx::text_serial(v) : std::nullopt)
        w->number(at, uint32_t(c), *serial, xlsx::Style::format(xlsx::kDateTimeFormat));
      else
        w->text(at, uint32_t(c), v);
    }
  w->close();
  std::ifstream in(f.path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Read
{
  std::vector<Row> rows;
  std::vector<std::string> where; // per row: where() of its error, if any
  std::string name;
  Format format = Format::csv;
};

Read
read(const std::string& bytes, const std::string& file, ReaderOptions opt = {})
{
  TempFile f(file, bytes);
  CaseReader r(f.path, opt);
  Read out;
  out.format = r.format();
  out.name = r.path().substr(r.path().rfind('/') + 1);
  Row row;
  while (r.next(row)) {
    out.rows.push_back(row);
    std::string w = row.ok() ? "" : r.locate(row);
    out.where.push_back(w.substr(w.rfind('/') + 1));
  }
  return out;
}

std::string
get(const Row& r, const char* field, Kind kind = Kind::orders)
{
  size_t i = *field_index(kind, field);
  return r.has[i] ? r.values[i] : "(null)";
}

const Table kOrders = {
    {"工单编号", "来电时间", "主办单位", "是否满意", "办结时间"},
    {"2025030100001", "2025-03-01 08:15:00", "区城市管理委", "满意", "2025-03-03 17:00:00"},
    {"2025030100002", "2025-03-01 09:00:00", "区水务局", "很好", ""},
    {"", "2025-03-01 10:00:00", "区水务局", "满意", ""},
};

} // namespace

TEST_CASE("cases: workbook: the header is found below a title and a note, in the right sheet")
{
  for (bool xls : {false, true}) {
    CAPTURE(xls);
    Read r = read(workbook(kOrders, 2, xls), xls ? "工单.xls" : "工单.xlsx");
    CHECK(r.format == (xls ? Format::xls : Format::xlsx));
    CHECK(r.name == std::string(xls ? "工单.xls" : "工单.xlsx") + "[工单]");
    REQUIRE(r.rows.size() == 3);
    CHECK(r.rows[0].line == 4);
    CHECK(get(r.rows[0], "id") == "2025030100001");
    CHECK(get(r.rows[0], "received_at") == "2025-03-01 08:15:00");
    CHECK(get(r.rows[0], "closed_at") == "2025-03-03 17:00:00");
    CHECK(get(r.rows[0], "satisfaction") == "satisfied");
    CHECK(get(r.rows[1], "closed_at") == "(null)");
    CHECK_FALSE(r.rows[1].ok());
    CHECK(r.where[1] == std::string(xls ? "工单.xls" : "工单.xlsx") + "[工单]!D5");
    CHECK(r.rows[1].error_column == "是否满意");
    CHECK(r.where[2] == std::string(xls ? "工单.xls" : "工单.xlsx") + "[工单]!A6");
  }
}

TEST_CASE("cases: workbook: --sheet by name or number; a sheet that is not there")
{
  std::string book = workbook(kOrders, 0);
  ReaderOptions opt;
  opt.sheet = "2";
  CHECK(read(book, "w.xlsx", opt).rows.size() == 3);
  opt.sheet = "工单";
  CHECK(read(book, "w.xlsx", opt).rows.size() == 3);
  opt.sheet = "月报";
  CHECK_THROWS_WITH_AS(read(book, "w.xlsx", opt),
                       doctest::Contains("no sheet \"月报\" (the sheets are 1 \"说明\", 2 \"工单\")"),
                       UsageError);
  opt.sheet = "1";
  CHECK_THROWS_WITH_AS(read(book, "w.xlsx", opt),
                       doctest::Contains("no header row with a column for id (工单编号) in the "
                                         "first 50 rows of the sheet (sheet \"说明\" row 1 has "
                                         "\"本工作簿由平台导出\")"),
                       InputError);
}

TEST_CASE("cases: workbook: no sheet with a header")
{
  Table t = {{"序号", "内容"}, {"1", "x"}};
  CHECK_THROWS_WITH_AS(read(workbook(t, 1), "w.xlsx"),
                       doctest::Contains("w.xlsx: no header row with a column for id (工单编号) in "
                                         "the first 50 rows of any visible sheet (sheet \"说明\" "
                                         "row 1 has \"本工作簿由平台导出\"; sheet \"工单\" row 1 "
                                         "has \"12345热线工单明细\"); pick the sheet with --sheet"),
                       InputError);
}

TEST_CASE("cases: workbook: a header merged over two rows")
{
  // 工单编号 and 来电时间 merged down over rows 2-3; 问题分类 merged across C2:E2
  // above 一级/二级/三级; 来电人信息 above 姓名/电话.
  Package p;
  p.strings({"工单编号", "来电时间", "问题分类", "一级", "二级", "三级", "来电人信息", "姓名", "电话",
             "城市管理", "违法建设", "疑似违建", "2025030100001", "张三", "13800000000", "12345工单"});
  p.styles({0, 22});
  p.sheet(1, row(1, {cell("A1", "15", "s")}) +
                 row(2, {cell("A2", "0", "s"), cell("B2", "1", "s"), cell("C2", "2", "s"),
                         cell("F2", "6", "s")}) +
                 row(3, {cell("C3", "3", "s"), cell("D3", "4", "s"), cell("E3", "5", "s"),
                         cell("F3", "7", "s"), cell("G3", "8", "s")}) +
                 row(4, {cell("A4", "12", "s"), cell("B4", "45717.34375", "", 1), cell("C4", "9", "s"),
                         cell("D4", "10", "s"), cell("E4", "11", "s"), cell("F4", "13", "s"),
                         cell("G4", "14", "s")}));
  Read r = read(p.zip(), "m.xlsx");
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0].line == 4);
  CHECK(get(r.rows[0], "id") == "2025030100001");
  CHECK(get(r.rows[0], "received_at") == "2025-03-01 08:15:00");
  CHECK(get(r.rows[0], "category") == "城市管理->违法建设->疑似违建");
  // Personal values: dropped without a key, never kept raw.
  CHECK(get(r.rows[0], "caller") == "(null)");
  CHECK(get(r.rows[0], "phone") == "(null)");
  CHECK(r.rows[0].extra.find("张三") == std::string::npos);
}

TEST_CASE("cases: workbook: a hidden duplicate column never wins over the visible one")
{
  Package p;
  p.strings({"工单编号", "主办单位", "内部编号", "区水务局", "A-1", "X-9"});
  std::string cols = "<cols><col min=\"1\" max=\"1\" hidden=\"1\"/></cols>";
  // A is a hidden 工单编号 holding internal ids; C is the visible one.
  p.sheet(1,
          row(1, {cell("A1", "0", "s"), cell("B1", "1", "s"), cell("C1", "0", "s")}) +
              row(2, {cell("A2", "5", "s"), cell("B2", "3", "s"), cell("C2", "4", "s")}) +
              row(3, {cell("A3", "5", "s"), cell("B3", "3", "s")}),
          cols);
  Read r = read(p.zip(), "h.xlsx");
  REQUIRE(r.rows.size() == 2);
  CHECK(get(r.rows[0], "id") == "A-1");
  CHECK(get(r.rows[0], "unit") == "区水务局");
  CHECK(r.rows[0].extra == "{\"工单编号\":\"X-9\"}");
  CHECK_FALSE(r.rows[1].ok());
  CHECK(r.where[1] == "h.xlsx[Sheet1]!C3"); // the visible column's letter
}

TEST_CASE("cases: workbook: trailing empty rows, values beyond the header, header line breaks")
{
  Package p;
  p.strings({"工单\n编号", "主办单位", "x", "", "  "});
  p.sheet(1, row(1, {cell("A1", "0", "s"), cell("B1", "1", "s")}) +
                 row(2, {cell("A2", "1"), cell("B2", "2", "s"), cell("D2", "备注", "inlineStr")}) +
                 row(3, {cell("A3", "3", "s"), cell("B3", "4", "s")}) + row(4, {"<c r=\"A4\" s=\"0\"/>"}) +
                 row(1000, {cell("C1000", "", "inlineStr")}));
  Read r = read(p.zip(), "t.xlsx");
  REQUIRE(r.rows.size() == 1);
  CHECK(get(r.rows[0], "id") == "1");
  CHECK(get(r.rows[0], "unit") == "x");
  CHECK(r.rows[0].extra == "{\"column D\":\"备注\"}");
}

TEST_CASE("cases: workbook: events, and a map naming the columns")
{
  Table events = {{"工单编号", "时间", "事件", "单位"},
                  {"2025030100001", "2025-03-01 08:20:00", "派单", "区水务局"}};
  ReaderOptions opt;
  opt.kind = Kind::events;
  Read r = read(workbook(events, 1), "e.xlsx", opt);
  REQUIRE(r.rows.size() == 1);
  CHECK(get(r.rows[0], "at", Kind::events) == "2025-03-01 08:20:00");

  Table odd = {{"单号", "受理日期"}, {"A-1", "2025-03-01 08:00:00"}};
  MapSpec map;
  map.fields = {{"id", "单号", {}}, {"received_at", "受理日期", {}}};
  ReaderOptions mopt;
  mopt.map = &map;
  Read m = read(workbook(odd, 1), "o.xlsx", mopt);
  REQUIRE(m.rows.size() == 1);
  CHECK(get(m.rows[0], "id") == "A-1");
  CHECK(get(m.rows[0], "received_at") == "2025-03-01 08:00:00");
}

TEST_CASE("cases: workbook: the content hash is the file's")
{
  std::string book = workbook(kOrders, 0);
  TempFile f("w.xlsx", book);
  CaseReader r(f.path, {});
  Row row;
  while (r.next(row)) {
  }
  CHECK(r.content_hash() == util::sha256_hex(book));
}
