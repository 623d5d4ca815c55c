#pragma once

// Typing the records of an export for the rates: the fields a job reads, and
// every typed field checked as the case reader checks it. Private to the
// rates area (rates/scan_export.hpp).
#include "cases/fields.hpp"
#include "cases/pii.hpp"
#include "cases/scan.hpp"
#include "rates/export_plan.hpp"
#include "rates/order.hpp"
#include "rates/scan_export.hpp"

#include <array>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

namespace duty::rates::exports {

// Per-column caches from raw bytes to what the rates need: a few distinct
// values each (units, answers), looked up without allocating.
struct Hash
{
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename T>
using RawMap = std::unordered_map<std::string, T, Hash, std::equal_to<>>;

struct Typed
{
  bool ok = true;
  std::string text; // UTF-8, trimmed (text fields)
  uint8_t value = 0; // enum fields
  bool set = false;  // not empty
};

constexpr size_t kCacheLimit = 200000; // distinct values kept per column

// Reads the typed rows of one chunk.
class RowReader
{
public:
  RowReader(const Plan& plan, const ScanOptions& opt) : m_plan(plan), m_opt(opt), m_dec(plan.gbk)
  {
    auto defs = cases::fields(cases::Kind::orders);
    m_caches.resize(plan.columns.size());
    m_memo.resize(plan.columns.size());
    m_defs.assign(defs.begin(), defs.end());
    auto f = [](std::string_view n) { return *cases::field_index(cases::Kind::orders, n); };
    m_f = {f("id"),          f("type"),          f("status"),    f("unit"),         f("territory"), f("category"),
           f("phone"),       f("caller"),        f("received_at"), f("dispatched_at"), f("closed_at"),
           f("visited_at"),  f("visit_valid"),   f("contacted"), f("assessed"),     f("resolved"),
           f("satisfaction"), f("unreasonable"), f("appeal")};
    // What is read: the fields the rates use, and every typed field (a bad value there
    // makes the row bad, as the case reader would). Free text and names nobody counts by
    // (title, content, community, …) are never looked at.
    m_wanted.assign(defs.size(), false);
    for (size_t x : m_f)
      m_wanted[x] = true;
    m_wanted[m_f[1]] = opt.type;
    m_wanted[m_f[2]] = opt.status;
    m_wanted[m_f[4]] = opt.territory;
    m_wanted[m_f[5]] = opt.category;
    for (size_t x = 0; x < defs.size(); ++x)
      if (defs[x].type != cases::FieldType::text && defs[x].type != cases::FieldType::personal && defs[x].type != cases::FieldType::phone)
        m_wanted[x] = true;
  }

  // Types one record; false with `error` and `column` set when the row is bad.
  bool read(const cases::ScanRecord& rec, Order& o, std::string& error, std::string& column);

private:
  const Typed& cached(size_t c, std::string_view raw);
  std::string shown_header(size_t c) const;
  // parse_stamp with the day of the last call remembered: times of an export share few days.
  std::optional<int64_t> fast_stamp(std::string_view v, size_t slot)
  {
    // A small direct-mapped table of days per column, by month and day digits.
    unsigned key = unsigned(v[5] ^ v[6] * 3 ^ v[8] * 7 ^ v[9] * 13) & (kDays - 1);
    if (v[10] != ' ')
      return std::nullopt; // another separator ('T', or a typo): the full parser decides
    DayMemo& d = m_days[slot % 8][key];
    if (std::memcmp(v.data(), d.text, 10) != 0) {
      auto day = parse_stamp(v.substr(0, 10));
      if (!day)
        return std::nullopt;
      std::memcpy(d.text, v.data(), 10);
      d.seconds = *day;
    }
    auto digit = [&](size_t i) { return unsigned(v[i] - '0'); };
    for (size_t i : {11, 12, 14, 15, 17, 18})
      if (digit(i) > 9)
        return std::nullopt;
    unsigned h = digit(11) * 10 + digit(12), mi = digit(14) * 10 + digit(15), se = digit(17) * 10 + digit(18);
    if (v[13] != ':' || v[16] != ':' || h > 23 || mi > 59 || se > 59)
      return std::nullopt;
    return d.seconds + h * 3600 + mi * 60 + se;
  }
  struct DayMemo
  {
    char text[10] = {};
    int64_t seconds = 0;
  };
  static constexpr unsigned kDays = 64;
  std::array<std::array<DayMemo, kDays>, 8> m_days; // per time column (by field index)
  Typed type_value(size_t field, std::string_view raw);

  const Plan& m_plan;
  const ScanOptions& m_opt;
  Decoder m_dec;
  std::vector<cases::FieldDef> m_defs;
  std::vector<RawMap<Typed>> m_caches;
  struct Memo
  {
    uint64_t fp = 0;
    const std::string* key = nullptr;
    const Typed* value = nullptr;
  };
  static constexpr int kMemoBits = 8;
  std::vector<std::array<Memo, 1 << kMemoBits>> m_memo; // per column
  std::array<size_t, 19> m_f;
  std::vector<bool> m_wanted; // per canonical field
  std::string m_buf, m_utf8, m_id, m_caller, m_category; // this row's decoded values
};

} // namespace duty::rates::exports
