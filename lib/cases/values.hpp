#pragma once

#include "util/zone.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace duty::cases {

// How naive times in an export are read. The store always holds
// Asia/Shanghai wall-clock time (UTC+8, no DST): the zone of 12345.
struct TimeSpec
{
  std::string format; // optional strptime-like pattern tried first (%Y %m %d %H %M %S %z)
  util::Zone zone;    // the zone of naive times (default UTC+8)
};

// "Asia/Shanghai", "UTC", "+08:00", "+0800", "UTC+8", or any zone of the
// tz database ("America/New_York", with its daylight saving); nullopt otherwise.
std::optional<util::Zone>
parse_zone(std::string_view zone);

// Reads a timestamp: "2025-03-01 08:15:00", "2025/3/1 8:15", "2025/3/1 8:15:09",
// ISO 8601 with "T", fractions and an offset or Z, "2025年3月1日 8:15", a date
// alone (midnight), compact 20250301 / 202503010815 / 20250301081500 (digits
// only), or an Excel serial day number with any number of decimals (45717,
// 45717.34375 = 2025-03-01 08:15; a number with a dot is never compact).
// Returns local "YYYY-MM-DD HH:MM:SS" in UTC+8, or nullopt when `text` is not
// a valid time or the time in UTC+8 falls outside the years 1900-2200.
std::optional<std::string>
parse_time(std::string_view text, const TimeSpec& spec);

// What a deadline may be, for messages about one that is not.
inline constexpr const char* kDeadlineForms = "a time, a date, or a limit such as 7d, 15个工作日, 24h";

// An order's deadline or an extension's until, as exports write them: a time
// (kept as "YYYY-MM-DD HH:MM:SS"), a date alone (the whole day: "YYYY-MM-DD"),
// or a limit — 7d, 7天, 7日, 7个自然日, 15wd, 15个工作日, 24h, 24小时, 30m,
// 30分钟 — written as 7d, 15wd, 24h or 30m. nullopt when it is none of these.
std::optional<std::string>
parse_deadline(std::string_view text, const TimeSpec& spec);

// 是/否, Y/N, 1/0, yes/no, true/false, 有效/无效, 已联系/未联系 → 1/0.
std::optional<int>
parse_yes_no(std::string_view text);

// 是否解决: 是/解决/已解决 → "yes", 部分解决 → "partly", 否/未解决 → "no".
std::optional<std::string>
parse_resolved(std::string_view text);

// 满意 → "satisfied", 基本满意 → "basic", 不满意 → "unsatisfied", 未评价 → "unrated".
std::optional<std::string>
parse_satisfaction(std::string_view text);

// A flag with an outcome (不合理诉求, 考核申诉): 是/认定/通过/核减/申诉成功 → "yes",
// 否/无 → "no", 查否/驳回/不通过/申诉失败/不予核减 → "rejected" (claimed, then rejected).
std::optional<std::string>
parse_verdict(std::string_view text);

} // namespace duty::cases
