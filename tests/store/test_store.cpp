// Tests for store: schema, ingest transaction, upserts, read-only queries, formats.
#include "output/tables.hpp"
#include "store/store.hpp"
#include "cases/pii.hpp"
#include "lists/model.hpp"
#include "cases/mapfile.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
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
  CHECK_THROWS_AS(r.query("delete from orders"), UsageError);
  CHECK_THROWS_AS(r.query("select * from nosuch"), UsageError);
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

namespace {

IngestOptions
with_key(const cases::PiiHasher* pii)
{
  IngestOptions o;
  o.reader.pii = pii;
  return o;
}

size_t
files_in(const std::string& dir)
{
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir))
    ++n;
  return n;
}

} // namespace

TEST_CASE("store: one key per store; re-ingesting never turns hashes into NULL")
{
  TempDir d;
  std::string a = d.write("a.csv", "工单编号,来电人,来电人电话\n1,张三,13800138000\n");
  std::string db = d.path + "/s.db";
  cases::PiiHasher k1("store-key-one-0123456789"), k2("store-key-two-0123456789");
  Store s = Store::open_write(db);
  s.ingest({a}, with_key(&k1));
  std::string before = csv(s, "select caller, phone from orders");
  CHECK(before.find("p:") != std::string::npos);
  CHECK(csv(s, "select value from meta where key = 'pii_key_fingerprint'")
        == "value\r\n" + k1.fingerprint() + "\r\n");
  // Another key: refused before anything is written.
  try {
    s.ingest({a}, with_key(&k2));
    FAIL("another key was accepted");
  } catch (const UsageError& e) {
    CHECK(std::string(e.what()).find("hashed with another key") != std::string::npos);
  }
  // No key: the personal values would be dropped: rolled back.
  CHECK_THROWS_AS(s.ingest({a}, {}), UsageError);
  // --keep-personal would mix raw values in.
  IngestOptions keep;
  keep.reader.keep_personal = true;
  CHECK_THROWS_AS(s.ingest({a}, keep), UsageError);
  CHECK(csv(s, "select caller, phone from orders") == before);
  CHECK(csv(s, "select count(*) from ingests") == "count(*)\r\n1\r\n");
  // The same key again, and a log without personal columns without a key: fine.
  s.ingest({a}, with_key(&k1));
  s.ingest({d.write("b.csv", "工单编号,主办单位\n1,甲\n")}, {});
  CHECK(csv(s, "select caller, phone from orders") == before);
}

TEST_CASE("store: one list set per store")
{
  TempDir d;
  std::string db = d.path + "/s.db";
  std::string a = d.write("a.csv", "工单编号\n1\n");
  lists::ListSet one, two;
  one.files.push_back({"u.yaml", "kind: units\n", {}, "units", "", "", 0});
  two.files.push_back({"u.yaml", "kind: units\nitems: []\n", {}, "units", "", "", 0});
  IngestOptions o1, o2;
  o1.lists = &one;
  o2.lists = &two;
  Store s = Store::open_write(db);
  s.ingest({a}, o1);
  CHECK(csv(s, "select value = '" + list_set_hash(one) + "' from meta where key = 'lists_sha256'")
        .ends_with("1\r\n"));
  try {
    s.ingest({a}, o2);
    FAIL("another list set was accepted");
  } catch (const UsageError& e) {
    CHECK(std::string(e.what()).find("another list set") != std::string::npos);
  }
  s.ingest({a}, o1);
  s.ingest({a}, {});
  CHECK(csv(s, "select count(*) from ingests") == "count(*)\r\n3\r\n");
}

TEST_CASE("store: one anomaly per duplicate id, naming each line")
{
  TempDir d;
  std::string a = d.write("a.csv", "工单编号,主办单位\nX,甲\nY,乙\nX,丙\nX,丁\nY,戊\n");
  for (const char* name : {"existing.db", "new.db"}) {
    CAPTURE(name);
    std::string db = d.path + "/" + name;
    IngestSummary sum;
    if (std::string(name) == "existing.db") {
      Store s = Store::open_write(db);
      sum = s.ingest({a}, {});
    } else {
      sum = ingest_into(db, {a}, {}); // the bulk path of a new store
    }
    CHECK(sum.anomaly_counts["duplicate-id"] == 3);
    Store r = Store::open_read(db);
    CHECK(csv(r, "select line, id, detail from anomalies order by line")
          == "line,id,detail\r\n"
             "4,X,id also on line 2 of this file; this later row is kept\r\n"
             "5,X,id also on line 4 of this file; this later row is kept\r\n"
             "6,Y,id also on line 3 of this file; this later row is kept\r\n");
    CHECK(csv(r, "select id, unit from orders order by id") == "id,unit\r\nX,丁\r\nY,戊\r\n");
  }
}

