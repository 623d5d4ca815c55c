// Tests for cases/values: timestamps, zones, yes/no, resolved, satisfaction.
#include "cases/fields.hpp"
#include "cases/values.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <ostream>
#include <string>

using namespace duty;
using namespace duty::cases;

namespace {

std::string
t(const char* s, const TimeSpec& spec = {})
{
  return parse_time(s, spec).value_or("<none>");
}

} // namespace

TEST_CASE("cases: timestamps in the shapes exports use")
{
  CHECK(t("2025-03-01 08:15:00") == "2025-03-01 08:15:00");
  CHECK(t("2025/3/1 8:15") == "2025-03-01 08:15:00");
  CHECK(t("2025/3/1 8:15:09") == "2025-03-01 08:15:09");
  CHECK(t(" 2025-03-01 08:15 ") == "2025-03-01 08:15:00");
  CHECK(t("2025-03-01") == "2025-03-01 00:00:00");
  CHECK(t("2025/12/31") == "2025-12-31 00:00:00");
  CHECK(t("2025年3月1日 8时15分") == "2025-03-01 08:15:00");
  CHECK(t("2025年3月1日") == "2025-03-01 00:00:00");
  CHECK(t("20250301") == "2025-03-01 00:00:00");
  CHECK(t("20250301081500") == "2025-03-01 08:15:00");
  CHECK(t("2025-03-01T08:15:00.123") == "2025-03-01 08:15:00");
}

TEST_CASE("cases: ISO 8601 offsets convert to Beijing time")
{
  CHECK(t("2025-03-01T00:15:00Z") == "2025-03-01 08:15:00");
  CHECK(t("2025-03-01T08:15:00+08:00") == "2025-03-01 08:15:00");
  CHECK(t("2025-03-01T08:15:00+0000") == "2025-03-01 16:15:00");
  CHECK(t("2025-02-28T20:00:00-05:00") == "2025-03-01 09:00:00");
  // Crossing a year end backwards.
  CHECK(t("2025-01-01T01:00:00+09:00") == "2025-01-01 00:00:00");
  CHECK(t("2024-12-31T15:59:59Z") == "2024-12-31 23:59:59");
  // No zone lies beyond ±14:00.
  CHECK(t("2025-03-01T08:15:00+14:00") == "2025-03-01 02:15:00");
  CHECK(t("2025-03-01T08:15:00+14:30") == "<none>");
  CHECK(t("2025-03-01T08:15:00-1459") == "<none>");
}

TEST_CASE("cases: Excel serial day numbers")
{
  CHECK(t("45717") == "2025-03-01 00:00:00");
  CHECK(t("45717.34375") == "2025-03-01 08:15:00");
  CHECK(t("45717.5") == "2025-03-01 12:00:00");
  // Outside 1954..2173 a number is not taken for a date.
  CHECK(t("12") == "<none>");
  CHECK(t("123456") == "<none>");
}

TEST_CASE("cases: naive times follow the map's zone")
{
  TimeSpec utc;
  utc.zone = util::Zone::fixed(0);
  CHECK(t("2025-03-01 00:15:00", utc) == "2025-03-01 08:15:00");
  CHECK(t("2025-03-01T00:15:00+08:00", utc) == "2025-03-01 00:15:00");
  TimeSpec f;
  f.format = "%d.%m.%Y %H:%M";
  CHECK(t("01.03.2025 08:15", f) == "2025-03-01 08:15:00");
  TimeSpec us;
  us.format = "%m/%d/%Y %I:%M:%S %p";
  us.zone = util::Zone::fixed(-300);
  CHECK(t("03/01/2011 02:27:57 PM", us) == "2011-03-02 03:27:57");
  CHECK(t("03/01/2011 12:05:00 AM", us) == "2011-03-01 13:05:00");
  CHECK(t("03/01/2011 13:05:00 PM", us) == "<none>");
  // The built-in shapes still work after the custom format fails.
  CHECK(t("2025-03-01 08:15", f) == "2025-03-01 08:15:00");
}

