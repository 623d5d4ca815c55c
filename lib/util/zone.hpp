#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace duty::util {

// A time zone: a fixed offset from UTC, or a zone of the system's tz
// database (/usr/share/zoneinfo), whose offset changes with daylight saving.
class Zone
{
public:
  // Beijing time, UTC+8.
  Zone() = default;
  static Zone fixed(int minutes);
  // "UTC", "+08:00", "+0800", "UTC+8", "-5", or a tz database name
  // ("Asia/Shanghai", "America/New_York"); nullopt for anything else.
  static std::optional<Zone> parse(std::string_view name);

  // The offset from UTC in minutes of a wall-clock time, given as seconds
  // since 1970-01-01 00:00 of that wall clock. A time that occurs twice
  // (clocks set back) takes the earlier; a time that never occurs (clocks
  // set forward) takes the offset before the gap, so it lands after it.
  int offset_at_local(int64_t local_seconds) const;
  bool is_fixed() const { return m_tz == nullptr; }
  std::string name() const;

private:
  int m_minutes = 480;
  const void* m_tz = nullptr; // date::time_zone, owned by the tz database
};

} // namespace duty::util
