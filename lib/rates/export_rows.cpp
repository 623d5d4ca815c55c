#include "rates/export_rows.hpp"

#include "cases/fields.hpp"
#include "cases/scan.hpp"
#include "cases/values.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <algorithm>

namespace duty::rates::exports {

using cases::FieldType;

namespace {

// As the case reader shows them: a value that looks like a phone or ID number never reaches a message.
std::string
shown(std::string_view v)
{
  return cases::looks_like_phone(v) || cases::looks_like_id_number(v) ? "(a personal value)" : util::quote(v);
}

} // namespace

std::string
RowReader::shown_header(size_t c) const
{
  const std::string& h = m_plan.header[c];
  return cases::looks_like_phone(h) || cases::looks_like_id_number(h) ? "column " + std::to_string(c + 1) : h;
}

Typed
RowReader::type_value(size_t field, std::string_view raw)
{
  Typed t;
  std::string utf8;
  if (!m_dec.decode(raw, utf8)) {
    t.ok = false;
    t.text = std::string("bytes that are not ") + (m_plan.gbk ? "gb18030" : "UTF-8") + " text";
    return t;
  }
  std::string_view v = util::trim(utf8);
  if (v.empty())
    return t;
  t.set = true;
  auto bad = [&](std::string what) {
    t.ok = false;
    t.text = std::move(what);
  };
  switch (m_defs[field].type) {
  case FieldType::yes_no:
    if (auto b = cases::parse_yes_no(v))
      t.value = uint8_t(*b ? Tri::yes : Tri::no);
    else
      bad("cannot read " + shown(v) + " as yes/no (是/否, Y/N, 1/0)");
    break;
  case FieldType::resolved:
    if (auto r = cases::parse_resolved(v))
      t.value = uint8_t(resolved_of(*r));
    else
      bad("cannot read " + shown(v) + " as resolved (解决/部分解决/未解决, 是/否)");
    break;
  case FieldType::satisfaction:
    if (auto s = cases::parse_satisfaction(v))
      t.value = uint8_t(satisfaction_of(*s));
    else
      bad("cannot read " + shown(v) + " as satisfaction (满意/基本满意/不满意/未评价)");
    break;
  case FieldType::verdict:
    if (auto s = cases::parse_verdict(v))
      t.value = uint8_t(verdict_of(*s));
    else
      bad("cannot read " + shown(v) + " as a verdict (是/否/查否, 通过/驳回)");
    break;
  case FieldType::deadline: // not counted, but a bad one makes the row bad, as in the case reader
    if (!cases::parse_deadline(v, m_plan.time))
      bad("cannot read " + shown(v) + " as a deadline (" + cases::kDeadlineForms + ")");
    break;
  default: t.text = std::string(v); break;
  }
  return t;
}

const Typed&
RowReader::cached(size_t c, std::string_view raw)
{
  // A direct-mapped memo in front of the map: most columns repeat a handful of values.
  // The first 7 bytes and the length identify a short value; a long one also mixes its last 8.
  uint64_t fp = 0;
  std::memcpy(&fp, raw.data(), std::min<size_t>(raw.size(), 7));
  fp ^= uint64_t(raw.size()) << 56;
  uint64_t mix = fp;
  if (raw.size() > 7) {
    uint64_t tail;
    std::memcpy(&tail, raw.data() + raw.size() - 8, 8);
    mix ^= tail * 0xC2B2AE3D27D4EB4Full;
  }
  Memo& m = m_memo[c][(mix * 0x9E3779B97F4A7C15ull) >> (64 - kMemoBits)];
  if (m.value && m.fp == fp && (raw.size() <= 7 || *m.key == raw))
    return *m.value;
  auto& cache = m_caches[c];
  auto it = cache.find(raw);
  if (it != cache.end()) {
    m = {fp, &it->first, &it->second};
    return it->second;
  }
  static thread_local Typed once;
  if (cache.size() >= kCacheLimit) {
    once = type_value(m_plan.columns[c].field, raw);
    return once;
  }
  it = cache.emplace(std::string(raw), type_value(m_plan.columns[c].field, raw)).first;
  m = {fp, &it->first, &it->second};
  return it->second;
}

bool
RowReader::read(const cases::ScanRecord& rec, Order& o, std::string& error, std::string& column)
{
  o = Order{};
  std::string_view parts[3];
  for (size_t c = 0; c < m_plan.columns.size() && c < rec.count; ++c) {
    const Column& col = m_plan.columns[c];
    if (col.field == npos && col.part < 0)
      continue;
    const cases::ScanField& sf = rec.fields[c];
    std::string_view raw = sf.escaped ? cases::CsvScanner::value(sf, m_buf) : sf.text;
    auto fail = [&](std::string what) {
      error = std::move(what);
      column = shown_header(c);
      return false;
    };
    if (col.part >= 0) {
      if (!m_opt.category)
        continue;
      const Typed& t = cached(c, raw);
      if (!t.ok)
        return fail(t.text);
      parts[col.part] = t.text;
      continue;
    }
    size_t f = col.field;
    if (!m_wanted[f])
      continue;
    switch (m_defs[f].type) {
    case FieldType::time: {
      std::string_view v = util::trim(raw);
      if (v.empty())
        break;
      std::optional<int64_t> s;
      if (v.size() == 19 && m_plan.time.format.empty() && m_plan.time.zone.is_fixed()
          && m_plan.time.zone.offset_at_local(0) == 480)
        s = fast_stamp(v, f); // the stored form itself: nothing to convert
      if (!s) {
        if (!m_dec.decode(v, m_utf8))
          return fail(std::string("bytes that are not ") + (m_plan.gbk ? "gb18030" : "UTF-8") + " text");
        std::string_view u = util::trim(m_utf8);
        auto t = cases::parse_time(u, m_plan.time);
        if (!t)
          return fail("cannot read " + shown(u) + " as a time");
        s = parse_stamp(*t);
      }
      if (f == m_f[8])
        o.received = *s;
      else if (f == m_f[9])
        o.dispatched = *s;
      else if (f == m_f[10])
        o.closed = *s;
      else if (f == m_f[11])
        o.visited = *s;
      break;
    }
    case FieldType::personal:
    case FieldType::phone: {
      if (!m_opt.callers)
        break;
      std::string_view v = util::trim(raw);
      if (v.empty() || (f == m_f[7] && !o.caller.empty()))
        break;
      if (!m_dec.decode(v, m_utf8))
        break;
      m_caller = m_opt.callers->hash(m_utf8, m_defs[f].type == FieldType::phone);
      o.caller = m_caller; // the phone when there is one (read first or replacing the name)
      break;
    }
    case FieldType::id: {
      std::string_view v = util::trim(raw);
      if (!m_dec.decode(v, m_id))
        return fail(std::string("bytes that are not ") + (m_plan.gbk ? "gb18030" : "UTF-8") + " text");
      o.id = util::trim(m_id);
      break;
    }
    case FieldType::event:
    case FieldType::whistle: break; // not order fields
    default: {
      const Typed& t = cached(c, raw);
      if (!t.ok)
        return fail(t.text);
      if (!t.set)
        break;
      if (f == m_f[1])
        o.type = t.text;
      else if (f == m_f[2])
        o.status = t.text;
      else if (f == m_f[3]) {
        o.unit = t.text;
        o.unit_key = m_caches[c].size() < kCacheLimit ? &t : nullptr; // cached entries stay put
      }
      else if (f == m_f[4])
        o.territory = t.text;
      else if (f == m_f[5])
        o.category = t.text;
      else if (f == m_f[12])
        o.visit_valid = Tri(t.value);
      else if (f == m_f[13])
        o.contacted = Tri(t.value);
      else if (f == m_f[14])
        o.assessed = Tri(t.value);
      else if (f == m_f[15])
        o.resolved = Resolved(t.value);
      else if (f == m_f[16])
        o.satisfaction = Satisfaction(t.value);
      else if (f == m_f[17])
        o.unreasonable = Verdict(t.value);
      else if (f == m_f[18])
        o.appeal = Verdict(t.value);
    }
    }
  }
  if (o.id.empty()) {
    error = "no id (a required field is empty)";
    column = shown_header(m_plan.field_column[m_f[0]]);
    return false;
  }
  if (m_plan.category_parts && m_opt.category && o.category.empty()) {
    m_category.clear();
    for (auto p : parts)
      if (!p.empty())
        m_category += (m_category.empty() ? "" : "->") + std::string(p);
    o.category = m_category;
  }
  o.returned = false;
  for (std::string_view r : {"已退回", "退回", "退单", "已退单", "回退", "已回退", "已改派", "改派"})
    o.returned = o.returned || o.status == r;
  return true;
}
} // namespace duty::rates::exports