TEST_CASE("cases: invalid times are refused")
{
  for (const char* bad : {"2025-13-01", "2025-02-29 08:00", "2025-02-30", "2025-03-01 24:00",
                          "2025-03-01 08:60", "昨天", "", "2025-03", "2025-03-01 08",
                          "2025-03-01T08:00:00+25:00", "2025-03-01 08:00 xyz", "1800-01-01"})
    CHECK_MESSAGE(!parse_time(bad, {}), bad);
  CHECK(t("2024-02-29") == "2024-02-29 00:00:00");
}

TEST_CASE("cases: zones")
{
  auto offset = [](const char* z) {
    auto zone = parse_zone(z);
    return zone ? zone->offset_at_local(0) : 9999;
  };
  CHECK(offset("Asia/Shanghai") == 480);
  CHECK(offset("UTC") == 0);
  CHECK(offset("+08:00") == 480);
  CHECK(offset("+0530") == 330);
  CHECK(offset("UTC+8") == 480);
  CHECK(offset("-5") == -300);
  CHECK(offset("Europe/Berlin") == 60);
  CHECK(!parse_zone("Mars/Base"));
  CHECK(!parse_zone("+25:00"));
  CHECK(!parse_zone("-14:53")); // no zone lies beyond ±14:00
  CHECK(!parse_zone("+1430"));
  CHECK(offset("+14:00") == 840);
  CHECK(!parse_zone("EST")); // ambiguous abbreviations need a name
}

TEST_CASE("cases: zones with daylight saving (tz database)")
{
  TimeSpec ny;
  ny.zone = *parse_zone("America/New_York");
  // Winter: UTC-5; summer: UTC-4.
  CHECK(t("2011-03-01 02:27:57", ny) == "2011-03-01 15:27:57");
  CHECK(t("2011-07-01 02:27:57", ny) == "2011-07-01 14:27:57");
  // The spring-forward gap (2011-03-13 02:00-03:00 never happened) lands after it;
  // the fall-back hour that happened twice takes the first (EDT).
  CHECK(t("2011-03-13 02:30:00", ny) == "2011-03-13 15:30:00");
  CHECK(t("2011-11-06 01:30:00", ny) == "2011-11-06 13:30:00");
  CHECK(t("2011-11-06 03:00:00", ny) == "2011-11-06 16:00:00");
  // An explicit offset wins over the zone.
  CHECK(t("2011-07-01T02:00:00+00:00", ny) == "2011-07-01 10:00:00");
  TimeSpec la;
  la.zone = *parse_zone("America/Los_Angeles");
  CHECK(t("12/31/2017 11:59:58 PM", la) == "<none>"); // no built-in US shape without a format
  la.format = "%m/%d/%Y %I:%M:%S %p";
  CHECK(t("12/31/2017 11:59:58 PM", la) == "2018-01-01 15:59:58");
}

TEST_CASE("cases: Excel serials of any length; compact shapes have no dot")
{
  CHECK(t("45931.25") == "2025-10-01 06:00:00");
  CHECK(t("45931.250000") == "2025-10-01 06:00:00");
  CHECK(t("45931.31179398") == "2025-10-01 07:28:59");
  CHECK(t("45931.3118055556") == "2025-10-01 07:29:00");
  CHECK(t("45931.") == "2025-10-01 00:00:00");
  CHECK(t("20251001") == "2025-10-01 00:00:00");
  CHECK(t("202510010815") == "2025-10-01 08:15:00");
  CHECK(t("20251001081509") == "2025-10-01 08:15:09");
  CHECK(t("2025100108") == "<none>");
}

TEST_CASE("cases: an offset that carries a time out of 1900-2200 is refused")
{
  CHECK(t("1900-01-01 00:00:00+14:00") == "<none>");
  CHECK(t("1900-01-01 12:00:00+14:00") == "1900-01-01 06:00:00");
  CHECK(t("2200-12-31 23:00:00-12:00") == "<none>");
}

