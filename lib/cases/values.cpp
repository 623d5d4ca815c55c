#include "cases/values.hpp"

#include "util/date.hpp"
#include "util/time.hpp"
#include "util/text.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace duty::cases {

namespace {

struct Parts
{
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  std::optional<int> offset; // minutes, when the text names one
};

bool
digit(char c)
{
  return c >= '0' && c <= '9';
}

// Reads 1..max digits at s[i].
bool
num(std::string_view s, size_t& i, int max_digits, int& out, int min_digits = 1)
{
  size_t start = i;
  out = 0;
  while (i < s.size() && digit(s[i]) && int(i - start) < max_digits)
    out = out * 10 + (s[i++] - '0');
  return int(i - start) >= min_digits;
}

bool
eat(std::string_view s, size_t& i, std::string_view lit)
{
  if (s.substr(i, lit.size()) != lit)
    return false;
  i += lit.size();
  return true;
}

// Z, ±HH, ±HHMM, ±HH:MM at s[i].
bool
offset(std::string_view s, size_t& i, int& minutes)
{
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
    ++i;
    minutes = 0;
    return true;
  }
  if (i >= s.size() || (s[i] != '+' && s[i] != '-'))
    return false;
  int sign = s[i++] == '-' ? -1 : 1;
  int hh = 0, mm = 0;
  if (!num(s, i, 2, hh, 2))
    return false;
  eat(s, i, ":");
  if (i < s.size())
    if (!num(s, i, 2, mm, 2))
      return false;
  if (mm > 59 || hh * 60 + mm > 14 * 60) // no zone lies beyond ±14:00, as util::Zone holds
    return false;
  minutes = sign * (hh * 60 + mm);
  return true;
}

bool
valid(const Parts& p)
{
  return util::valid_ymd(p.y, p.mo, p.d) && p.h >= 0 && p.h < 24 && p.mi >= 0 && p.mi < 60
         && p.s >= 0 && p.s < 61;
}

std::optional<Parts>
generic(std::string_view s)
{
  Parts p;
  size_t i = 0;
  if (!num(s, i, 4, p.y, 4))
    return std::nullopt;
  if (i == s.size() || digit(s[i])) {
    // Compact 20250301 or 20250301081500.
    if (s.size() != 8 && s.size() != 12 && s.size() != 14)
      return std::nullopt;
    num(s, i, 2, p.mo, 2);
    num(s, i, 2, p.d, 2);
    if (i < s.size()) {
      num(s, i, 2, p.h, 2);
      num(s, i, 2, p.mi, 2);
      if (i < s.size())
        num(s, i, 2, p.s, 2);
    }
    return i == s.size() ? std::optional(p) : std::nullopt;
  }
  bool cn = false;
  if (eat(s, i, "年"))
    cn = true;
  else if (!eat(s, i, "-") && !eat(s, i, "/") && !eat(s, i, "."))
    return std::nullopt;
  if (!num(s, i, 2, p.mo))
    return std::nullopt;
  if (!(cn ? eat(s, i, "月") : (eat(s, i, "-") || eat(s, i, "/") || eat(s, i, "."))))
    return std::nullopt;
  if (!num(s, i, 2, p.d))
    return std::nullopt;
  if (cn)
    eat(s, i, "日");
  if (i == s.size())
    return p;
  if (s[i] == 'T' || s[i] == 't' || s[i] == ' ') {
    while (i < s.size() && (s[i] == ' ' || s[i] == 'T' || s[i] == 't'))
      ++i;
  } else if (!cn) {
    return std::nullopt;
  }
  if (!num(s, i, 2, p.h))
    return std::nullopt;
  if (!eat(s, i, ":") && !eat(s, i, "时"))
    return std::nullopt;
  if (!num(s, i, 2, p.mi, 2))
    return std::nullopt;
  eat(s, i, "分");
  if (eat(s, i, ":")) {
    if (!num(s, i, 2, p.s, 2))
      return std::nullopt;
    if (eat(s, i, ".") || eat(s, i, ",")) {
      int frac;
      if (!num(s, i, 9, frac))
        return std::nullopt; // fractions of a second are dropped
    }
  }
  eat(s, i, "秒");
  while (i < s.size() && s[i] == ' ')
    ++i;
  if (i < s.size()) {
    int off;
    if (!offset(s, i, off) || i != s.size())
      return std::nullopt;
    p.offset = off;
  }
  return p;
}

