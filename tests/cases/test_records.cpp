// Tests for cases/stream, cases/records and cases/json_line: encodings,
// RFC 4180 quoting, physical line numbers, chunk boundaries, JSON Lines.
#include "cases/json_line.hpp"
#include "cases/records.hpp"
#include "cases/stream.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
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

std::vector<Record>
read_all(const std::string& name, const std::string& bytes, std::vector<std::string>* header,
         Encoding enc = Encoding::detect)
{
  TempFile f(name, bytes);
  TextStream in(f.path, enc);
  RecordReader r(in, std::nullopt);
  std::vector<Record> out;
  Record rec;
  while (r.next(rec))
    out.push_back(rec);
  if (header)
    *header = r.header();
  return out;
}

} // namespace

TEST_CASE("cases: CSV: quotes, doubled quotes, separators and line breaks inside fields")
{
  std::vector<std::string> header;
  auto recs = read_all("a.csv",
                       "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"line1\nline2\r\nline3\",z\n"
                       "\n3,,\n4,last,no-newline",
                       &header);
  REQUIRE(header == std::vector<std::string>{"a", "b", "c"});
  REQUIRE(recs.size() == 4);
  CHECK(recs[0].values == std::vector<std::string>{"1", "x, y", "say \"hi\""});
  CHECK(recs[0].line == 2);
  CHECK(recs[1].values[1] == "line1\nline2\r\nline3");
  CHECK(recs[1].line == 3);
  CHECK(recs[2].values == std::vector<std::string>{"3", "", ""});
  CHECK(recs[2].line == 7); // a blank line 6 is skipped but counted
  CHECK(recs[3].values[2] == "no-newline");
  CHECK(recs[3].line == 8);
}

TEST_CASE("cases: CSV: wrong field counts and a quote that never closes are row errors")
{
  auto recs = read_all("b.csv", "a,b\n1\n1,2,3\n1,2,,\n\"open,2\n3,4\n", nullptr);
  REQUIRE(recs.size() == 4);
  CHECK(recs[0].error == "the row has 1 fields, the header 2");
  CHECK(recs[1].error == "the row has 3 fields, the header 2");
  CHECK(recs[2].error.empty()); // trailing empty fields are harmless
  CHECK(recs[3].error == "a quoted field that starts on line 5 never ends");
}

TEST_CASE("cases: records that straddle the 1 MiB chunk boundary")
{
  std::string text = "id,body\n";
  std::string big(300000, 'x');
  for (int i = 0; i < 10; ++i)
    text += std::to_string(i) + ",\"" + big + "\n" + big + "\"\n";
  auto recs = read_all("c.csv", text, nullptr);
  REQUIRE(recs.size() == 10);
  for (int i = 0; i < 10; ++i) {
    CHECK(recs[size_t(i)].values[0] == std::to_string(i));
    CHECK(recs[size_t(i)].values[1].size() == 600001);
    CHECK(recs[size_t(i)].line == uint64_t(2 + 2 * i));
  }
}

TEST_CASE("cases: encodings: BOM, GBK detection, UTF-16LE, forced UTF-8 on GBK fails")
{
  std::vector<std::string> header;
  auto recs = read_all("d.csv", "\xEF\xBB\xBF\xE5\xB7\xA5,b\n1,2\n", &header);
  CHECK(header[0] == "\xE5\xB7\xA5"); // 工 without the BOM
  // 工单 in GBK is B9 A4 B5 A5.
  recs = read_all("e.csv", "\xB9\xA4\xB5\xA5,b\n1,\xB9\xA4\n", &header);
  CHECK(header[0] == "工单");
  CHECK(recs[0].values[1] == "工");
  static const char utf16[] = "\xFF\xFE" "a\0,\0b\0\n\0" "1\0,\0" "2\0\n\0";
  recs = read_all("f.csv", std::string(utf16, sizeof utf16 - 1), &header);
  CHECK(header == std::vector<std::string>{"a", "b"});
  CHECK(recs[0].values == std::vector<std::string>{"1", "2"});
  CHECK_THROWS_AS(read_all("g.csv", "\xB9\xA4\xB5\xA5,b\n", nullptr, Encoding::utf8), InputError);
  CHECK(parse_encoding("GBK") == Encoding::gb18030);
  CHECK(!parse_encoding("latin1"));
}

