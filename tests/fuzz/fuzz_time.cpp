// libFuzzer target: the time and value parsers of case logs (cases/values.hpp).
// Invariants: a parsed time is a valid local time "YYYY-MM-DD HH:MM:SS" from
// 1900 on, and reading that text again gives the same time; zones, yes/no,
// resolved, satisfaction and verdict words map into their closed sets.
#include "cases/values.hpp"
#include "fuzz/invariant.hpp"
#include "util/date.hpp"

#include <cstdint>
#include <string>
#include <string_view>

using namespace duty;
using duty::fuzz::require;

namespace {

// Formats as a --map file may give them, and offsets of naive times.
constexpr const char* kFormats[] = {"",
                                    "%Y-%m-%d %H:%M:%S",
                                    "%Y年%m月%d日 %H:%M",
                                    "%d/%m/%Y %H:%M",
                                    "%m/%d/%Y %I:%M:%S %p",
                                    "%Y%m%d%H%M%S",
                                    "%Y-%m-%dT%H:%M:%S%z",
                                    "%%%Y"};
// Fixed offsets, and zones of the tz database with daylight saving (New York,
// Lord Howe's half-hour shift) or odd offsets.
constexpr const char* kZones[] = {"+08:00", "UTC", "America/New_York", "Asia/Kolkata",
                                  "+14:00", "-12:00", "Australia/Lord_Howe", "Europe/London"};

// The offsets a zone gives over two centuries of wall-clock times lie within ±14 h.
void
check_zone(const util::Zone& z, std::string_view input)
{
  for (int64_t local = -2208988800LL; local < 7258118400LL; local += 86400LL * 97 + 3599)
    require(z.offset_at_local(local) >= -14 * 60 && z.offset_at_local(local) <= 14 * 60,
            "parse_zone gave an offset beyond ±14 h for \"" + std::string(input.substr(0, 80)) + "\"");
}

bool
digits(std::string_view s, size_t at, size_t n)
{
  for (size_t i = at; i < at + n; ++i)
    if (s[i] < '0' || s[i] > '9')
      return false;
  return true;
}

int
number(std::string_view s, size_t at, size_t n)
{
  int v = 0;
  for (size_t i = at; i < at + n; ++i)
    v = v * 10 + (s[i] - '0');
  return v;
}

void
check_local_time(const std::string& t, std::string_view input)
{
  std::string context = "\"" + t + "\" from input \"" + std::string(input.substr(0, 200)) + "\"";
  require(t.size() == 19 && digits(t, 0, 4) && t[4] == '-' && digits(t, 5, 2) && t[7] == '-' &&
              digits(t, 8, 2) && t[10] == ' ' && digits(t, 11, 2) && t[13] == ':' && digits(t, 14, 2) &&
              t[16] == ':' && digits(t, 17, 2),
          "parse_time returned a malformed time " + context);
  require(util::parse_date(t.substr(0, 10)).has_value(), "parse_time returned an invalid date " + context);
  require(number(t, 0, 4) >= 1900, "parse_time returned a time before 1900 " + context);
  require(number(t, 11, 2) < 24 && number(t, 14, 2) < 60 && number(t, 17, 2) < 60,
          "parse_time returned an invalid clock time " + context);
  auto again = cases::parse_time(t, cases::TimeSpec{});
  require(again && *again == t, "a parsed time does not read back as itself: " + context + " -> \"" +
                                    again.value_or("(nothing)") + "\"");
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  if (size < 1 || size > 4096)
    return 0;
  cases::TimeSpec spec;
  spec.format = kFormats[data[0] % std::size(kFormats)];
  spec.zone = *cases::parse_zone(kZones[(data[0] >> 3) % std::size(kZones)]);
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  if (auto t = cases::parse_time(text, spec))
    check_local_time(*t, text);
  if (auto z = cases::parse_zone(text))
    check_zone(*z, text);
  if (auto v = cases::parse_yes_no(text))
    require(*v == 0 || *v == 1, "parse_yes_no gave neither 0 nor 1");
  if (auto r = cases::parse_resolved(text))
    require(*r == "yes" || *r == "partly" || *r == "no", "parse_resolved gave " + *r);
  if (auto s = cases::parse_satisfaction(text))
    require(*s == "satisfied" || *s == "basic" || *s == "unsatisfied" || *s == "unrated",
            "parse_satisfaction gave " + *s);
  if (auto v = cases::parse_verdict(text))
    require(*v == "yes" || *v == "no" || *v == "rejected", "parse_verdict gave " + *v);
  return 0;
}
