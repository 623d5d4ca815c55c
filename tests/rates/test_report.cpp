// Tests for rates/tally and rates/report: exclusions and their reasons,
// duplicates, summaries, ranks, weights by date, changes and filters.
#include "lists/load.hpp"
#include "lists/profile.hpp"
#include "rates/report.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <deque>
#include <string>

using namespace duty;
using namespace duty::rates;

namespace {

lists::Profile
profile(const std::string& extra)
{
  lists::LoadResult r;
  std::string weights = extra.find("weights:") == std::string::npos
                          ? "    weights: {response: 0.1, resolution: 0.5, satisfaction: 0.4}\n"
                          : "";
  lists::load_text(r, "p.yaml", "kind: profile\nitems:\n  - id: t\n" + weights + extra);
  REQUIRE(r.diags.empty());
  REQUIRE(r.set.profiles.size() == 1);
  return r.set.profiles[0];
}

// A valid visit in March for `unit`: contacted, resolved and satisfaction as given.
struct Make
{
  std::deque<std::string> text; // owns what the views point at
  Order operator()(std::string unit, bool contacted, Resolved resolved, Satisfaction s, std::string closed = "2025-03-10 10:00:00")
  {
    Order o;
    o.unit = text.emplace_back(std::move(unit));
    o.id = text.emplace_back("id" + std::to_string(text.size()));
    o.closed = *parse_stamp(text.emplace_back(std::move(closed)));
    o.received = o.closed - 86400;
    o.visit_valid = Tri::yes;
    o.contacted = contacted ? Tri::yes : Tri::no;
    o.resolved = resolved;
    o.satisfaction = s;
    return o;
  }
};

Totals
count(const lists::Profile& p, const std::vector<Order>& orders, const Duplicates* dups = nullptr)
{
  Attributor attr(p, nullptr, By::unit);
  Tally t(p, attr, dups);
  for (const auto& o : orders)
    t.add(o);
  return t.totals();
}

const Row&
row(const Report& r, std::string_view subject)
{
  for (const auto& b : r.blocks)
    for (const auto& x : b.rows)
      if (x.subject == subject && x.kind == Row::Kind::unit)
        return x;
  FAIL("no row " << subject);
  static Row none;
  return none;
}

} // namespace

TEST_SUITE_BEGIN("rates");

TEST_CASE("the practice rates and composite from counts")
{
  Make m;
  auto p = profile("");
  std::vector<Order> v = {
    m("甲", true, Resolved::yes, Satisfaction::satisfied), m("甲", true, Resolved::partly, Satisfaction::basic),
    m("甲", false, Resolved::no, Satisfaction::unsatisfied)};
  Report r = build_report(p, count(p, v), {});
  const Row& a = row(r, "甲");
  CHECK(a.counts.orders == 3);
  CHECK(*a.rate[0] == Fraction(2, 3));
  CHECK(*a.rate[1] == Fraction(1, 3)); // 部分解决 counts 0 by default
  CHECK(*a.rate[2] == Fraction(19, 30)); // (1 + 0.9) / 3
  // 100 × (0.1·2/3 + 0.5·1/3 + 0.4·19/30) = 48.666… → 48.7
  CHECK(*a.score == Fraction(146, 3));
  CHECK(scaled_text(*a.shown, 1) == "48.7");
  CHECK(a.rank == 1);
}

