// Tests for lists/profile: the typed assessment profile, its checks, the
// built-in profiles and how a command chooses one.
#include "lists/load.hpp"
#include "lists/profile.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <unistd.h>

#include <string>

using namespace duty;
using namespace duty::lists;

namespace {

// Loads one profile file; returns its diagnostics ("rule line:col message" each).
std::vector<std::string>
problems(const std::string& items, LoadResult* out = nullptr)
{
  LoadResult r;
  load_text(r, "p.yaml", "kind: profile\nitems:\n" + items);
  std::vector<std::string> v;
  for (const auto& d : r.diags)
    v.push_back(d.rule + " " + std::to_string(d.location.line) + ":" + std::to_string(d.location.column) + " "
                + d.message);
  if (out)
    *out = std::move(r);
  return v;
}

const std::string kMinimal = "  - id: p\n    weights: {response: 0.1, resolution: 0.5, satisfaction: 0.4}\n";

} // namespace

TEST_SUITE_BEGIN("lists");

TEST_CASE("parse_ratio keeps decimals exact")
{
  CHECK(parse_ratio("0.9") == Ratio{9, 10});
  CHECK(parse_ratio("0.10") == Ratio{10, 100});
  CHECK(parse_ratio("1") == Ratio{1, 1});
  CHECK(parse_ratio("100") == Ratio{100, 1});
  CHECK(parse_ratio("0.125") == Ratio{125, 1000});
  CHECK_FALSE(parse_ratio(""));
  CHECK_FALSE(parse_ratio("."));
  CHECK_FALSE(parse_ratio("-0.1"));
  CHECK_FALSE(parse_ratio("1e-1"));
  CHECK_FALSE(parse_ratio("0.1234567891"));
  CHECK_FALSE(parse_ratio("0.9 "));
}

TEST_CASE("the built-in profiles parse and say what DOMAIN §2 says")
{
  for (auto name : builtin_profile_names()) {
    ProfileChoice c = choose_profile(name, nullptr);
    INFO(std::string(name));
    REQUIRE(c.diags.empty());
    REQUIRE(c.profile);
    CHECK(c.profile->id.value == name);
    CHECK(c.source == "built-in " + std::string(name));
  }
  Profile bj = *choose_profile("", nullptr).profile;
  CHECK(bj.id.value == "bj-practice");
  CHECK(bj.basic_satisfied == Ratio{9, 10});
  REQUIRE(bj.weights.size() == 1);
  CHECK(bj.weights[0].response == Ratio{10, 100});
  CHECK(bj.weights[0].resolution == Ratio{50, 100});
  CHECK(bj.weights[0].satisfaction == Ratio{40, 100});
  CHECK(bj.response.count == RateCount::contacted);
  CHECK(bj.satisfaction.of == RateBase::valid_visits);
  CHECK(bj.scale == 100);
  CHECK(bj.decimals == 1);
  CHECK(bj.tie == Tie::volume);
  CHECK(bj.group_of(UnitType::town) == "街乡镇");
  CHECK(bj.group_of(UnitType::police) == "部门");
  CHECK(bj.group_of(UnitType::community) == "其他");
  Profile on = *choose_profile("on-time", nullptr).profile;
  CHECK(on.response.count == RateCount::contact_on_time);
  CHECK(on.response.of == RateBase::clocked);
  CHECK(on.resolution.count == RateCount::close_on_time);
  CHECK(on.satisfaction.count == RateCount::satisfied);
}

TEST_CASE("settings are written back in their canonical words and exact decimals")
{
  CHECK(ratio_text({9, 10}) == "0.9");
  CHECK(ratio_text({10, 100}) == "0.10");
  CHECK(ratio_text({5, 1000}) == "0.005");
  CHECK(ratio_text({1, 1}) == "1");
  CHECK(name_of(ExclusionRule::redispatched_first_unit) == "redispatched_first_unit");
  CHECK(name_of(RateBase::valid_visits) == "valid_visits");
  CHECK(name_of(PeriodStamp::visited_at) == "visited_at");
  CHECK(name_of(Summary::pooled) == "pooled");
}

TEST_CASE("limits: the urgency's own first, then the general one")
{
  Profile bj = *choose_profile("bj-practice", nullptr).profile;
  CHECK(bj.limit("close")->str() == "7d");
  CHECK(bj.limit("close", "紧急")->str() == "24h");
  CHECK(bj.limit("close", "一般")->str() == "7d");
  CHECK(bj.limit("report")->str() == "30m");
  CHECK_FALSE(bj.limit("reply"));
  CHECK(bj.extension->str() == "7d");
  CHECK(bj.clock_start == ClockStart::dispatch);
  CHECK(bj.day_count == DayCount::civil);
}