TEST_CASE("cases: undecodable bytes deep in a file name the line")
{
  std::string text = "a,b\n";
  for (int i = 0; i < 30000; ++i)
    text += "1,2\n";
  text += "3,\xFF\n";
  try {
    read_all("h.csv", text, nullptr);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("h.csv:30002: ") != std::string::npos);
  }
}

TEST_CASE("cases: TSV and JSON Lines are sniffed; JSON keys grow the header")
{
  std::vector<std::string> header;
  auto recs = read_all("i.txt", "a\tb\n1\t\"2\"\n", &header);
  CHECK(recs[0].values[1] == "\"2\""); // TSV has no quoting
  recs = read_all("j.log", "{\"a\":1}\n{\"b\":\"x\",\"a\":null}\n", &header);
  CHECK(header == std::vector<std::string>{"a", "b"});
  REQUIRE(recs.size() == 2);
  CHECK(recs[1].present == std::vector<bool>{false, true});
  CHECK(recs[1].line == 2);
}

TEST_CASE("cases: JSON objects")
{
  std::vector<std::pair<std::string, std::string>> kv;
  CHECK(parse_json_object(R"({"a":"x\"y\u00e9\ud83d\ude00","n":-1.5e3,"t":true,"o":{"k":[1,{}]},"z":null})",
                          kv)
        == "");
  REQUIRE(kv.size() == 4);
  CHECK(kv[0].second == "x\"y\xC3\xA9\xF0\x9F\x98\x80");
  CHECK(kv[1].second == "-1.5e3");
  CHECK(kv[2].second == "true");
  CHECK(kv[3].second == R"({"k":[1,{}]})");
  for (const char* bad : {"[1]", "{\"a\":}", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":01x}",
                          "{\"a\":\"unterminated}", "{\"a\":1} x", "{a:1}"})
    CHECK_MESSAGE(parse_json_object(bad, kv) != "", bad);
  std::string deep = "{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}";
  CHECK(parse_json_object(deep, kv) != "");
}

TEST_CASE("cases: UTF-32 marks are not UTF-16; UTF-16BE and unmarked UTF-16 read")
{
  auto wide = [](const std::string& ascii, int width, bool big) {
    std::string out;
    for (char c : ascii) {
      std::string unit(size_t(width), '\0');
      unit[big ? size_t(width - 1) : 0] = c;
      out += unit;
    }
    return out;
  };
  std::vector<std::string> header;
  auto recs = read_all("u32le.csv", std::string("\xFF\xFE\0\0", 4) + wide("a,b\n1,2\n", 4, false),
                       &header);
  CHECK(header == std::vector<std::string>{"a", "b"});
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].values == std::vector<std::string>{"1", "2"});
  recs = read_all("u32be.csv", std::string("\0\0\xFE\xFF", 4) + wide("a,b\n1,2\n", 4, true),
                  &header);
  CHECK(recs[0].values == std::vector<std::string>{"1", "2"});
  recs = read_all("u16be.csv", "\xFE\xFF" + wide("a,b\n1,2\n", 2, true), &header);
  CHECK(header == std::vector<std::string>{"a", "b"});
  CHECK(recs[0].values == std::vector<std::string>{"1", "2"});
  recs = read_all("u16.csv", wide("id,name\nX1,abc\n", 2, false), &header);
  CHECK(header == std::vector<std::string>{"id", "name"});
  CHECK(recs[0].values == std::vector<std::string>{"X1", "abc"});
  CHECK(parse_encoding("utf-16be") == Encoding::utf16be);
  CHECK(parse_encoding("UTF-32LE") == Encoding::utf32le);
}