TEST_CASE("cases: the stored form itself is held to 1900-2200 too (found by fuzz_scan)")
{
  CHECK(t("2520-03-01 09:01:21") == "<none>");
  CHECK(t("1899-12-31 23:59:59") == "<none>");
  CHECK(t("1900-01-01 00:00:00") == "1900-01-01 00:00:00");
  CHECK(t("2200-12-31 23:59:59") == "2200-12-31 23:59:59");
}

TEST_CASE("cases: yes/no, resolved and satisfaction values")
{
  CHECK(parse_yes_no("是") == 1);
  CHECK(parse_yes_no("否") == 0);
  CHECK(parse_yes_no("Y") == 1);
  CHECK(parse_yes_no("n") == 0);
  CHECK(parse_yes_no("1") == 1);
  CHECK(parse_yes_no("0") == 0);
  CHECK(!parse_yes_no("也许"));
  CHECK(parse_resolved("解决") == "yes");
  CHECK(parse_resolved("是") == "yes");
  CHECK(parse_resolved("部分解决") == "partly");
  CHECK(parse_resolved("未解决") == "no");
  CHECK(parse_resolved("否") == "no");
  CHECK(!parse_resolved("不知道"));
  CHECK(parse_satisfaction("满意") == "satisfied");
  CHECK(parse_satisfaction("基本满意") == "basic");
  CHECK(parse_satisfaction("不满意") == "unsatisfied");
  CHECK(parse_satisfaction("未评价") == "unrated");
  CHECK(!parse_satisfaction("很好"));
}

TEST_CASE("parse_verdict: a flag with an outcome, 查否 kept apart")
{
  CHECK(parse_verdict("是") == "yes");
  CHECK(parse_verdict("核减") == "yes");
  CHECK(parse_verdict("申诉成功") == "yes");
  CHECK(parse_verdict("否") == "no");
  CHECK(parse_verdict("查否") == "rejected");
  CHECK(parse_verdict("驳回") == "rejected");
  CHECK(parse_verdict("不予核减") == "rejected");
  CHECK_FALSE(parse_verdict("也许"));
}

TEST_CASE("cases: an order's deadline: a limit, a date or a time")
{
  TimeSpec spec;
  CHECK(parse_deadline("7d", spec) == "7d");
  CHECK(parse_deadline("7天", spec) == "7d");
  CHECK(parse_deadline("7个自然日", spec) == "7d");
  CHECK(parse_deadline(" 15个工作日 ", spec) == "15wd");
  CHECK(parse_deadline("15工作日", spec) == "15wd");
  CHECK(parse_deadline("15WD", spec) == "15wd");
  CHECK(parse_deadline("24小时", spec) == "24h");
  CHECK(parse_deadline("2h", spec) == "2h");
  CHECK(parse_deadline("30分钟", spec) == "30m");
  CHECK(parse_deadline("2025-03-08", spec) == "2025-03-08");
  CHECK(parse_deadline("2025/3/8", spec) == "2025-03-08");
  CHECK(parse_deadline("2025-03-08 17:30", spec) == "2025-03-08 17:30:00");
  CHECK(parse_deadline("2025-03-08 00:00:00", spec) == "2025-03-08 00:00:00"); // a time, though midnight
  CHECK(parse_deadline("2025-03-08T09:30:00Z", spec) == "2025-03-08 17:30:00");
  CHECK(!parse_deadline("0d", spec));
  CHECK(!parse_deadline("7", spec));
  CHECK(!parse_deadline("7周", spec));
  CHECK(!parse_deadline("尽快", spec));
  CHECK(!parse_deadline("", spec));
}

TEST_CASE("cases: the 条例's 派单异议 is a return")
{
  CHECK(canonical_event("派单异议") == "退单");
  CHECK(canonical_event("退回") == "退单");
  CHECK(canonical_event("申请延期") == "延期");
  CHECK(field_index(Kind::orders, "deadline"));
  CHECK(field_index(Kind::events, "until"));
}
