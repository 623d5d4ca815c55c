#include "util/time.hpp"

#include <ctime>

namespace duty::util {

Date
Timestamp::date() const
{
  int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  return Date{int32_t(days)};
}

void
Timestamp::append_to(std::string& out) const
{
  // Written by hand: replay writes several per order, ingest one per value.
  Date d = date();
  int64_t rest = secs - int64_t(d.days) * 86400;
  char buf[19];
  auto put = [&](int at, int v, int width) {
    for (int k = width - 1; k >= 0; --k, v /= 10)
      buf[at + k] = char('0' + v % 10);
  };
  int y = 0, m = 0, day = 0;
  d.ymd(y, m, day);
  put(0, y, 4);
  buf[4] = '-';
  put(5, m, 2);
  buf[7] = '-';
  put(8, day, 2);
  buf[10] = ' ';
  put(11, int(rest / 3600), 2);
  buf[13] = ':';
  put(14, int(rest / 60 % 60), 2);
  buf[16] = ':';
  put(17, int(rest % 60), 2);
  out.append(buf, sizeof buf);
}

std::string
Timestamp::str() const
{
  std::string out;
  out.reserve(19);
  append_to(out);
  return out;
}

namespace {

bool
digits(std::string_view s, size_t at, size_t n, int& out)
{
  out = 0;
  if (at + n > s.size())
    return false;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9')
      return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

} // namespace

std::optional<Timestamp>
parse_timestamp(std::string_view s)
{
  auto d = parse_date(s.substr(0, 10));
  if (!d)
    return std::nullopt;
  if (s.size() == 10)
    return Timestamp::at(*d);
  int h = 0, m = 0, sec = 0;
  if ((s.size() != 16 && s.size() != 19) || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' ||
      !digits(s, 11, 2, h) || !digits(s, 14, 2, m))
    return std::nullopt;
  if (s.size() == 19 && (s[16] != ':' || !digits(s, 17, 2, sec)))
    return std::nullopt;
  if (h > 23 || m > 59 || sec > 59)
    return std::nullopt;
  return Timestamp::at(*d, h, m, sec);
}

Timestamp
now_beijing()
{
  return Timestamp{int64_t(std::time(nullptr)) + 8 * 3600};
}

} // namespace duty::util