TEST_CASE("cases: a late non-UTF-8 line in a small UTF-8 file is reported at its line")
{
  std::string text = "工单编号,主办单位\n";
  for (int i = 0; i < 20; ++i)
    text += "A" + std::to_string(i) + ",区城市管理委\n";
  text += "B1,\xC7\xF8\xB3\xC7\n"; // 区城 in GBK
  try {
    read_all("late.csv", text, nullptr);
    FAIL("no error");
  } catch (const InputError& e) {
    std::string what = e.what();
    CHECK(what.find("late.csv:22: not valid UTF-8") != std::string::npos);
  }
  // A GBK file is still GBK, however many lines.
  std::vector<std::string> header;
  auto recs = read_all("gbk.csv", "\xB9\xA4\xB5\xA5,b\n1,\xC7\xF8\xB3\xC7\n", &header);
  CHECK(recs[0].values[1] == "区城");
}

TEST_CASE("cases: CR-only line breaks inside quoted fields count as lines")
{
  auto recs = read_all("cr.csv", "a,b\r1,\"x\ry\rz\"\r2,w\r3,\"p\r\nq\"\r\n4,v\n", nullptr);
  REQUIRE(recs.size() == 4);
  CHECK(recs[0].line == 2);
  CHECK(recs[1].line == 5);
  CHECK(recs[2].line == 6);
  CHECK(recs[3].line == 8);
  // A decoding error after CR-only lines names the right line too.
  try {
    read_all("cr2.csv", "a,b\r1,2\r3,4\r5,\xFF\r", nullptr, Encoding::utf8);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("cr2.csv:4:") != std::string::npos);
  }
}

TEST_CASE("cases: NUL bytes and byte-order marks inside the text: line, column, field")
{
  auto recs = read_all("nul.csv", std::string("a,b\n1,\"x\nyz\0\"\n2,\xEF\xBB\xBF" "3\n", 21), nullptr);
  REQUIRE(recs.size() == 2);
  CHECK(recs[0].error.find("NUL") != std::string::npos);
  CHECK(recs[0].line == 2);
  CHECK(recs[0].error_line == 3);
  CHECK(recs[0].error_col == 3);
  CHECK(recs[0].error_field == 1);
  CHECK(recs[1].error.find("byte-order mark") != std::string::npos);
  CHECK(recs[1].error_line == 4);
  CHECK(recs[1].error_col == 3);
  recs = read_all("nul.jsonl", "{\"id\":\"a\\u0000b\"}\n{\"id\":\"c\"}\n", nullptr);
  CHECK(recs[0].error.find("NUL") != std::string::npos);
  CHECK(recs[1].error.empty());
}

TEST_CASE("cases: a record with several problems reports the first one met, as the rates scanner does")
{
  // An undoubled quote, then a quote that never closes: the first is the cause.
  auto recs = read_all("two.csv", "a,b\n1,\"ok\"z,\"open\n2,3\n", nullptr);
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].error.find("must be doubled") != std::string::npos);
  // A NUL after the undoubled quote: still the quote.
  recs = read_all("quote-nul.csv", std::string("a,b\n1,\"x\"y\0\n", 12), nullptr);
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].error.find("must be doubled") != std::string::npos);
  // A NUL inside a quoted field that never closes: the NUL is met first.
  recs = read_all("nul-open.csv", std::string("a,b\n1,\"x\0y\n", 11), nullptr);
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].error.find("NUL") != std::string::npos);
  // A NUL before an undoubled quote: the NUL.
  recs = read_all("nul-quote.csv", std::string("a,b\n\0,\"x\"y\n", 11), nullptr);
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].error.find("NUL") != std::string::npos);
}

TEST_CASE("cases: JSON Lines with many distinct keys read in linear time")
{
  // 100k lines, each with a key of its own: a quadratic reader takes minutes.
  std::string text;
  for (int i = 0; i < 100000; ++i)
    text += "{\"id\":\"" + std::to_string(i) + "\",\"k" + std::to_string(i) + "\":1}\n";
  test::TempFile f("wide.jsonl", text);
  TextStream in(f.path, Encoding::detect);
  RecordReader r(in, std::nullopt);
  Record rec;
  size_t n = 0, present = 0;
  auto start = std::chrono::steady_clock::now();
  while (r.next(rec)) {
    ++n;
    present += rec.columns.size();
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(n == 100000);
  CHECK(present == 200000);
  CHECK(r.header().size() == 100001);
  CHECK(seconds < 5.0);
}
