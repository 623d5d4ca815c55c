// Tests for cases/scan: the zero-copy tokenizer, its CSV rules, reading on
// at any byte, and agreement with the record reader.
#include "cases/records.hpp"
#include "cases/scan.hpp"
#include "cases/stream.hpp"
#include "temp_file.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace duty;
using namespace duty::cases;

namespace {

struct Rec
{
  std::vector<std::string> fields;
  uint32_t lines = 0;
  ScanError error = ScanError::none;
  bool operator==(const Rec&) const = default;
};

// Every record of `text`, read all at once (`step` 0) or fed `step` bytes at a time.
std::vector<Rec>
scan_all(const std::string& text, char sep = ',', bool utf8 = true, size_t step = 0)
{
  CsvScanner s(sep, utf8);
  ScanRecord rec;
  std::vector<Rec> out;
  size_t pos = 0, avail = step ? std::min(step, text.size()) : text.size();
  std::string buf;
  for (;;) {
    size_t used = 0;
    bool final = avail == text.size();
    auto st = s.next(text.data() + pos, text.data() + avail, final, rec, used);
    if (st == CsvScanner::Status::end)
      break;
    if (st == CsvScanner::Status::need_more) {
      REQUIRE(!final);
      avail = std::min(text.size(), avail + step);
      continue;
    }
    pos += used;
    if (rec.blank)
      continue;
    Rec r;
    for (size_t i = 0; i < rec.count; ++i)
      r.fields.emplace_back(CsvScanner::value(rec.fields[i], buf));
    r.lines = rec.lines;
    r.error = rec.error;
    out.push_back(std::move(r));
  }
  return out;
}

} // namespace

TEST_SUITE_BEGIN("cases");

TEST_CASE("scan: fields, quotes, doubled quotes and line breaks in quoted fields")
{
  auto v = scan_all("a,b,c\n1,\"x,y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\"cr\r\nlf\"\r\n3,,\n");
  REQUIRE(v.size() == 4);
  CHECK(v[0].fields == std::vector<std::string>{"a", "b", "c"});
  CHECK(v[1].fields == std::vector<std::string>{"1", "x,y", "say \"hi\""});
  CHECK(v[2].fields == std::vector<std::string>{"2", "two\nlines", "cr\r\nlf"}); // free text byte for byte
  CHECK(v[2].lines == 3);
  CHECK(v[3].fields == std::vector<std::string>{"3", "", ""});
}

TEST_CASE("scan: CR-only line ends, blank lines, a line of \"\" is a record")
{
  auto v = scan_all("a,b\r1,2\r\r\n\n\"\"\r3,\"x\ry\"\r");
  REQUIRE(v.size() == 4);
  CHECK(v[1].fields == std::vector<std::string>{"1", "2"});
  CHECK(v[2].fields == std::vector<std::string>{""});
  CHECK(v[3].fields == std::vector<std::string>{"3", "x\ry"});
  CHECK(v[3].lines == 2);
}

TEST_CASE("scan: what the rules make errors, and what they keep")
{
  auto v = scan_all("a,b\n1,\"x\" y\n2,ab\"c\n");
  REQUIRE(v.size() == 3);
  CHECK(v[1].error == ScanError::after_quote);
  CHECK(v[2].error == ScanError::none);
  CHECK(v[2].fields[1] == "ab\"c"); // a quote inside an unquoted field is text
  CHECK(scan_all(std::string("a\nx\0y\n", 6)).at(1).error == ScanError::nul);
  CHECK(scan_all("a\nx\xEF\xBB\xBFy\n").at(1).error == ScanError::bom);
  // In a GBK file those bytes are two characters, not a BOM.
  CHECK(scan_all("a\nx\xEF\xBB\xBFy\n", ',', false).at(1).error == ScanError::none);
  auto open = scan_all("a\n\"never\nends\n");
  REQUIRE(open.size() == 2);
  CHECK(open[1].error == ScanError::never_ends);
  CHECK(scan_error_message(ScanError::never_ends, 7) == "a quoted field that starts on line 7 never ends");
  // TSV has no quoting.
  CHECK(scan_all("a\tb\n\"x\t\"y\n", '\t').at(1).fields == std::vector<std::string>{"\"x", "\"y"});
}

TEST_CASE("scan: feeding any number of bytes at a time gives the same records")
{
  std::string text = "编号,内容,结果\r\nA1,\"夜间施工\r\n\"\"第二行\"\"\",满意\r\nA2,\"x\ry\",\r\n\n\"\"\r\nA3,ab\"c,\xEF\xBC\x8C\r\n"
                     "A4,\"tail\"";
  auto whole = scan_all(text);
  REQUIRE(whole.size() == 6);
  CHECK(whole[5].fields == std::vector<std::string>{"A4", "tail"});
  for (size_t step : {1, 2, 3, 5, 7, 64})
    CHECK(scan_all(text, ',', true, step) == whole);
}

TEST_CASE("scan: agrees with the record reader")
{
  std::string text = "编号,内容,结果\n1,\"a,b\",\"say \"\"x\"\"\"\n2,\"two\nlines\",\n\n3,plain,z\n4,,\n";
  test::TempFile f("t.csv", text);
  TextStream in(f.path, Encoding::utf8);
  RecordReader rr(in, Format::csv);
  std::vector<std::vector<std::string>> theirs{rr.header()};
  Record rec;
  while (rr.next(rec))
    theirs.push_back(rec.values);
  std::vector<std::vector<std::string>> mine;
  for (auto& r : scan_all(text))
    mine.push_back(r.fields);
  CHECK(mine == theirs);
}

TEST_SUITE_END();
