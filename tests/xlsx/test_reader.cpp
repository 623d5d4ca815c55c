// Tests for the .xlsx reader: strings of every kind, numbers, booleans, date
// cells by their format and the 1904 flag, positional cells, hidden columns,
// prefixed names, and the package's structure.
#include "util/error.hpp"
#include "xlsx/book.hpp"
#include "xlsx/package.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace duty;
using namespace duty::xlsx;
using test::cell;
using test::Package;
using test::row;

namespace {

// "A1=text" per cell, one string per row ("#3: A3=x B3=y").
std::vector<std::string>
rows_of(const std::string& bytes, size_t sheet = 0)
{
  auto book = open_xlsx_memory(bytes, "t.xlsx");
  auto s = book->open_sheet(sheet);
  std::vector<std::string> out;
  SheetRow r;
  while (s->next(r)) {
    std::string line = "#" + std::to_string(r.number) + ":";
    for (const auto& c : r)
      line += " " + cell_name(c.col, r.number) + "=" + c.text;
    out.push_back(line);
  }
  return out;
}

std::string
error_of(const std::string& bytes, size_t sheet = 0)
{
  try {
    rows_of(bytes, sheet);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

} // namespace

TEST_CASE("xlsx: shared, rich, phonetic, inline and formula strings")
{
  Package p;
  p.strings({"工单编号", "<r><t>来电</t></r><r><rPr><b/></rPr><t>时间</t></r>",
             "<t>北京</t><rPh sb=\"0\" eb=\"2\"><t>ペキン</t></rPh>", "a_x000D_b"});
  p.sheet(
      1,
      row(1, {cell("A1", "0", "s"), cell("B1", "1", "s"), cell("C1", "2", "s"), cell("D1", "3", "s")}) +
          row(2, {cell("A2", "内联 text", "inlineStr"), "<c r=\"B2\" t=\"str\"><f>A2</f><v>公式</v></c>"}));
  auto rows = rows_of(p.zip());
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == "#1: A1=工单编号 B1=来电时间 C1=北京 D1=a\rb");
  CHECK(rows[1] == "#2: A2=内联 text B2=公式");
}

TEST_CASE("xlsx: numbers, booleans, errors and ISO dates")
{
  Package p;
  p.sheet(1, row(1, {cell("A1", "2025030100001"), cell("B1", "1.5E+3"), cell("C1", "1", "b"),
                     cell("D1", "#N/A", "e"), cell("E1", "2025-03-01T08:15:00", "d"), cell("F1", " 7 ")}));
  CHECK(rows_of(p.zip())[0] == "#1: A1=2025030100001 B1=1500 C1=TRUE D1=#N/A E1=2025-03-01 08:15:00 F1=7");
}

TEST_CASE("xlsx: date cells by built-in and custom formats; plain numbers stay numbers")
{
  Package p;
  p.styles({0, 14, 22, 176, 177, 31, 10}, {{176, "yyyy\\-mm\\-dd\\ hh:mm:ss"}, {177, "0.0"}});
  p.sheet(1, row(1, {cell("A1", "45717.34375", "", 0), cell("B1", "45717", "", 1),
                     cell("C1", "45717.34375", "", 2), cell("D1", "45717.34375", "", 3),
                     cell("E1", "45717.34375", "", 4), cell("F1", "45717", "", 5), cell("G1", "0.985", "", 6),
                     cell("H1", "45717", "", 99)}));
  CHECK(rows_of(p.zip())[0] ==
        "#1: A1=45717.34375 B1=2025-03-01 C1=2025-03-01 08:15:00 D1=2025-03-01 08:15:00 "
        "E1=45717.34375 F1=2025-03-01 G1=0.985 H1=45717");
}

TEST_CASE("xlsx: the 1904 date system")
{
  Package p({"Sheet1"}, true);
  p.styles({0, 22});
  p.sheet(1, row(1, {cell("A1", "44255.34375", "", 1)}));
  CHECK(rows_of(p.zip())[0] == "#1: A1=2025-03-01 08:15:00");
}

TEST_CASE("xlsx: cells and rows without references, empty rows, empty cells")
{
  Package p;
  p.strings({"x", ""});
  p.sheet(1, "<row><c t=\"s\"><v>0</v></c><c><v>2</v></c><c r=\"E1\"><v>5</v></c><c><v>6</v></c></row>"
             "<row r=\"3\"><c r=\"A3\" s=\"0\"/><c r=\"B3\" t=\"s\"><v>1</v></c></row>"
             "<row/><row r=\"7\"><c r=\"C7\"><v>1</v></c></row>");
  auto rows = rows_of(p.zip());
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == "#1: A1=x B1=2 E1=5 F1=6");
  CHECK(rows[1] == "#7: C7=1");
}