TEST_CASE("exclusions run in order, from some counts or all, each reason counted")
{
  Make m;
  auto p = profile("    exclusions:\n      - {rule: consultation, from: [satisfaction]}\n"
                   "      - {rule: invalid_visit, from: [volume]}\n      - {rule: appeal_upheld}\n"
                   "      - {rule: unreasonable}\n");
  std::vector<Order> v;
  v.push_back(m("甲", true, Resolved::yes, Satisfaction::satisfied));
  Order c = m("甲", false, Resolved::no, Satisfaction::unsatisfied);
  c.type = "咨询"; // out of satisfaction only
  v.push_back(c);
  Order i = m("甲", true, Resolved::yes, Satisfaction::satisfied);
  i.visit_valid = Tri::no; // out of the volume; no valid visit, so in no rate either
  v.push_back(i);
  Order a = m("甲", true, Resolved::yes, Satisfaction::satisfied);
  a.appeal = Verdict::yes; // out of everything
  a.unreasonable = Verdict::yes; // not looked at: already out of every count
  v.push_back(a);
  Order k = m("甲", false, Resolved::no, Satisfaction::unsatisfied);
  k.unreasonable = Verdict::rejected; // 查否: stays
  v.push_back(k);
  Report r = build_report(p, count(p, v), {});
  const Row& x = row(r, "甲");
  CHECK(x.counts.orders == 3);
  CHECK(x.counts.excluded[size_t(lists::ExclusionRule::consultation)] == 1);
  CHECK(x.counts.excluded[size_t(lists::ExclusionRule::invalid_visit)] == 1);
  CHECK(x.counts.excluded[size_t(lists::ExclusionRule::appeal_upheld)] == 1);
  CHECK(x.counts.excluded[size_t(lists::ExclusionRule::unreasonable)] == 0);
  CHECK(x.counts.rate[0].base == 3);
  CHECK(x.counts.rate[2].base == 2);
  CHECK(*x.rate[2] == Fraction(1, 2));
}

TEST_CASE("duplicates: same caller and matter within the window after an earlier order")
{
  Duplicates d(7 * 86400);
  int64_t t0 = *parse_stamp("2025-03-01 08:00:00");
  d.add("p:1", "噪音", t0, "a");
  d.add("p:1", "噪音", t0 + 7 * 86400, "b");     // exactly 7 days after: within
  d.add("p:1", "噪音", t0 + 14 * 86400 + 1, "c"); // more than 7 days after b
  d.add("p:1", "违建", t0 + 60, "d");             // another matter
  d.add("p:2", "噪音", t0 + 60, "e");             // another caller
  d.add("p:2", "噪音", t0 + 60, "f");             // same time: the later id is the repeat
  d.add("", "噪音", t0, "g");                     // no caller: never a duplicate
  d.add("", "噪音", t0, "h");
  d.finish();
  CHECK(d.size() == 2);
  CHECK(d.contains("b"));
  CHECK(d.contains("f"));
  CHECK_FALSE(d.contains("a"));
  CHECK_FALSE(d.contains("c"));
  CHECK_FALSE(d.contains("h"));
}

TEST_CASE("ranks: rounded score, then volume or shared; rows without a score last")
{
  Make m;
  std::vector<Order> v = {m("甲", true, Resolved::yes, Satisfaction::satisfied),
                          m("乙", true, Resolved::yes, Satisfaction::satisfied),
                          m("乙", true, Resolved::yes, Satisfaction::satisfied),
                          m("丙", false, Resolved::no, Satisfaction::unsatisfied)};
  Order none = m("丁", true, Resolved::yes, Satisfaction::satisfied);
  none.visit_valid = Tri::unknown; // no valid visit: no rates, no score
  v.push_back(none);
  auto p = profile("");
  Report r = build_report(p, count(p, v), {});
  REQUIRE(r.blocks.size() == 1);
  const auto& rows = r.blocks[0].rows;
  REQUIRE(rows.size() == 5);
  CHECK(rows[0].subject == "乙");
  CHECK(rows[0].rank == 1);
  CHECK(rows[1].subject == "甲");
  CHECK(rows[1].rank == 2);
  CHECK(rows[2].rank == 3);
  CHECK(rows[3].subject == "丁");
  CHECK_FALSE(rows[3].rank);
  CHECK_FALSE(rows[3].score);
  CHECK(rows[4].kind == Row::Kind::average);
  // 合计 averages the three units that have rates: (1 + 1 + 0) / 3.
  CHECK(*rows[4].rate[0] == Fraction(2, 3));
  CHECK(rows[4].counts.orders == 5);

  auto shared = profile("    ranking: {tie: shared}\n    summary: [average, pooled]\n");
  Report s = build_report(shared, count(shared, v), {});
  CHECK(row(s, "甲").rank == 1);
  CHECK(row(s, "乙").rank == 1);
  CHECK(row(s, "丙").rank == 3);
  const auto& pooled = s.blocks[0].rows.back();
  CHECK(pooled.kind == Row::Kind::pooled);
  CHECK(*pooled.rate[0] == Fraction(3, 4)); // 3 contacted of 4 valid visits
  CHECK(pooled.counts.orders == 5);          // the units' counts, not the other summary's too
  CHECK(pooled.counts.rate[0].base == 4);
  const auto& mean = s.blocks[0].rows[s.blocks[0].rows.size() - 2];
  CHECK(mean.kind == Row::Kind::average);
  CHECK(mean.counts.orders == 5);
}