TEST_CASE("weights per group with an effective date")
{
  LoadResult r;
  REQUIRE(problems(R"(  - id: p
    weights:
      - {response: 0.1, resolution: 0.5, satisfaction: 0.4}
      - {group: 部门, from: 2025-07-01, response: 0.2, resolution: 0.4, satisfaction: 0.4}
      - {from: 2026-01-01, response: 0.3, resolution: 0.3, satisfaction: 0.4}
)",
                   &r)
            .empty());
  const Profile& p = r.set.profiles.at(0);
  auto d = [](const char* s) { return *util::parse_date(s); };
  CHECK(p.weights_for("部门", d("2025-06-30"))->response == Ratio{1, 10});
  CHECK(p.weights_for("部门", d("2025-07-01"))->response == Ratio{2, 10});
  // A group's own weights win over the ones for every group.
  CHECK(p.weights_for("部门", d("2026-03-01"))->response == Ratio{2, 10});
  CHECK(p.weights_for("街乡镇", d("2025-07-01"))->response == Ratio{1, 10});
  CHECK(p.weights_for("街乡镇", d("2026-01-01"))->response == Ratio{3, 10});
}

TEST_CASE("a profile that does not add up is a located error")
{
  SUBCASE("weights not summing to 1, exactly")
  {
    auto v = problems("  - id: p\n    weights: {response: 0.1, resolution: 0.5, satisfaction: 0.3}\n");
    REQUIRE(v.size() == 1);
    CHECK(v[0] == "bad-value 4:14 the weights sum to 0.9, not 1");
    // 0.1 + 0.2 is not a float question here.
    CHECK(problems("  - id: p\n    weights: {response: 0.1, resolution: 0.2, satisfaction: 0.7}\n").empty());
  }
  SUBCASE("a factor outside 0..1")
  {
    auto v = problems(kMinimal + "    basic_satisfied_factor: 1.5\n");
    REQUIRE(v.size() == 1);
    CHECK(v[0] == "bad-value 5:29 \"basic_satisfied_factor\" is 1.5; it must be between 0 and 1");
    CHECK(problems(kMinimal + "    partly_resolved_factor: abc\n").at(0).starts_with("bad-value 5:29 \"abc\" is not"));
  }
  SUBCASE("overlapping windows and gaps")
  {
    auto v = problems(kMinimal + "    period: {kind: window, from: \"19 00:00\", to: \"20 24:00\"}\n");
    REQUIRE(v.size() == 1);
    INFO(v[0]);
    CHECK(v[0].starts_with("bad-value 5:50 the window overlaps consecutive periods: one ends on day 20 24:00, "
                           "the next starts on day 19 00:00"));
    v = problems(kMinimal + "    period: {kind: window, from: \"19 00:00\", to: \"17 24:00\"}\n");
    REQUIRE(v.size() == 1);
    CHECK(v[0].find("leaves a gap between consecutive periods") != std::string::npos);
    CHECK(problems(kMinimal + "    period: {kind: window, from: 19, to: 18}\n").empty());
    CHECK(problems(kMinimal + "    period: {kind: window, from: \"19 12:00\", to: \"19 12:00\"}\n").empty());
    CHECK(problems(kMinimal + "    period: {kind: window, from: 30, to: 29}\n").size() == 2);
    CHECK(problems(kMinimal + "    period: {kind: month, from: 19}\n").size() == 1);
  }
  SUBCASE("unknown keys and words with did-you-mean")
  {
    auto v = problems(kMinimal + "    weigths: {}\n");
    REQUIRE(v.size() == 1);
    CHECK(v[0] == "unknown-key 5:5 unknown field \"weigths\" in a profile");
    LoadResult r;
    problems(kMinimal + "    attribution: leed\n    exclusions: [{rule: duplicat, within: 7d}]\n", &r);
    REQUIRE(r.diags.size() == 2);
    CHECK(r.diags[0].message == "unknown attribution \"leed\"");
    CHECK(r.diags[0].hint == "did you mean \"lead\"? (expected \"final_unit\" or \"lead\")");
    CHECK(r.diags[1].message == "unknown exclusion rule \"duplicat\"");
    CHECK(r.diags[1].hint.starts_with("did you mean \"duplicate\"?"));
  }
  SUBCASE("exclusions")
  {
    CHECK(problems(kMinimal + "    exclusions: [{rule: duplicate}]\n").at(0)
          == "schema 5:25 a duplicate exclusion needs \"within\"");
    CHECK(problems(kMinimal + "    exclusions: [{rule: 重复诉求, within: 7d}, {rule: 申诉核减, from: [response]}]\n").empty());
    CHECK(problems(kMinimal + "    exclusions: [{rule: 咨询}, {rule: consultation}]\n").at(0).find("listed twice")
          != std::string::npos);
  }
  SUBCASE("groups, rates, limits")
  {
    CHECK(problems(kMinimal + "    groups: [{name: a, types: [street]}, {name: b, types: [street]}]\n").at(0).find(
            "is in two groups") != std::string::npos);
    CHECK(problems(kMinimal + "    rates: {response: {count: contact, of: orders}}\n").at(0).find(
            "unknown rate count \"contact\"") != std::string::npos);
    CHECK(problems(kMinimal + "    limits: {clse: 7d}\n").at(0).find("unknown time limit \"clse\"")
          != std::string::npos);
    CHECK(problems(kMinimal + "    urgency_limits: {紧急: {close: 0h}}\n").at(0).find("not a valid duration")
          != std::string::npos);
    CHECK(problems("  - id: p\n    weights: [{group: 部门x, response: 1, resolution: 0, satisfaction: 0}]\n")
            .at(0)
            .find("which \"groups\" does not define") != std::string::npos);
  }
  SUBCASE("what the rates need: a clocked base only for on-time counts, windows in clock time")
  {
    CHECK(problems(kMinimal + "    rates: {response: {count: contacted, of: clocked}}\n").at(0)
          == "bad-value 5:46 \"clocked\" is a base for the on-time counts only");
    CHECK(problems(kMinimal + "    rates: {response: {count: contact_on_time, of: clocked}}\n").empty());
    CHECK(problems(kMinimal + "    exclusions: [{rule: duplicate, within: 5wd}]\n").at(0)
          == "bad-value 5:44 \"within\" is counted in clock time, not working days");
    LoadResult r;
    CHECK(problems(kMinimal + "    rate_decimals: 1\n", &r).empty());
    REQUIRE(r.set.profiles.size() == 1);
    CHECK(r.set.profiles[0].rate_decimals == 1);
    CHECK(problems(kMinimal + "    rate_decimals: 9\n").at(0).find("from 0 to 6") != std::string::npos);
  }
  SUBCASE("weights are required")
  {
    CHECK(problems("  - id: p\n").at(0) == "schema 3:5 this profile lacks \"weights\"");
  }
}