TEST_CASE("xlsx: namespace prefixes, absolute targets, hidden columns and sheets")
{
  Package p({"说明", "工单明细", "图表"});
  std::string wb = p.parts["xl/workbook.xml"];
  std::string from = "<sheet name=\"说明\"";
  wb.replace(wb.find(from), from.size(), "<sheet state=\"hidden\" name=\"说明\"");
  p.parts["xl/workbook.xml"] = wb;
  std::string rels = p.parts["xl/_rels/workbook.xml.rels"];
  rels.replace(rels.find("worksheets/sheet2.xml"), 21, "/xl/worksheets/sheet2.xml");
  rels.replace(rels.find("/worksheet\" Target=\"worksheets/sheet3.xml"), 10, "/chartsheet");
  p.parts["xl/_rels/workbook.xml.rels"] = rels;
  p.parts["xl/worksheets/sheet2.xml"] =
      "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      "<x:cols><x:col min=\"2\" max=\"3\" width=\"0\" hidden=\"1\"/></x:cols><x:sheetData>"
      "<x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>a</x:t></x:is></x:c>"
      "<x:c r=\"B1\"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>";
  std::string bytes = p.zip();
  auto book = open_xlsx_memory(bytes, "t.xlsx");
  REQUIRE(book->sheets().size() == 3);
  CHECK(book->sheets()[0].hidden);
  CHECK(book->sheets()[1].worksheet);
  CHECK_FALSE(book->sheets()[2].worksheet);
  CHECK(book->where(1) == "t.xlsx[工单明细]");
  auto s = book->open_sheet(1);
  SheetRow r;
  REQUIRE(s->next(r));
  CHECK(r.size() == 2);
  CHECK(r[0].text == "a");
  CHECK_FALSE(s->column_hidden(0));
  CHECK(s->column_hidden(1));
  CHECK(s->column_hidden(2));
  CHECK_FALSE(s->column_hidden(3));
  CHECK_FALSE(s->next(r));
}

TEST_CASE("xlsx: what follows the sheet data is not read")
{
  Package p;
  p.sheet(1, row(1, {cell("A1", "1")}), "",
          "<mergeCells count=\"1\"><mergeCell ref=\"A1:B1\"/></mergeCells>");
  CHECK(rows_of(p.zip()).size() == 1);
}

TEST_CASE("xlsx: a workbook without shared strings or styles")
{
  Package p;
  p.parts["xl/sharedStrings.xml"] = "";
  p.parts["xl/styles.xml"] = "";
  std::string rels = p.parts["xl/_rels/workbook.xml.rels"];
  rels = rels.substr(0, rels.find("<Relationship Id=\"rIdS\"")) + "</Relationships>";
  p.parts["xl/_rels/workbook.xml.rels"] = rels;
  p.sheet(1, row(1, {cell("A1", "x", "inlineStr"), cell("B1", "45717")}));
  CHECK(rows_of(p.zip())[0] == "#1: A1=x B1=45717");
}

TEST_CASE("xlsx: structural errors name the file, the sheet and the cell")
{
  Package p({"Sheet1", "丢失"});
  p.strings({"a"});
  p.sheet(1, row(1, {cell("A1", "0", "s")}) + row(12, {cell("H12", "5", "s")}));
  p.parts["xl/worksheets/sheet2.xml"] = "";
  std::string bytes = p.zip();
  CHECK(error_of(bytes) == "t.xlsx[Sheet1]!H12: shared string \"5\" does not exist (the table holds 1)");
  CHECK(error_of(bytes, 1) ==
        "t.xlsx[丢失]: the workbook lists this sheet, but its part xl/worksheets/sheet2.xml is missing");

  Package q;
  q.sheet(1, row(3, {cell("C3", "abc")}));
  CHECK(error_of(q.zip()) == "t.xlsx[Sheet1]!C3: a number \"abc\" that is not a number");
  q.sheet(1, row(3, {cell("C3", "2", "b")}));
  CHECK(error_of(q.zip()) == "t.xlsx[Sheet1]!C3: a boolean \"2\" that is neither 0 nor 1");
  q.sheet(1, "<row r=\"2\"><c r=\"ZZZZ2\"><v>1</v></c></row>");
  CHECK(error_of(q.zip()).find("a cell reference \"ZZZZ2\" outside A1…XFD1048576") != std::string::npos);
  q.sheet(1, "<row r=\"0\"/>");
  CHECK(error_of(q.zip()).find("a row number \"0\" outside") != std::string::npos);
  q.sheet(1, "<row r=\"2\"><c r=\"A2\"><v>1</v></row>");
  CHECK(error_of(q.zip()).starts_with("t.xlsx[Sheet1] (xl/worksheets/sheet1.xml:1:"));
  CHECK(error_of(q.zip()).find("mismatched tag") != std::string::npos);
}
