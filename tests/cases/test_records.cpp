// Tests for cases/stream, cases/records and cases/json_line: encodings,
// RFC 4180 quoting, physical line numbers, chunk boundaries, JSON Lines.
#include "cases/json_line.hpp"
#include "cases/records.hpp"
#include "cases/stream.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

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
