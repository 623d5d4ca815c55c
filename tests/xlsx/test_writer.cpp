// Tests for the workbook writers: what is written reads back (through our
// reader, and for .xls through FreeXL), and the same calls give the same bytes.
#include "util/error.hpp"
#include "xlsx/book.hpp"
#include "xlsx/writer.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace duty;
using namespace duty::xlsx;

namespace {

struct TempDir
{
  std::string path;
  TempDir()
  {
    path = std::filesystem::temp_directory_path() / "duty-writer-XXXXXX";
    ::mkdtemp(path.data());
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

std::string
slurp(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void
write_sample(BookWriter& w, int rows)
{
  w.add_sheet("工单明细");
  w.merged_text(0, 0, 3, "12345热线工单明细", Style::strong(14));
  w.text(2, 0, "工单编号", Style::strong());
  w.text(2, 1, "来电时间", Style::strong());
  w.text(2, 2, "满意率", Style::strong());
  w.text(2, 3, "主要内容", Style::strong());
  for (int r = 0; r < rows; ++r) {
    uint32_t at = uint32_t(3 + r);
    w.text(at, 0, "20250301" + std::to_string(10000 + r));
    w.number(at, 1, *text_serial("2025-03-01 08:15:00") + r, Style::format(kDateTimeFormat));
    w.number(at, 2, 0.985, Style::format("0.0%"));
    // Long texts cross the BIFF8 record limit: the shared-string table continues.
    // (Up to two records a string: FreeXL 1.0.6 misreads a string over three.)
    w.text(at, 3, std::string(size_t(r % 5) * 1500, 'x') + "市民反映" + std::to_string(r));
  }
  w.column_width(3, 40);
  w.freeze_rows(3);
  w.autofilter(2, uint32_t(2 + rows), 3);
  w.add_sheet("工单明细"); // a second sheet of the same name gets a new name
  w.text(0, 0, "第二页");
}

void
check_sample(const std::string& path, int rows)
{
  auto book = open_book(path, "w");
  REQUIRE(book->sheets().size() == 2);
  CHECK(book->sheets()[0].name == "工单明细");
  CHECK(book->sheets()[1].name == "工单明细 (2)");
  auto s = book->open_sheet(0);
  SheetRow r;
  REQUIRE(s->next(r));
  CHECK(r.number == 1);
  CHECK(r[0].text == "12345热线工单明细");
  REQUIRE(s->next(r));
  CHECK(r.number == 3);
  CHECK(r.size() == 4);
  for (int i = 0; i < rows; ++i) {
    REQUIRE(s->next(r));
    REQUIRE(r.size() == 4);
    CHECK(r[0].text == "20250301" + std::to_string(10000 + i));
    CHECK(r[1].type == CellType::date);
    CHECK(r[1].text == "2025-03-" + std::string(i + 1 < 10 ? "0" : "") + std::to_string(i + 1) + " 08:15:00");
    CHECK(r[2].type == CellType::number);
    CHECK(r[2].text == "0.985");
    CHECK(r[3].text == std::string(size_t(i % 5) * 1500, 'x') + "市民反映" + std::to_string(i));
  }
  CHECK_FALSE(s->next(r));
  auto s2 = book->open_sheet(1);
  REQUIRE(s2->next(r));
  CHECK(r[0].text == "第二页");
}

} // namespace

TEST_CASE("xlsx writer: reads back, same bytes every time")
{
  TempDir d;
  for (const char* ext : {".xlsx", ".xls"}) {
    CAPTURE(ext);
    std::string a = d.path + "/a" + ext, b = d.path + "/b" + ext;
    auto create = [&](const std::string& p) {
      return std::string(ext) == ".xls" ? create_xls(p) : create_xlsx(p);
    };
    auto w = create(a);
    write_sample(*w, 20);
    w->close();
    check_sample(a, 20);
    auto w2 = create(b);
    write_sample(*w2, 20);
    w2->close();
    CHECK(slurp(a) == slurp(b));
  }
}

TEST_CASE("xls writer: limits and files that cannot be written")
{
  TempDir d;
  auto w = create_xls(d.path + "/x.xls");
  CHECK_THROWS_WITH_AS(w->text(70000, 0, "x"), doctest::Contains("65536 rows and 256 columns"), UsageError);
  CHECK_THROWS_AS(w->text(0, 0, std::string(40000, 'x')), UsageError);
  CHECK_THROWS_AS(create_xls(d.path + "/no/such/dir/x.xls"), UsageError);
  CHECK_THROWS_AS(create_xlsx(d.path + "/no/such/dir/x.xlsx"), UsageError);
}

TEST_CASE("xls writer: a large workbook needs more FAT sectors than the header holds")
{
  TempDir d;
  std::string path = d.path + "/big.xls";
  auto w = create_xls(path);
  w->add_sheet("a");
  // Over 7 MB of strings: FAT sectors beyond the header's 109 go into DIFAT sectors.
  for (uint32_t r = 0; r < 2000; ++r)
    w->text(r, 0, std::string(2000, 'a') + std::to_string(r));
  w->close();
  CHECK(std::filesystem::file_size(path) > 8'000'000);
  auto book = open_book(path, "big.xls");
  auto s = book->open_sheet(0);
  SheetRow r;
  uint32_t n = 0;
  while (s->next(r)) {
    REQUIRE(r[0].text == std::string(2000, 'a') + std::to_string(n));
    ++n;
  }
  CHECK(n == 2000);
}
