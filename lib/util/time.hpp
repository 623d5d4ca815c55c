#pragma once

#include "util/date.hpp"

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace duty::util {

// A moment on Beijing's wall clock (UTC+8, no daylight saving time), to the
// second: the zone of 12345, of the lists and of the case store. Stored as
// seconds since 1970-01-01 00:00:00 of that clock, so differences are exact
// and days are always 86400 seconds. At the edges (files, the store, output)
// a time is always "YYYY-MM-DD HH:MM:SS".
struct Timestamp
{
  int64_t secs = 0;

  static Timestamp
  at(Date d, int hour = 0, int minute = 0, int second = 0)
  {
    return Timestamp{int64_t(d.days) * 86400 + hour * 3600 + minute * 60 + second};
  }
  // The day this moment falls on.
  Date date() const;
  // Seconds since the start of its day (0 … 86399).
  int64_t
  time_of_day() const
  {
    return secs - int64_t(date().days) * 86400;
  }
  // "YYYY-MM-DD HH:MM:SS".
  std::string str() const;
  // Appends str() without allocating.
  void append_to(std::string& out) const;

  Timestamp
  operator+(int64_t s) const
  {
    return Timestamp{secs + s};
  }
  Timestamp
  operator-(int64_t s) const
  {
    return Timestamp{secs - s};
  }
  int64_t
  operator-(Timestamp o) const
  {
    return secs - o.secs;
  }
  auto operator<=>(const Timestamp&) const = default;
};

// The years a case log's time may fall in (Beijing time): outside them a
// time is a typo (2520 for 2025) or a placeholder, and the row is bad.
inline constexpr int kFirstYear = 1900, kLastYear = 2200;

inline bool
year_in_range(int year)
{
  return year >= kFirstYear && year <= kLastYear;
}

// Reads "YYYY-MM-DD HH:MM:SS", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD" (midnight),
// with a 'T' allowed for the space; nullopt for anything else or an
// impossible date or time. Exports are read by cases::parse_time, which knows
// many more shapes and zones and writes this one.
std::optional<Timestamp> parse_timestamp(std::string_view s);

// The current moment on Beijing's wall clock.
Timestamp now_beijing();

} // namespace duty::util
