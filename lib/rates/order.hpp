#pragma once

// One work order as the rates see it: the few fields the counts read, as
// views into the reader's buffers (a store row, a typed export row, a
// scanned CSV record). Nothing here owns text.
#include <cstdint>
#include <optional>
#include <string_view>

namespace duty::rates {

constexpr int64_t kNoTime = INT64_MIN;

enum class Tri : uint8_t { unknown, no, yes };
enum class Resolved : uint8_t { unknown, no, partly, yes };
enum class Satisfaction : uint8_t { unknown, unrated, unsatisfied, basic, satisfied };
// A flag with an outcome (不合理诉求, 考核申诉): rejected is 查否 — the order stays in.
enum class Verdict : uint8_t { unknown, no, yes, rejected };
// One of replay's clocks, as the on-time counts read it.
enum class Clock : uint8_t { none, open, on_time, late, overdue };

struct Order
{
  std::string_view id, type, status, unit, territory, category;
  std::string_view caller; // a keyed hash or a phone number: compared, never shown
  int64_t received = kNoTime, dispatched = kNoTime, closed = kNoTime, visited = kNoTime;
  Tri visit_valid = Tri::unknown, contacted = Tri::unknown, assessed = Tri::unknown;
  Resolved resolved = Resolved::unknown;
  Satisfaction satisfaction = Satisfaction::unknown;
  Verdict unreasonable = Verdict::unknown, appeal = Verdict::unknown;
  bool returned = false; // the row's unit returned the order and it went to another unit
  // Optional: the same non-null key always comes with the same `unit` text (a
  // reader's interned value), so a unit is looked up once per key, not per order.
  const void* unit_key = nullptr;
  Clock sign = Clock::none, contact = Clock::none, close = Clock::none;
};

// "YYYY-MM-DD HH:MM:SS" (the stored form; seconds optional) → seconds since
// 1970-01-01 00:00 of the same wall clock; nullopt for anything else,
// and for a year outside util::kFirstYear..kLastYear, as cases::parse_time.
std::optional<int64_t>
parse_stamp(std::string_view s);

// The stored forms of the canonical fields (duty-store(5)): "1"/"0";
// "yes"/"partly"/"no"; "satisfied"/"basic"/"unsatisfied"/"unrated";
// "yes"/"no"/"rejected". Anything else is unknown.
Tri
tri_of(std::string_view stored);
Resolved
resolved_of(std::string_view stored);
Satisfaction
satisfaction_of(std::string_view stored);
Verdict
verdict_of(std::string_view stored);

} // namespace duty::rates