TEST_CASE("store: --skip-bad appears only once the store has committed")
{
  TempDir d;
  std::string bad = d.write("b.csv", "工单编号,来电时间,来电人\n1,2025-01-01,张三\n2,tomorrow,李四\n");
  std::string db = d.path + "/s.db";
  cases::PiiHasher k1("store-key-one-0123456789"), k2("store-key-two-0123456789");
  {
    Store s = Store::open_write(db);
    s.ingest({d.write("a.csv", "工单编号,来电人\n9,王五\n")}, with_key(&k1));
  }
  size_t before = files_in(d.path);
  IngestOptions o = with_key(&k2); // refused: another key
  o.skip_bad = d.path + "/rejects.jsonl";
  {
    Store s = Store::open_write(db);
    CHECK_THROWS_AS(s.ingest({bad}, o), UsageError);
  }
  CHECK(!std::filesystem::exists(o.skip_bad));
  CHECK(files_in(d.path) == before); // no temporary file left
  o.reader.pii = &k1;
  {
    Store s = Store::open_write(db);
    IngestSummary sum = s.ingest({bad}, o);
    CHECK(sum.rejected == 1);
  }
  REQUIRE(std::filesystem::exists(o.skip_bad));
  std::ifstream in(o.skip_bad);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find("\"line\":3") != std::string::npos);
  CHECK(text.find("李四") == std::string::npos);
  // A new store: the rejects file is renamed once the store is in place.
  std::string fresh = d.path + "/fresh.db";
  o.skip_bad = d.path + "/fresh-rejects.jsonl";
  ingest_into(fresh, {bad}, o);
  CHECK(std::filesystem::exists(fresh));
  CHECK(std::filesystem::exists(o.skip_bad));
}

TEST_CASE("store: queries cannot create files or load code")
{
  TempDir d;
  std::string db = d.path + "/s.db";
  {
    Store s = Store::open_write(db);
    s.ingest({d.write("a.csv", "id\n1\n")}, {});
  }
  Store scratch = Store::open_write(":memory:");
  std::string created = d.path + "/created.db";
  try {
    scratch.query("attach '" + created + "' as x");
    FAIL("attach of a new file was allowed");
  } catch (const UsageError& e) {
    CHECK(std::string(e.what()).find("never creates a file") != std::string::npos);
  }
  CHECK_THROWS_AS(scratch.query("attach '" + d.path + "/' || 'c2.db' as x"), UsageError);
  CHECK(!std::filesystem::exists(created));
  CHECK(!std::filesystem::exists(d.path + "/c2.db"));
  CHECK_THROWS_AS(scratch.query("vacuum into '" + d.path + "/v.db'"), UsageError);
  CHECK(!std::filesystem::exists(d.path + "/v.db"));
  // An existing store can be attached, read-only.
  CHECK(csv(scratch, "attach '" + db + "' as x; select count(*) from x.orders")
        == "count(*)\r\n1\r\n");
  Store r = Store::open_read(db);
  CHECK_THROWS_AS(r.query("select load_extension('/nonexistent')"), UsageError);
  CHECK_THROWS_AS(r.query("select fts3_tokenizer('simple', x'0000000000000000')"), UsageError);
}

TEST_CASE("store: reloading without the map keeps dimensions and extras; events keep their ids")
{
  TempDir d;
  std::string db = d.path + "/s.db";
  cases::MapSpec map = cases::parse_map("m.yaml", "dimensions:\n  土地性质: land\n");
  IngestOptions with_map;
  with_map.reader.map = &map;
  Store s = Store::open_write(db);
  s.ingest({d.write("a.csv", "工单编号,土地性质,渠道\n1,集体土地,电话\n")}, with_map);
  s.ingest({d.write("b.csv", "工单编号,主办单位\n1,甲\n")}, {});
  CHECK(csv(s, "select dims, extra, unit from orders")
        == "dims,extra,unit\r\n\"{\"\"land\"\":\"\"集体土地\"\"}\",\"{\"\"渠道\"\":\"\"电话\"\"}\",甲\r\n");
  IngestOptions ev;
  ev.reader.kind = cases::Kind::events;
  std::string e = d.write("e.csv", "工单编号,时间,事件,单位,备注\n1,2025-03-01 09:00,派单,甲,x\n");
  s.ingest({e}, ev);
  s.ingest({d.write("e2.csv", "工单编号,时间,事件,单位\n1,2025-03-01 09:00,派单,甲\n")}, ev);
  CHECK(csv(s, "select count(*), note, seq from events") == "count(*),note,seq\r\n1,x,1\r\n");
}