TEST_CASE("weights per group and date; the period's last day decides")
{
  Make m;
  auto p = profile("    weights:\n      - {response: 0.1, resolution: 0.5, satisfaction: 0.4}\n"
                   "      - {from: 2025-04-01, response: 1, resolution: 0, satisfaction: 0}\n");
  std::vector<Order> v = {m("甲", true, Resolved::no, Satisfaction::unsatisfied, "2025-03-31 23:00:00"),
                          m("甲", true, Resolved::no, Satisfaction::unsatisfied, "2025-04-01 01:00:00")};
  auto totals = count(p, v);
  ReportSpec spec;
  spec.span = parse_span("2025-03");
  CHECK(scaled_text(*row(build_report(p, totals, spec), "甲").shown, 1) == "10.0");
  spec.span = parse_span("2025-04");
  CHECK(scaled_text(*row(build_report(p, totals, spec), "甲").shown, 1) == "100.0");
  spec.span = parse_span("2025-03..2025-04");
  Report r = build_report(p, totals, spec);
  const Row& both = row(r, "甲");
  CHECK(both.counts.orders == 2);
  CHECK(scaled_text(*both.shown, 1) == "100.0");
  spec.by = By::unit_month;
  CHECK(build_report(p, totals, spec).blocks.size() == 2);
}

TEST_CASE("compare, filters and clear errors")
{
  Make m;
  auto p = profile("");
  std::vector<Order> v = {m("甲", true, Resolved::yes, Satisfaction::satisfied),
                          m("乙", false, Resolved::no, Satisfaction::unsatisfied),
                          m("甲", false, Resolved::no, Satisfaction::unsatisfied, "2025-02-10 10:00:00"),
                          m("乙", true, Resolved::yes, Satisfaction::satisfied, "2025-02-10 10:00:00")};
  auto totals = count(p, v);
  ReportSpec spec;
  spec.span = parse_span("2025-03");
  spec.compare = parse_span("2025-02");
  Report r = build_report(p, totals, spec);
  const Row& a = row(r, "甲");
  CHECK(a.compared);
  CHECK(a.prev_rank == 2);
  CHECK(a.rank == 1);
  CHECK(*a.prev_rate[0] == 0);

  spec.compare.reset();
  spec.only = {"乙"};
  Report f = build_report(p, totals, spec);
  REQUIRE(f.blocks.size() == 1);
  CHECK(f.blocks[0].rows.size() == 2); // 乙 and 合计
  CHECK(f.blocks[0].rows[0].rank == 2);
  spec.only = {"丙"};
  CHECK_THROWS_AS(build_report(p, totals, spec), InputError);
  spec.only.clear();
  spec.span = parse_span("2024-01");
  CHECK_THROWS_WITH_AS(build_report(p, totals, spec), "no orders in 2024-01: the input has orders in 2025-02..2025-03",
                       InputError);
  CHECK_THROWS_AS(build_report(p, Totals{}, {}), InputError);
}

TEST_CASE("parse_stamp: the stored form, in the years cases::parse_time keeps")
{
  CHECK(rates::parse_stamp("2025-03-01 08:00:00") == *rates::parse_stamp("2025-03-01") + 8 * 3600);
  CHECK_FALSE(rates::parse_stamp("2520-03-01 09:01:21"));
  CHECK_FALSE(rates::parse_stamp("1899-12-31"));
  CHECK(rates::parse_stamp("2200-12-31 23:59:59"));
}

TEST_SUITE_END();
