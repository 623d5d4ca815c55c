// Tests for report/clusters: the 未诉先办 rule (≥ N orders about one matter at one place within D days).
#include "report/clusters.hpp"

#include <doctest/doctest.h>

using namespace duty;
using namespace duty::report;

namespace {

Complaint
at(const char* matter, const char* territory, const char* community, const char* date)
{
  return {matter, territory, community, *util::parse_date(date)};
}

} // namespace

TEST_SUITE_BEGIN("report");

TEST_CASE("find_clusters: three orders within seven days make a cluster; two do not")
{
  std::vector<Complaint> in = {
    at("噪音扰民", "儒林街道", "A社区", "2025-03-01"), at("噪音扰民", "儒林街道", "A社区", "2025-03-07"),
    at("噪音扰民", "儒林街道", "A社区", "2025-03-04"), // out of order on purpose
    at("噪音扰民", "儒林街道", "B社区", "2025-03-02"), at("噪音扰民", "儒林街道", "B社区", "2025-03-03"),
    at("占道经营", "儒林街道", "A社区", "2025-03-02"),
  };
  auto out = find_clusters(in, {3, 7});
  REQUIRE(out.size() == 1);
  CHECK(out[0].matter == "噪音扰民");
  CHECK(out[0].community == "A社区");
  CHECK(out[0].orders == 3);
  CHECK(out[0].first.str() == "2025-03-01");
  CHECK(out[0].last.str() == "2025-03-07");
}

TEST_CASE("find_clusters: the window is D calendar days, both ends included")
{
  std::vector<Complaint> in = {at("m", "t", "", "2025-03-01"), at("m", "t", "", "2025-03-05"),
                               at("m", "t", "", "2025-03-08")};
  CHECK(find_clusters(in, {3, 7}).empty()); // 03-01 … 03-08 is eight days
  CHECK(find_clusters(in, {3, 8}).size() == 1);
}

TEST_CASE("find_clusters: overlapping windows merge; a gap splits; orders outside every window stay out")
{
  std::vector<Complaint> in;
  for (const char* d : {"2025-03-01", "2025-03-02", "2025-03-03", "2025-03-06", "2025-03-09", "2025-03-10",
                        "2025-03-25", "2025-04-20", "2025-04-21", "2025-04-21"})
    in.push_back(at("m", "t", "", d));
  auto out = find_clusters(in, {3, 7});
  REQUIRE(out.size() == 2);
  // 03-01..03-07 holds 4; 03-03..03-09 holds 3; 03-06..03-12 holds 3: one run 03-01..03-10 of 6 orders.
  CHECK(out[0].orders == 6);
  CHECK(out[0].first.str() == "2025-03-01");
  CHECK(out[0].last.str() == "2025-03-10");
  CHECK(out[1].orders == 3);
  CHECK(out[1].first.str() == "2025-04-20");
  CHECK(out[1].last.str() == "2025-04-21");
}

TEST_CASE("find_clusters: most orders first, then earliest; orders without matter or territory ignored")
{
  std::vector<Complaint> in = {at("b", "t", "", "2025-03-05"), at("b", "t", "", "2025-03-05"),
                               at("a", "t", "", "2025-03-09"), at("a", "t", "", "2025-03-09"),
                               at("c", "t", "", "2025-03-01"), at("c", "t", "", "2025-03-01"),
                               at("c", "t", "", "2025-03-01"), at("", "t", "", "2025-03-01"),
                               at("x", "", "", "2025-03-01"),  at("x", "", "", "2025-03-01")};
  auto out = find_clusters(in, {2, 1});
  REQUIRE(out.size() == 3);
  CHECK(out[0].matter == "c");
  CHECK(out[1].matter == "b");
  CHECK(out[2].matter == "a");
  CHECK(find_clusters(in, {0, 7}).empty()); // a rule that cannot hold
}
