// Hostile and broken workbooks: each gets a clear InputError, quickly and in
// bounded memory — zip bombs, parts that lie about their size, entity
// expansion, DTDs, corrupt and truncated zips, things that are not workbooks.
#include "cases/reader.hpp"
#include "temp_file.hpp"
#include "util/error.hpp"
#include "xlsx/book.hpp"
#include "xlsx/cfb.hpp"
#include "xlsx/package.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstring>
#include <string>

using namespace duty;
using namespace duty::xlsx;
using test::cell;
using test::Package;
using test::row;

namespace {

std::string
error_of(const std::string& bytes, const Limits& limits = {})
{
  try {
    auto book = open_xlsx_memory(bytes, "h.xlsx", limits);
    for (size_t i = 0; i < book->sheets().size(); ++i) {
      auto s = book->open_sheet(i);
      SheetRow r;
      while (s->next(r)) {
      }
    }
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

bool
has(const std::string& s, const char* what)
{
  return s.find(what) != std::string::npos;
}

// Patches the uncompressed size of `part` in the zip's local and central headers.
std::string
lie_about_size(std::string zip, const std::string& part, uint32_t size)
{
  for (const char* sig : {"PK\x03\x04", "PK\x01\x02"}) {
    size_t at = 0;
    while ((at = zip.find(sig, at)) != std::string::npos) {
      bool central = sig[2] == '\x01';
      size_t name_len_at = at + (central ? 28 : 26), name_at = at + (central ? 46 : 30);
      size_t n = uint8_t(zip[name_len_at]) | uint8_t(zip[name_len_at + 1]) << 8;
      if (zip.compare(name_at, n, part) == 0)
        std::memcpy(&zip[at + (central ? 24 : 22)], &size, 4);
      at += 4;
    }
  }
  return zip;
}

} // namespace

TEST_CASE("xlsx hostile: a zip bomb is refused by its ratio before it is inflated")
{
  Package p;
  // 64 MiB of one character inflates about 1000 times: far beyond real sheets.
  p.sheet(1, row(1, {cell("A1", std::string(64 << 20, 'x'), "inlineStr")}));
  std::string bytes = p.zip();
  CHECK(bytes.size() < (1 << 20));
  auto start = std::chrono::steady_clock::now();
  std::string e = error_of(bytes);
  CHECK(has(e, "h.xlsx: part xl/worksheets/sheet1.xml inflates"));
  CHECK(has(e, "refusing it as a zip bomb"));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  // And by size, whatever the ratio, when a limit says so.
  Limits small;
  small.max_part_bytes = 1 << 20;
  Package q;
  q.sheet(1, row(1, {cell("A1", std::string(2 << 20, 'y'), "inlineStr")}));
  CHECK(has(error_of(q.zip(true), small), "more than the limit of 1.0 MiB"));
}

TEST_CASE("xlsx hostile: a part that inflates beyond its declared size")
{
  Package p;
  p.sheet(1, row(1, {cell("A1", std::string(5000, 'x'), "inlineStr")}));
  std::string e = error_of(lie_about_size(p.zip(), "xl/worksheets/sheet1.xml", 100));
  CHECK((has(e, "beyond its declared size") || has(e, "is damaged")));
  CHECK(has(e, "h.xlsx"));
}

TEST_CASE("xlsx hostile: a cell longer than Excel allows, a huge row")
{
  Package p;
  p.sheet(1, row(1, {cell("A1", std::string(2 << 20, 'x'), "inlineStr")}));
  CHECK(has(error_of(p.zip()), "h.xlsx[Sheet1]!A1: a cell of more than 1048576 bytes"));
  Limits l;
  l.max_row_bytes = 1000;
  std::vector<std::string> cells;
  for (int c = 0; c < 20; ++c)
    cells.push_back(cell(cell_name(uint32_t(c), 1), std::string(100, 'z'), "inlineStr"));
  Package q;
  q.sheet(1, row(1, cells));
  CHECK(has(error_of(q.zip(), l), "a row of more than 1000 bytes"));
}

TEST_CASE("xlsx hostile: entity expansion and DTDs are refused")
{
  std::string laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                       "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                       "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
                       "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                       "<si><t>&lol3;</t></si></sst>";
  Package p;
  p.parts["xl/sharedStrings.xml"] = laughs;
  p.sheet(1, row(1, {cell("A1", "0", "s")}));
  std::string e = error_of(p.zip());
  CHECK(has(e, "h.xlsx (xl/sharedStrings.xml): a document type declaration (<!DOCTYPE>)"));

  Package q;
  q.parts["xl/workbook.xml"] = "<?xml version=\"1.0\"?><!DOCTYPE w SYSTEM \"http://example.com/x.dtd\">"
                               "<workbook/>";
  CHECK(has(error_of(q.zip()), "a document type declaration"));
  // An entity never declared is not expanded either.
  Package r;
  r.sheet(1, "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>");
  CHECK(has(error_of(r.zip()), "undefined entity"));
}

TEST_CASE("xlsx hostile: damaged and truncated zips, and zips that are not workbooks")
{
  Package p;
  p.sheet(1, row(1, {cell("A1", "1")}));
  std::string good = p.zip();
  CHECK(has(error_of(good.substr(0, good.size() / 2)), "h.xlsx: a damaged workbook"));
  CHECK(has(error_of("PK\x03\x04" + std::string(100, '\x01')), "h.xlsx: a damaged workbook"));
  std::string flipped = good;
  size_t body = flipped.find("xl/worksheets/sheet1.xml") + 30;
  flipped[body] = char(flipped[body] ^ 0x55);
  CHECK(error_of(flipped) != "no error");

  Package none;
  for (auto& [name, content] : none.parts)
    content = "";
  none.parts["readme.txt"] = "hello";
  CHECK(has(error_of(none.zip()), "a zip archive but not an Excel workbook"));
  Package ods;
  for (auto& [name, content] : ods.parts)
    content = "";
  ods.parts["mimetype"] = "application/vnd.oasis.opendocument.spreadsheet";
  ods.parts["content.xml"] = "<x/>";
  CHECK(has(error_of(ods.zip()), "an OpenDocument file (.ods)"));
}

TEST_CASE("xlsx hostile: sheets referenced but missing, workbooks without sheets")
{
  Package p({"A", "B"});
  std::string rels = p.parts["xl/_rels/workbook.xml.rels"];
  rels.replace(rels.find("rId2"), 4, "rIdX");
  p.parts["xl/_rels/workbook.xml.rels"] = rels;
  CHECK(has(error_of(p.zip()), "h.xlsx[B]: the workbook lists this sheet, but its part "
                               "(relationship \"rId2\") is not in the package"));
  Package q(std::vector<std::string>{});
  CHECK(has(error_of(q.zip()), "h.xlsx: the workbook has no sheets"));
  Package r;
  r.parts["xl/sharedStrings.xml"] = "";
  r.sheet(1, row(1, {cell("A1", "0", "s")}));
  CHECK(has(error_of(r.zip()), "names its shared strings xl/sharedStrings.xml but the part is missing"));
}

TEST_CASE("xls hostile: damaged compound files, a compound file without a workbook")
{
  auto open_file = [](const std::string& bytes) -> std::string {
    test::TempFile f("h.xls", bytes);
    try {
      auto book = open_book(f.path, "h.xls");
      auto s = book->open_sheet(0);
      SheetRow r;
      while (s->next(r)) {
      }
    } catch (const InputError& e) {
      return e.what();
    }
    return "no error";
  };
  std::string head("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  CHECK(has(open_file(head + std::string(600, '\0')), "h.xls: a damaged .xls workbook"));
  // What a password-protected .xlsx looks like: a compound file with other streams.
  CHECK(has(open_file(compound_file("EncryptedPackage", std::string(5000, 'e'))),
            "h.xls: a password-protected workbook"));
  CHECK(has(open_file(compound_file("WordDocument", std::string(5000, 'w'))), "no Excel workbook stream"));
  CHECK(has(open_file("<html><table><tr><td>工单编号</td></tr></table></html>"),
            "an HTML or XML table saved under a workbook's name"));
}

namespace {

void
put(std::string& s, size_t at, uint64_t v, int bytes)
{
  for (int i = 0; i < bytes; ++i)
    s[at + size_t(i)] = char((v >> (8 * i)) & 0xFF);
}

// BIFF8 records: a workbook whose `sheets` sheets each claim 65536 × 256 cells.
std::string
claiming_biff(int sheets)
{
  std::string s;
  auto rec = [&](uint16_t type, std::string data) {
    std::string r(4, '\0');
    put(r, 0, type, 2);
    put(r, 2, data.size(), 2);
    s += r + data;
  };
  std::string bof(16, '\0');
  put(bof, 0, 0x0600, 2);
  put(bof, 2, 0x0005, 2);
  rec(0x0809, bof);
  rec(0x000A, "");
  for (int i = 0; i < sheets; ++i) {
    put(bof, 2, 0x0010, 2);
    rec(0x0809, bof);
    std::string dim(14, '\0');
    put(dim, 4, 65536, 4);
    put(dim, 10, 256, 2);
    rec(0x0200, dim);
    rec(0x000A, "");
  }
  return s;
}

// A compound file whose one stream is small enough for the mini stream:
// sector 0 the FAT, 1 the directory, 2 the mini FAT, 3… the mini stream.
std::string
mini_compound(const std::string& name, const std::string& stream)
{
  size_t minis = (stream.size() + 63) / 64, container = (minis * 64 + 511) / 512;
  std::string f(512 * (4 + container), '\0');
  f.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  put(f, 0x18, 0x3E, 2);
  put(f, 0x1A, 3, 2);
  put(f, 0x1C, 0xFFFE, 2);
  put(f, 0x1E, 9, 2);
  put(f, 0x20, 6, 2);
  put(f, 0x2C, 1, 4);    // one FAT sector
  put(f, 0x30, 1, 4);    // directory at sector 1
  put(f, 0x38, 4096, 4); // mini stream cutoff
  put(f, 0x3C, 2, 4);    // mini FAT at sector 2
  put(f, 0x40, 1, 4);
  put(f, 0x44, 0xFFFFFFFE, 4);
  put(f, 0x4C, 0, 4);
  for (int i = 1; i < 109; ++i)
    put(f, 0x4C + 4 * size_t(i), 0xFFFFFFFF, 4);
  auto at = [](size_t sector) { return 512 * (sector + 1); };
  for (size_t k = 0; k < 128; ++k)
    put(f, at(0) + 4 * k, 0xFFFFFFFF, 4);
  put(f, at(0), 0xFFFFFFFD, 4);
  put(f, at(0) + 4, 0xFFFFFFFE, 4);
  put(f, at(0) + 8, 0xFFFFFFFE, 4);
  for (size_t c = 0; c < container; ++c)
    put(f, at(0) + 4 * (3 + c), c + 1 < container ? 4 + c : 0xFFFFFFFE, 4);
  for (size_t k = 0; k < 128; ++k)
    put(f, at(2) + 4 * k, k < minis ? (k + 1 < minis ? k + 1 : 0xFFFFFFFE) : 0xFFFFFFFF, 4);
  auto entry = [&](size_t i, const std::string& n, int type, uint32_t start, uint32_t size) {
    size_t e = at(1) + 128 * i;
    for (size_t c = 0; c < n.size(); ++c)
      put(f, e + 2 * c, uint8_t(n[c]), 2);
    put(f, e + 64, 2 * (n.size() + 1), 2);
    f[e + 66] = char(type);
    put(f, e + 68, 0xFFFFFFFF, 4);
    put(f, e + 72, 0xFFFFFFFF, 4);
    put(f, e + 76, type == 5 ? 1 : 0xFFFFFFFF, 4);
    put(f, e + 116, start, 4);
    put(f, e + 120, size, 4);
  };
  entry(0, "Root Entry", 5, 3, uint32_t(minis * 64));
  entry(1, name, 2, 0, uint32_t(stream.size()));
  f.replace(at(3), stream.size(), stream);
  return f;
}

} // namespace

TEST_CASE("xls hostile: sheets that claim more cells than FreeXL should allocate")
{
  auto error_of_file = [](const std::string& bytes) -> std::string {
    test::TempFile f("claims.xls", bytes);
    try {
      open_book(f.path, "claims.xls");
    } catch (const InputError& e) {
      return e.what();
    }
    return "no error";
  };
  auto start = std::chrono::steady_clock::now();
  // In the regular stream, and hidden in the mini stream of a 3 KB file.
  CHECK(has(error_of_file(compound_file("Workbook", claiming_biff(20))),
            "claims.xls: its sheets claim 335544320 cells, more than the 33554432"));
  std::string tiny = mini_compound("Workbook", claiming_biff(20));
  CHECK(tiny.size() < 4096);
  CHECK(has(error_of_file(tiny), "claims.xls: its sheets claim 335544320 cells"));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  // The reader of compound files finds the stream in either place.
  auto cf = read_compound_file(tiny, {"book", "workbook"});
  REQUIRE(cf);
  CHECK(cf->names == std::vector<std::string>{"Workbook"});
  CHECK(cf->stream == claiming_biff(20));
  std::string big = claiming_biff(1) + std::string(9000, '\0');
  auto cf2 = read_compound_file(compound_file("Book", big), {"workbook", "book"});
  REQUIRE(cf2);
  CHECK(cf2->stream == big);
  CHECK_FALSE(read_compound_file("not a compound file", {"Workbook"}));
}

TEST_CASE("xlsx hostile: the case reader passes the errors on")
{
  Package p;
  p.strings({"工单编号"});
  p.sheet(1, row(1, {cell("A1", "0", "s")}) + row(2, {cell("A2", "9", "s")}));
  test::TempFile f("工单.xlsx", p.zip());
  auto read_all = [&] {
    cases::CaseReader r(f.path, {});
    cases::Row out;
    while (r.next(out)) {
    }
  };
  CHECK_THROWS_WITH_AS(
      read_all(), doctest::Contains("工单.xlsx[Sheet1]!A2: shared string \"9\" does not exist"), InputError);
}
