#include "xlsx/numfmt.hpp"

#include "util/date.hpp"

#include <cmath>
#include <fmt/format.h>

namespace duty::xlsx {

DateKind
builtin_date_kind(uint32_t id)
{
  if ((id >= 14 && id <= 17) || id == 27 || id == 28 || id == 29 || id == 30 || id == 31 || id == 36 ||
      (id >= 50 && id <= 54) || id == 57 || id == 58)
    return DateKind::date;
  if (id == 22)
    return DateKind::datetime;
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 || id == 56)
    return DateKind::time;
  return DateKind::none;
}

DateKind
format_date_kind(std::string_view code)
{
  bool y = false, d = false, m = false, h = false, s = false;
  // Only the first section decides: "yyyy-mm-dd;@" is a date, "0;-0;;@" is not.
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == ';')
      break;
    if (c == '"') {
      size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos)
        break;
      i = close;
      continue;
    }
    if (c == '\\' || c == '_' || c == '*') {
      ++i; // an escaped or padding character
      continue;
    }
    if (c == '[') {
      size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos)
        break;
      // [h], [mm], [ss]: elapsed time. [$-804], [Red], [<=100], [DBNum1]: not date letters.
      std::string_view in = code.substr(i + 1, close - i - 1);
      if (!in.empty() && in.find_first_not_of("hHmMsS") == std::string_view::npos) {
        char e = char(in[0] | 0x20);
        h = h || e == 'h';
        m = m || e == 'm';
        s = s || e == 's';
      }
      i = close;
      continue;
    }
    switch (c | 0x20) {
    case 'y': y = true; break;
    case 'd': d = true; break;
    case 'm': m = true; break;
    case 'h': h = true; break;
    case 's': s = true; break;
    default: break;
    }
  }
  // "General" has none of these letters; an 'm' next to h or s means minutes.
  bool date = y || d || (m && !h && !s);
  bool time = h || s;
  if (date && time)
    return DateKind::datetime;
  if (date)
    return DateKind::date;
  if (time)
    return DateKind::time;
  return DateKind::none;
}

namespace {

// Two digits at out[at]: the hot path of every date cell, without fmt.
void
put2(std::string& out, size_t at, int64_t v)
{
  out[at] = char('0' + v / 10 % 10);
  out[at + 1] = char('0' + v % 10);
}

std::string
clock_text(int64_t secs)
{
  std::string t = "00:00:00";
  put2(t, 0, secs / 3600);
  put2(t, 3, secs / 60 % 60);
  put2(t, 6, secs % 60);
  return t;
}

std::string
date_text(const util::Date& d)
{
  std::string t = "0000-00-00";
  int y = d.year();
  put2(t, 0, y / 100);
  put2(t, 2, y % 100);
  put2(t, 5, d.month());
  put2(t, 8, d.day());
  return t;
}

} // namespace

std::optional<std::string>
serial_text(double serial, DateKind kind, bool date1904)
{
  if (!std::isfinite(serial) || serial < 0 || serial >= 2958466)
    return std::nullopt;
  auto total = int64_t(std::llround(serial * 86400.0));
  int64_t days = total / 86400;
  int64_t secs = total % 86400;
  if (kind == DateKind::time && days == 0)
    return clock_text(secs);
  // Serial 1 is 1900-01-01 in the 1900 system, which counts a 29 February 1900
  // that never was (serial 60, shown as the 28th): from serial 61 on, day 0 is 1899-12-30.
  int32_t epoch;
  if (date1904) {
    epoch = util::Date::from_ymd(1904, 1, 1).days;
  } else {
    if (days < 1)
      return std::nullopt;
    epoch = util::Date::from_ymd(1899, 12, days < 61 ? 31 : 30).days;
    if (days == 60)
      days = 59;
  }
  util::Date date{int32_t(epoch + days)};
  if (date.year() > 9999)
    return std::nullopt;
  if (kind == DateKind::date && secs == 0)
    return date_text(date);
  return date_text(date) + ' ' + clock_text(secs);
}

std::optional<std::string>
iso_date_text(std::string_view iso)
{
  // YYYY-MM-DD, optionally followed by THH:MM[:SS[.fff]] and a zone we drop:
  // the workbook's clock is the export's wall clock.
  auto digits = [&](size_t at, size_t n) {
    if (at + n > iso.size())
      return -1;
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (iso[i] < '0' || iso[i] > '9')
        return -1;
      v = v * 10 + (iso[i] - '0');
    }
    return v;
  };
  int y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2);
  if (y < 0 || mo < 0 || d < 0 || iso[4] != '-' || iso[7] != '-')
    return std::nullopt;
  if (iso.size() == 10)
    return std::string(iso);
  if (iso.size() < 16 || (iso[10] != 'T' && iso[10] != ' ') || iso[13] != ':')
    return std::nullopt;
  int h = digits(11, 2), mi = digits(14, 2), s = 0;
  if (iso.size() >= 19 && iso[16] == ':')
    s = digits(17, 2);
  if (h < 0 || mi < 0 || s < 0 || h > 23 || mi > 59 || s > 60)
    return std::nullopt;
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", y, mo, d, h, mi, s);
}

} // namespace duty::xlsx