std::optional<Parts>
with_format(std::string_view s, std::string_view f)
{
  Parts p;
  size_t i = 0;
  int half = 0; // 1 AM, 2 PM
  for (size_t k = 0; k < f.size(); ++k) {
    if (f[k] != '%' || k + 1 == f.size()) {
      if (i >= s.size() || s[i] != f[k])
        return std::nullopt;
      ++i;
      continue;
    }
    char c = f[++k];
    bool ok = true;
    switch (c) {
    case 'Y': ok = num(s, i, 4, p.y, 4); break;
    case 'm': ok = num(s, i, 2, p.mo); break;
    case 'd': ok = num(s, i, 2, p.d); break;
    case 'H':
    case 'I': ok = num(s, i, 2, p.h); break;
    case 'p':
      // AM/PM, as US exports write it: 12 AM is midnight, 12 PM noon.
      if (i + 2 <= s.size() && (s[i + 1] == 'M' || s[i + 1] == 'm')
          && (s[i] == 'A' || s[i] == 'a' || s[i] == 'P' || s[i] == 'p')) {
        half = (s[i] == 'P' || s[i] == 'p') ? 2 : 1;
        i += 2;
      } else {
        ok = false;
      }
      break;
    case 'M': ok = num(s, i, 2, p.mi); break;
    case 'S': ok = num(s, i, 2, p.s); break;
    case 'z': {
      int off;
      ok = offset(s, i, off);
      p.offset = off;
      break;
    }
    case '%': ok = eat(s, i, "%"); break;
    default: ok = false;
    }
    if (!ok)
      return std::nullopt;
  }
  if (half && (p.h < 1 || p.h > 12))
    return std::nullopt;
  if (half == 1 && p.h == 12)
    p.h = 0;
  else if (half == 2 && p.h < 12)
    p.h += 12;
  return i == s.size() ? std::optional(p) : std::nullopt;
}

std::optional<Parts>
excel_serial(std::string_view s)
{
  // Excel's day numbers count from 1899-12-30 (its 1900 leap-year bug folded in).
  char* end = nullptr;
  std::string copy(s);
  double v = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || !(v >= 20000 && v < 100000))
    return std::nullopt;
  auto secs = static_cast<int64_t>(std::llround(v * 86400.0));
  int64_t days = secs / 86400;
  int64_t rest = secs % 86400;
  util::Date d{int32_t(days + util::Date::from_ymd(1899, 12, 30).days)};
  Parts p;
  p.y = d.year();
  p.mo = d.month();
  p.d = d.day();
  p.h = int(rest / 3600);
  p.mi = int(rest / 60 % 60);
  p.s = int(rest % 60);
  return p;
}

bool
is_number(std::string_view s)
{
  bool dot = false, any = false;
  for (char c : s) {
    if (c == '.' && !dot)
      dot = true;
    else if (digit(c))
      any = true;
    else
      return false;
  }
  return any;
}

// The stored form of a time: Beijing wall clock, "YYYY-MM-DD HH:MM:SS" (util/time.hpp).
std::optional<std::string>
format(const Parts& p, const util::Zone& zone)
{
  int64_t local = int64_t(util::Date::from_ymd(p.y, p.mo, p.d).days) * 86400 + p.h * 3600 + p.mi * 60
                  + std::min(p.s, 59);
  int from = p.offset ? *p.offset : zone.offset_at_local(local);
  util::Timestamp t{local + int64_t(480 - from) * 60}; // to UTC+8
  // An offset may carry a time across the range's edge: 1900-01-01 00:00+14:00.
  int year = t.date().year();
  if (!util::year_in_range(year))
    return std::nullopt;
  return t.str();
}

std::string
lower_ascii(std::string_view s)
{
  std::string out(util::trim(s));
  for (char& c : out)
    if (c >= 'A' && c <= 'Z')
      c = char(c - 'A' + 'a');
  return out;
}

} // namespace

std::optional<util::Zone>
parse_zone(std::string_view zone)
{
  return util::Zone::parse(zone);
}