TEST_CASE("choose_profile: a set's profile, a file, a built-in, or a clear error")
{
  LoadResult r;
  problems(kMinimal, &r);
  ProfileChoice c = choose_profile("p", &r.set);
  REQUIRE(c.profile);
  CHECK(c.source == "p.yaml:3");
  CHECK_THROWS_WITH_AS(choose_profile("bj-practise", &r.set),
                       "--profile: no profile \"bj-practise\"; did you mean \"bj-practice\"?", UsageError);
  ProfileChoice missing = choose_profile("no/such/file.yaml", nullptr);
  CHECK(missing.unreadable);
  CHECK_FALSE(missing.profile);
  std::string yanqing = std::string(DUTY_SOURCE_DIR) + "/lists/yanqing/profile/yanqing.yaml";
  ProfileChoice y = choose_profile(yanqing, nullptr);
  REQUIRE(y.profile);
  CHECK(y.profile->id.value == "yanqing");
  CHECK(y.profile->exclusions.size() == 6);
  CHECK(choose_profile(yanqing + "#yanqing", nullptr).profile);
  CHECK_THROWS_AS(choose_profile(yanqing + "#other", nullptr), UsageError);
}

TEST_CASE("choose_profile: a bare name is a built-in or the set's before a directory of that name")
{
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("duty-profile-" + std::to_string(::getpid()));
  fs::create_directories(dir / "on-time");
  fs::create_directories(dir / "p");
  // Back to the working directory and no folder left behind, whatever throws.
  struct Back
  {
    fs::path cwd = fs::current_path(), dir;
    ~Back()
    {
      std::error_code ec;
      fs::current_path(cwd, ec);
      fs::remove_all(dir, ec);
    }
  } back{fs::current_path(), dir};
  fs::current_path(dir);
  LoadResult r;
  problems(kMinimal, &r);
  ProfileChoice on = choose_profile("on-time", nullptr);
  ProfileChoice p = choose_profile("p", &r.set);
  REQUIRE(on.profile);
  CHECK(on.source == "built-in on-time");
  REQUIRE(p.profile);
  CHECK(p.source == "p.yaml:3");
}

TEST_SUITE_END();
