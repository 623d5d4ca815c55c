// Tests for rates/scan_export: chunks on several threads give exactly what
// one pass gives, wrong guesses at chunk starts are read again, and bad rows
// keep their real line numbers.
#include "rates/scan_export.hpp"
#include "temp_file.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <fmt/format.h>
#include <mutex>
#include <string>
#include <vector>

using namespace duty;
using namespace duty::rates;

namespace {

// Keeps what it is given, as text, for comparing runs.
class Keep : public OrderSink
{
public:
  void add(const Order& o) override
  {
    seen.push_back(fmt::format("{}|{}|{}|{}|{}|{}|{}", o.id, o.unit, o.category, o.closed, int(o.visit_valid),
                               int(o.satisfaction), int(o.appeal)));
  }
  std::vector<std::string> seen;
};

struct Run
{
  std::vector<std::string> orders;
  ScanResult result;
};

Run
scan(const std::string& path, unsigned threads, size_t block, size_t sync = 1 << 20)
{
  cases::ReaderOptions ro;
  ScanOptions so;
  so.threads = threads;
  so.block = block;
  so.sync = sync;
  Run r;
  r.result = scan_export(path, ro, 100, so, [] { return std::make_unique<Keep>(); });
  for (auto& s : r.result.sinks)
    for (auto& x : static_cast<Keep&>(*s).seen)
      r.orders.push_back(x);
  return r;
}

// An export whose quoted content spans lines, so that guessed chunk starts fall inside it.
std::string
tricky(int rows)
{
  std::string t = "工单编号,主要内容,主办单位,问题分类,办结时间,是否有效回访,是否满意,考核申诉\r\n";
  for (int i = 0; i < rows; ++i) {
    std::string content = i % 3 == 0 ? "\"第一行\n第二行\n\"\"引号\"\"\n第四行\"" : i % 3 == 1 ? "平常内容" : "\"a,b\r\nc\"";
    std::string closed = i % 50 == 7 ? "2025-02-30 10:00" : fmt::format("2025-03-{:02} 10:00:00", 1 + i % 28);
    std::string id = i % 97 == 5 ? "" : fmt::format("A{}", i);
    t += fmt::format("{},{},单位{},城市管理->噪音,{},{},{},{}\r\n", id, content, i % 5, closed, i % 4 ? "是" : "否",
                     i % 2 ? "满意" : "基本满意", i % 11 == 0 ? "核减" : "");
  }
  return t;
}

} // namespace

TEST_SUITE_BEGIN("rates");

TEST_CASE("scan_export: any number of chunks and any block size give the one-pass result")
{
  test::TempFile f("orders.csv", tricky(400));
  Run one = scan(f.path, 1, 1 << 20);
  CHECK(one.result.chunks == 1);
  CHECK(one.orders.size() + one.result.bad_rows == 400);
  CHECK(one.result.bad_rows == 13); // 8 bad times, 5 empty ids
  unsigned mended = 0, rereads = 0;
  for (unsigned threads : {2u, 3u, 7u, 16u, 61u})
    for (size_t block : {size_t(64), size_t(1000), size_t(1) << 20})
      for (size_t sync : {size_t(1), size_t(100), size_t(1) << 20}) {
        INFO(threads << " threads, block " << block << ", head " << sync);
        Run many = scan(f.path, threads, block, sync);
        CHECK(many.result.chunks == threads);
        CHECK(many.orders == one.orders);
        CHECK(many.result.bad == one.result.bad);
        CHECK(many.result.bad_rows == one.result.bad_rows);
        mended += many.result.mended;
        rereads += many.result.reread;
      }
  // Some guesses fell inside a quoted field: mended from the head, or (a head too short) read again.
  CHECK(mended > 0);
  CHECK(rereads > 0);
}

TEST_CASE("scan_export: bad rows by their physical line, as the case reader names them")
{
  test::TempFile f("orders.csv", tricky(40));
  Run r = scan(f.path, 5, 128);
  REQUIRE(r.result.bad.size() == 2);
  // Row 0 starts on line 2; each row i%3==0 spans 4 lines, i%3==2 two, i%3==1 one.
  // Row 5 (no id) starts on line 2 + 4+1+2 + 4+1 = 14; row 7 (bad time) on 14 + 2 + 4 = 20.
  CHECK(r.result.bad[0] == f.path + ":14: column 工单编号: no id (a required field is empty)");
  CHECK(r.result.bad[1] == f.path + ":20: column 办结时间: cannot read \"2025-02-30 10:00\" as a time");
}

TEST_CASE("scan_export: empty fields beyond the header are dropped, quoted or not, as the record reader does")
{
  test::TempFile f("orders.csv", "工单编号,主办单位\nA1,甲,\"\"\nA2,乙,,\n\"A3\",\"丙\",\"\",\"\"\nA4,丁,x\n");
  Run r = scan(f.path, 1, 1024);
  CHECK(r.orders.size() == 3);
  REQUIRE(r.result.bad.size() == 1);
  CHECK(r.result.bad[0] == f.path + ":5: the row has 3 fields, the header 2");
}

TEST_CASE("scan_export: GBK bytes are tokenized as they are; values decoded")
{
  std::string utf8 = tricky(30);
  std::string gbk = cases::encode_gb18030(utf8);
  test::TempFile a("u.csv", utf8), b("g.csv", gbk);
  Run u = scan(a.path, 3, 256);
  Run g = scan(b.path, 3, 256, 64);
  CHECK(g.orders == u.orders);
  CHECK(g.orders.at(0).find("单位0") != std::string::npos);
}

TEST_CASE("scan_export: headers it cannot use are errors, not guesses")
{
  test::TempFile noid("x.csv", "主办单位,办结时间\n甲,2025-03-01\n");
  CHECK_THROWS_WITH_AS(scan(noid.path, 1, 1024), doctest::Contains("no column for id (工单编号)"), InputError);
  test::TempFile multi("y.csv", "工单编号,\"办结\n时间\"\n1,2025-03-01\n");
  CHECK_THROWS_WITH_AS(scan(multi.path, 1, 1024), doctest::Contains("the header runs over 2 lines"), InputError);
  test::TempFile spaces("s.csv", "\n  \n工单编号,主办单位\nA1,甲\n");
  Run s = scan(spaces.path, 1, 1024);
  CHECK(s.orders.size() == 1); // lines of spaces before the header are skipped, as the record reader does
  test::TempFile empty("z.csv", "");
  CHECK_THROWS_AS(scan(empty.path, 1, 1024), InputError);
  CHECK_FALSE(scannable("-", {}));
  test::TempFile json("o.jsonl", "{\"工单编号\":\"1\"}\n");
  CHECK_FALSE(scannable(json.path, {}));
}

TEST_SUITE_END();