std::optional<std::string>
parse_time(std::string_view text, const TimeSpec& spec)
{
  std::string_view s = util::trim(text);
  // Already the stored form, in the store's zone: nothing to convert.
  if (spec.format.empty() && spec.zone.is_fixed() && spec.zone.offset_at_local(0) == 480 && s.size() == 19 &&
      s[10] == ' ')
    if (auto t = util::parse_timestamp(s); t && util::year_in_range(t->date().year()))
      return std::string(s);
  std::optional<Parts> p;
  if (!spec.format.empty())
    p = with_format(s, spec.format);
  // Compact shapes are 8, 12 or 14 digits and nothing else; a number with a
  // dot (45931.250000, 45931.31179398) or of another length is an Excel serial.
  bool compact = s.size() == 8 || s.size() == 12 || s.size() == 14;
  if (!p && is_number(s) && (s.find('.') != std::string_view::npos || !compact))
    p = excel_serial(s);
  if (!p)
    p = generic(s);
  if (!p || !valid(*p) || !util::year_in_range(p->y))
    return std::nullopt;
  return format(*p, spec.zone);
}

std::optional<std::string>
parse_deadline(std::string_view text, const TimeSpec& spec)
{
  std::string_view s = util::trim(text);
  size_t i = 0;
  int n = 0;
  if (num(s, i, 6, n) && n > 0 && i < s.size() && i <= 6) {
    std::string unit(util::trim(s.substr(i)));
    for (char& c : unit)
      if (c >= 'A' && c <= 'Z')
        c = char(c - 'A' + 'a');
    static constexpr std::pair<std::string_view, std::string_view> kUnits[] = {
      {"m", "m"},    {"min", "m"},   {"分钟", "m"},     {"分", "m"},       {"h", "h"},
      {"小时", "h"}, {"个小时", "h"}, {"时", "h"},       {"d", "d"},        {"天", "d"},
      {"日", "d"},   {"自然日", "d"}, {"个自然日", "d"}, {"wd", "wd"},      {"工作日", "wd"},
      {"个工作日", "wd"},
    };
    for (const auto& [spelling, canonical] : kUnits)
      if (unit == spelling)
        return std::to_string(n) + std::string(canonical);
  }
  auto t = parse_time(s, spec);
  if (!t)
    return std::nullopt;
  // A date alone gives the whole day; a time, that moment.
  bool has_time = s.find(':') != std::string_view::npos || s.find("时") != std::string_view::npos;
  if (!has_time && t->ends_with(" 00:00:00"))
    return t->substr(0, 10);
  return t;
}

std::optional<int>
parse_yes_no(std::string_view text)
{
  std::string s = lower_ascii(text);
  for (const char* yes : {"是", "y", "yes", "1", "true", "有效", "已联系", "联系", "已回访"})
    if (s == yes)
      return 1;
  for (const char* no : {"否", "n", "no", "0", "false", "无效", "未联系", "未回访"})
    if (s == no)
      return 0;
  return std::nullopt;
}

std::optional<std::string>
parse_resolved(std::string_view text)
{
  std::string s = lower_ascii(text);
  for (const char* yes : {"是", "解决", "已解决", "y", "yes", "1", "true"})
    if (s == yes)
      return "yes";
  for (const char* partly : {"部分解决", "partly", "partial", "部分"})
    if (s == partly)
      return "partly";
  for (const char* no : {"否", "未解决", "没解决", "n", "no", "0", "false"})
    if (s == no)
      return "no";
  return std::nullopt;
}

std::optional<std::string>
parse_satisfaction(std::string_view text)
{
  std::string s = lower_ascii(text);
  for (const char* v : {"满意", "非常满意", "satisfied"})
    if (s == v)
      return "satisfied";
  for (const char* v : {"基本满意", "basic", "basically satisfied"})
    if (s == v)
      return "basic";
  for (const char* v : {"不满意", "非常不满意", "unsatisfied", "dissatisfied"})
    if (s == v)
      return "unsatisfied";
  for (const char* v : {"未评价", "未表态", "unrated", "none"})
    if (s == v)
      return "unrated";
  return std::nullopt;
}

std::optional<std::string>
parse_verdict(std::string_view text)
{
  std::string s = lower_ascii(text);
  for (const char* v : {"查否", "驳回", "不通过", "未通过", "申诉失败", "不予核减", "不同意", "rejected", "denied"})
    if (s == v)
      return "rejected";
  for (const char* v : {"是", "y", "yes", "1", "true", "认定", "通过", "同意", "核减", "已核减", "予以核减", "申诉成功",
                        "成功", "upheld"})
    if (s == v)
      return "yes";
  for (const char* v : {"否", "n", "no", "0", "false", "无", "未申诉"})
    if (s == v)
      return "no";
  return std::nullopt;
}

} // namespace duty::cases
