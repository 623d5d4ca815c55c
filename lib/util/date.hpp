#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace duty::util {

// A calendar date, stored as days since 1970-01-01 (proleptic Gregorian).
struct Date
{
  int32_t days = 0;

  static Date from_ymd(int y, int m, int d);
  int year() const;
  int month() const;
  int day() const;
  // All three at once (one conversion).
  void ymd(int& y, int& m, int& d) const;
  // 1 = Monday … 7 = Sunday (ISO 8601).
  int iso_weekday() const;
  bool is_weekend() const { return iso_weekday() >= 6; }
  std::string str() const; // YYYY-MM-DD
  auto operator<=>(const Date&) const = default;
};

// Parses exactly YYYY-MM-DD with a valid month and day.
std::optional<Date>
parse_date(std::string_view s);

bool
valid_ymd(int y, int m, int d);

// Why `s` is not a date, for messages: "February 2025 has 28 days", "there is
// no month 13", or "dates are written YYYY-MM-DD, e.g. 2025-03-01". Empty when
// `s` is a valid date.
std::string
date_problem(std::string_view s);

// Today's date in Asia/Shanghai (UTC+8, no DST), the zone of the lists.
Date
today_shanghai();

// The current time in Asia/Shanghai as "YYYY-MM-DD HH:MM:SS", the form the case
// store keeps times in.
std::string
now_shanghai();

} // namespace duty::util
