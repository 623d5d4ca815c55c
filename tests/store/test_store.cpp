// Tests for store: schema, ingest transaction, upserts, read-only queries, formats.
#include "output/tables.hpp"
#include "store/store.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>

using namespace duty;
using namespace duty::store;

namespace {

struct TempDir
{
  std::string path;
  TempDir()
  {
    std::string dir = std::filesystem::temp_directory_path() / "duty-store-XXXXXX";
    path = ::mkdtemp(dir.data());
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string write(const std::string& name, const std::string& text) const
  {
    std::string p = path + "/" + name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
};

std::string
csv(Store& s, const std::string& sql)
{
  return output::render_results(s.query(sql), output::Format::csv);
}

} // namespace

TEST_CASE("store: ingest, re-ingest, query")
{
  TempDir d;
  std::string a = d.write("a.csv", "工单编号,主办单位,是否满意\n1,甲,满意\n2,乙,不满意\n");
  std::string b = d.write("b.csv", "工单编号,主办单位\n2,丙\n3,丁\n");
  std::string db = d.path + "/s.db";
  {
    Store s = Store::open_write(db);
    IngestSummary sum = s.ingest({a}, {});
    REQUIRE(sum.files.size() == 1);
    CHECK(sum.files[0].rows == 2);
    CHECK(sum.files[0].inserted == 2);
    sum = s.ingest({b}, {});
    CHECK(sum.files[0].inserted == 1);
    CHECK(sum.files[0].updated == 1);
  }
  Store r = Store::open_read(db);
  // b.csv has no 是否满意 column: order 2 keeps its satisfaction, takes the new unit.
  CHECK(csv(r, "select id, unit, satisfaction, loads from orders order by id")
        == "id,unit,satisfaction,loads\r\n1,甲,satisfied,1\r\n2,丙,unsatisfied,2\r\n3,丁,,1\r\n");
  CHECK_THROWS_AS(r.query("delete from orders"), InputError);
  CHECK_THROWS_AS(r.query("select * from nosuch"), InputError);
  CHECK(csv(r, "select count(*) from ingests") == "count(*)\r\n2\r\n");
}

TEST_CASE("store: a bad row rolls the whole ingest back")
{
  TempDir d;
  std::string good = d.write("g.csv", "工单编号\n1\n");
  std::string bad = d.write("b.csv", "工单编号,来电时间\n2,2025-01-01\n3,tomorrow\n");
  std::string db = d.path + "/s.db";
  Store s = Store::open_write(db);
  s.ingest({good}, {});
  CHECK_THROWS_AS(s.ingest({good, bad}, {}), InputError);
  CHECK(csv(s, "select group_concat(id), (select count(*) from ingests) from orders")
        == "group_concat(id),(select count(*) from ingests)\r\n1,1\r\n");
  IngestOptions skip;
  skip.skip_bad = d.path + "/rejects.jsonl";
  IngestSummary sum = s.ingest({bad}, skip);
  CHECK(sum.rejected == 1);
  CHECK(csv(s, "select count(*) from orders") == "count(*)\r\n2\r\n");
  CHECK(csv(s, "select line, column_name from rejects") == "line,column_name\r\n3,来电时间\r\n");
}

TEST_CASE("store: schema version and foreign databases")
{
  TempDir d;
  std::string db = d.path + "/s.db";
  {
    Store s = Store::open_write(db);
    s.ingest({d.write("a.csv", "id\n1\n")}, {});
  }
  CHECK_NOTHROW(Store::open_read(db));
  CHECK_THROWS_AS(Store::open_read(d.path + "/missing.db"), IoError);
  std::string junk = d.write("junk.db", "this is not sqlite at all, not even close......");
  CHECK_THROWS_AS(Store::open_read(junk), IoError);
}

