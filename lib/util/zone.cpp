// GCC 12's libstdc++ has no std::chrono::tzdb (it came with GCC 13), so the
// tz database is read through Howard Hinnant's date library, the proposal
// that became C++20's <chrono> zones, built by Debian to use the system's
// /usr/share/zoneinfo.
#include "util/zone.hpp"

#include <chrono>
#include <date/tz.h>
#include <exception>

namespace duty::util {

namespace {

bool
digits(std::string_view s, size_t& i, size_t n, int& out)
{
  out = 0;
  size_t start = i;
  while (i < s.size() && i - start < n && s[i] >= '0' && s[i] <= '9')
    out = out * 10 + (s[i++] - '0');
  return i > start;
}

// ±HH, ±H, ±HHMM, ±HH:MM.
std::optional<int>
offset(std::string_view s)
{
  if (s.size() < 2 || (s[0] != '+' && s[0] != '-'))
    return std::nullopt;
  int sign = s[0] == '-' ? -1 : 1;
  size_t i = 1;
  int hh = 0, mm = 0;
  if (!digits(s, i, 2, hh))
    return std::nullopt;
  if (i < s.size() && s[i] == ':')
    ++i;
  if (i < s.size()) {
    size_t before = i;
    if (!digits(s, i, 2, mm) || i - before != 2)
      return std::nullopt;
  }
  if (i != s.size() || mm > 59 || hh * 60 + mm > 14 * 60) // no zone lies beyond ±14:00
    return std::nullopt;
  return sign * (hh * 60 + mm);
}

} // namespace

Zone
Zone::fixed(int minutes)
{
  Zone z;
  z.m_minutes = minutes;
  return z;
}

std::optional<Zone>
Zone::parse(std::string_view name)
{
  while (!name.empty() && name.front() == ' ')
    name.remove_prefix(1);
  while (!name.empty() && name.back() == ' ')
    name.remove_suffix(1);
  if (name.empty())
    return std::nullopt;
  if (name == "UTC" || name == "GMT" || name == "Z" || name == "Etc/UTC")
    return fixed(0);
  // China has kept UTC+8 without daylight saving since 1991: no lookup needed.
  for (std::string_view cn : {"Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "PRC", "CST"})
    if (name == cn)
      return fixed(480);
  std::string_view rest = name;
  if (rest.starts_with("UTC") || rest.starts_with("GMT"))
    rest.remove_prefix(3);
  if (auto m = offset(rest))
    return fixed(*m);
  if (name.find('/') == std::string_view::npos && name != "EST5EDT" && name != "CST6CDT")
    return std::nullopt; // abbreviations such as EST are ambiguous: ask for a name
  try {
    Zone z;
    z.m_tz = date::locate_zone(std::string(name));
    return z;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

int
Zone::offset_at_local(int64_t local_seconds) const
{
  if (!m_tz)
    return m_minutes;
  const auto* tz = static_cast<const date::time_zone*>(m_tz);
  date::local_seconds t{std::chrono::seconds(local_seconds)};
  date::local_info info = tz->get_info(t);
  // unique and ambiguous: `first` is the (earlier) offset; nonexistent: the one before the gap.
  return int(std::chrono::duration_cast<std::chrono::minutes>(info.first.offset).count());
}

std::string
Zone::name() const
{
  if (m_tz)
    return static_cast<const date::time_zone*>(m_tz)->name();
  int m = m_minutes < 0 ? -m_minutes : m_minutes;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", m_minutes < 0 ? '-' : '+', m / 60, m % 60);
  return buf;
}

} // namespace duty::util
