// Tests for gen/cases_gen: deterministic, realistic shape, readable by our own readers.
#include "cases/reader.hpp"
#include "gen/cases_gen.hpp"
#include "lists/load.hpp"
#include "lists/profile.hpp"
#include "resolve/context.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>

using namespace duty;

namespace {

const resolve::Context&
yanqing()
{
  static const resolve::Context ctx(lists::load_and_check({std::string(DUTY_SOURCE_DIR) + "/lists/yanqing"}));
  return ctx;
}

const lists::Profile&
practice()
{
  static const lists::Profile p = *lists::choose_profile("", nullptr).profile;
  return p;
}

std::pair<std::string, std::string>
generate(const gen::CasesSpec& spec, gen::CasesSummary* sum = nullptr)
{
  std::string orders, events;
  gen::TextSink o = [&](std::string_view s) { orders += s; };
  gen::TextSink e = [&](std::string_view s) { events += s; };
  auto s = gen::generate_cases(yanqing(), practice(), spec, o, &e);
  if (sum)
    *sum = s;
  return {orders, events};
}

} // namespace

TEST_CASE("cases: gen: same seed same bytes, other seed other bytes")
{
  gen::CasesSpec spec;
  spec.orders = 300;
  auto a = generate(spec);
  auto b = generate(spec);
  CHECK(a == b);
  spec.seed = 2;
  CHECK(generate(spec).first != a.first);
}

TEST_CASE("cases: gen: export headers, dirty rows, returns and whistles")
{
  gen::CasesSpec spec;
  spec.orders = 2000;
  spec.dirty_per_mille = 10;
  gen::CasesSummary sum;
  auto [orders, events] = generate(spec, &sum);
  CHECK(orders.starts_with("工单编号,工单类型,问题分类,标题,主要内容,工单状态,来电人,来电人电话"));
  CHECK(events.starts_with("工单编号,时间,事件,单位,哨类型,延期至,备注\r\n"));
  CHECK(sum.orders == 2000);
  CHECK(sum.dirty > 5);
  CHECK(sum.returned > 60);
  CHECK(sum.whistles > 0);
  CHECK(events.find(",退单,") != std::string::npos);
  CHECK(events.find(",吹哨,") != std::string::npos);
  CHECK(events.find(",报到,") != std::string::npos);

  // Our own reader takes it: every row but the dirty ones (anomaly rows are not errors).
  std::string dir = std::filesystem::temp_directory_path() / "duty-gen-XXXXXX";
  dir = ::mkdtemp(dir.data());
  std::ofstream(dir + "/o.csv", std::ios::binary) << orders;
  std::ofstream(dir + "/e.csv", std::ios::binary) << events;
  cases::CaseReader r(dir + "/o.csv", {});
  cases::Row row;
  size_t good = 0, bad = 0;
  while (r.next(row))
    (row.ok() ? good : bad)++;
  CHECK(good + bad == 2000);
  CHECK(bad > 0);
  CHECK(bad <= sum.dirty);
  cases::ReaderOptions ev;
  ev.kind = cases::Kind::events;
  cases::CaseReader re(dir + "/e.csv", ev);
  size_t n = 0;
  while (re.next(row)) {
    CHECK(row.ok());
    ++n;
  }
  CHECK(n == sum.events);
  std::filesystem::remove_all(dir);
}
