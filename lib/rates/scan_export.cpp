#include "rates/scan_export.hpp"

#include "cases/fields.hpp"
#include "cases/scan.hpp"
#include "cases/values.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <iconv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <unordered_map>

namespace duty::rates {

namespace {

using cases::FieldType;

constexpr size_t npos = size_t(-1);

// An open file, closed on every path.
struct File
{
  int fd = -1;
  explicit File(const std::string& path) : fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}
  ~File()
  {
    if (fd >= 0)
      ::close(fd);
  }
  File(const File&) = delete;
  File& operator=(const File&) = delete;
};

size_t
read_at(int fd, char* buf, size_t n, uint64_t offset, const std::string& path)
{
  size_t got = 0;
  while (got < n) {
    ssize_t r = ::pread(fd, buf + got, n - got, off_t(offset + got));
    if (r < 0) {
      if (errno == EINTR)
        continue;
      throw UsageError(path + ": " + std::strerror(errno));
    }
    if (r == 0)
      break;
    got += size_t(r);
  }
  return got;
}

// GB18030 → UTF-8 for the few values a job decodes.
class Decoder
{
public:
  explicit Decoder(bool gbk)
  {
    if (gbk) {
      m_cd = iconv_open("UTF-8", "GB18030");
      if (m_cd == reinterpret_cast<iconv_t>(-1))
        throw UsageError(std::string("iconv cannot convert from GB18030: ") + std::strerror(errno));
    }
  }
  ~Decoder()
  {
    if (m_cd != reinterpret_cast<iconv_t>(-1))
      iconv_close(m_cd);
  }
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;

  // False when the bytes are not text of the file's encoding.
  bool decode(std::string_view raw, std::string& out)
  {
    out.clear();
    bool ascii = std::all_of(raw.begin(), raw.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii || m_cd == reinterpret_cast<iconv_t>(-1)) {
      out.assign(raw);
      return ascii || util::find_invalid_utf8(raw) == std::string_view::npos;
    }
    iconv(m_cd, nullptr, nullptr, nullptr, nullptr);
    out.resize(raw.size() * 2 + 8);
    char* in = const_cast<char*>(raw.data());
    size_t in_left = raw.size();
    char* o = out.data();
    size_t o_left = out.size();
    size_t r = iconv(m_cd, &in, &in_left, &o, &o_left);
    out.resize(out.size() - o_left);
    return r != size_t(-1) && in_left == 0;
  }

private:
  iconv_t m_cd = reinterpret_cast<iconv_t>(-1);
};

struct Column
{
  size_t field = npos; // canonical order field
  int part = -1;       // 一级/二级/三级分类
};

// What a file holds and where its rows start.
struct Plan
{
  std::string path;
  uint64_t size = 0;
  uint64_t data_start = 0; // byte offset of the first record after the header
  uint64_t data_line = 1;  // its physical line
  bool gbk = false, utf8_bom = false;
  char sep = ',';
  std::vector<std::string> header;
  std::vector<Column> columns;
  std::vector<size_t> field_column; // per canonical field: column or npos
  bool category_parts = false;
  cases::TimeSpec time;
};

std::optional<int>
category_level(std::string_view normalized)
{
  if (normalized == "一级分类" || normalized == "问题分类一级")
    return 0;
  if (normalized == "二级分类" || normalized == "问题分类二级")
    return 1;
  if (normalized == "三级分类" || normalized == "问题分类三级")
    return 2;
  return std::nullopt;
}

// Header → canonical fields, as the case reader maps them: the map's headers
// first, then the fields' names and aliases; the first column for a field wins.
void
plan_columns(Plan& plan, const cases::MapSpec* map)
{
  auto defs = cases::fields(cases::Kind::orders);
  plan.field_column.assign(defs.size(), npos);
  bool have_category = false;
  for (const auto& h : plan.header) {
    std::string norm = cases::normalize_header(h);
    Column col;
    std::optional<size_t> field;
    std::optional<int> level;
    if (map)
      for (const auto& fm : map->fields) {
        if (cases::normalize_header(fm.header) != norm)
          continue;
        if (fm.field.starts_with("category") && fm.field.size() == 9)
          level = fm.field[8] - '1';
        else
          field = cases::field_index(cases::Kind::orders, fm.field);
      }
    if (!field && !level) {
      for (size_t f = 0; f < defs.size() && !field; ++f) {
        if (norm == defs[f].name)
          field = f;
        for (auto a : defs[f].aliases)
          if (norm == cases::normalize_header(a))
            field = f;
      }
      if (!field)
        level = category_level(norm);
    }
    if (field && plan.field_column[*field] == npos) {
      col.field = *field;
      plan.field_column[*field] = plan.columns.size();
      have_category = have_category || defs[*field].name == "category";
    } else if (level) {
      col.part = *level;
    }
    plan.columns.push_back(col);
  }
  for (auto& c : plan.columns)
    if (c.part >= 0) {
      if (have_category)
        c.part = -1;
      else
        plan.category_parts = true;
    }
}

// Reads the header and decides how to read the rest; nullopt when the file is not for the fast path.
Plan
open_plan(const std::string& path, const cases::ReaderOptions& ro, int fd, uint64_t size)
{
  Plan plan;
  plan.path = path;
  plan.size = size;
  if (ro.map)
    plan.time = ro.map->time;
  std::string head(size_t(std::min<uint64_t>(size, 65536)), '\0');
  head.resize(read_at(fd, head.data(), head.size(), 0, path));
  std::string_view h(head);
  if (h.starts_with("\xEF\xBB\xBF")) {
    plan.utf8_bom = true;
    plan.data_start = 3;
  }
  if (ro.encoding == cases::Encoding::gb18030) {
    plan.gbk = true;
  } else if (ro.encoding == cases::Encoding::detect && !plan.utf8_bom) {
    std::string_view probe = h;
    if (size > probe.size()) // a character cut at the end of the probe is no evidence
      for (size_t back = 1; back <= 3 && back <= probe.size(); ++back) {
        auto c = static_cast<unsigned char>(probe[probe.size() - back]);
        if ((c & 0xC0) == 0x80)
          continue;
        size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (len > back)
          probe.remove_suffix(back);
        break;
      }
    plan.gbk = util::find_invalid_utf8(probe) != std::string_view::npos;
  }
  auto format = ro.format ? ro.format : cases::format_from_path(path);
  if (!format) {
    std::string_view t = util::trim(h.substr(plan.data_start));
    std::string_view first = t.substr(0, t.find('\n'));
    format = first.find('\t') != std::string_view::npos && first.find(',') == std::string_view::npos
               ? cases::Format::tsv
               : cases::Format::csv;
  }
  plan.sep = *format == cases::Format::tsv ? '\t' : ',';
  // The header: the first record that is not a blank line, on one line.
  cases::CsvScanner scanner(plan.sep, !plan.gbk);
  cases::ScanRecord rec;
  Decoder dec(plan.gbk);
  uint64_t pos = plan.data_start, line = 1;
  for (;;) {
    size_t used = 0;
    auto st = scanner.next(h.data() + pos, h.data() + h.size(), h.size() == size, rec, used);
    if (st == cases::CsvScanner::Status::end)
      throw InputError(path + ": the file is empty: no header");
    if (st == cases::CsvScanner::Status::need_more)
      throw InputError(path + ":" + std::to_string(line) + ": the header is longer than 64 KiB");
    pos += used;
    if (rec.blank) {
      line += rec.lines;
      continue;
    }
    if (rec.error != cases::ScanError::none)
      throw InputError(path + ":" + std::to_string(line)
                       + ": the header is broken: " + cases::scan_error_message(rec.error, line));
    if (rec.lines > 1)
      throw InputError(path + ":" + std::to_string(line) + ": the header runs over " + std::to_string(rec.lines)
                       + " lines: a quoted header that holds line breaks (or a quote that closes lines later) "
                         "is not a header");
    std::string buf, text;
    for (size_t i = 0; i < rec.count; ++i) {
      if (!dec.decode(cases::CsvScanner::value(rec.fields[i], buf), text))
        throw InputError(path + ":" + std::to_string(line) + ": bytes that are not "
                         + std::string(plan.gbk ? "gb18030" : "UTF-8") + " text in the header");
      plan.header.push_back(text);
    }
    line += rec.lines;
    break;
  }
  plan.data_start = pos;
  plan.data_line = line;
  plan_columns(plan, ro.map);
  size_t id = *cases::field_index(cases::Kind::orders, "id");
  if (plan.field_column[id] == npos) {
    std::string headers;
    for (const auto& x : plan.header)
      headers += (headers.empty() ? "" : ", ") + x;
    throw InputError(path + ":1: no column for id (工单编号); the header has: " + util::quote(headers, 200)
                     + "; name it in a --map file");
  }
  return plan;
}

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
      if (defs[x].type != FieldType::text && defs[x].type != FieldType::personal && defs[x].type != FieldType::phone)
        m_wanted[x] = true;
  }

  // Types one record; false with `error` and `column` set when the row is bad.
  bool read(const cases::ScanRecord& rec, Order& o, std::string& error, std::string& column);

private:
  const Typed& cached(size_t c, std::string_view raw);
  // parse_stamp with the day of the last call remembered: times of an export share few days.
  std::optional<int64_t> fast_stamp(std::string_view v, size_t slot)
  {
    DayMemo& d = m_days[slot % m_days.size()];
    if (v[10] != ' ' || std::memcmp(v.data(), d.text, 10) != 0) {
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
  std::array<DayMemo, 8> m_days; // one per time column (by field index)
  Typed type_value(size_t field, std::string_view raw);
  std::string_view text_of(size_t c, std::string_view raw, std::string& scratch);

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
  std::string m_buf, m_utf8, m_id, m_caller, m_category, m_scratch[6];
  int64_t m_times[6];
};

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
      bad("cannot read " + util::quote(v) + " as yes/no (是/否, Y/N, 1/0)");
    break;
  case FieldType::resolved:
    if (auto r = cases::parse_resolved(v))
      t.value = uint8_t(resolved_of(*r));
    else
      bad("cannot read " + util::quote(v) + " as resolved (解决/部分解决/未解决, 是/否)");
    break;
  case FieldType::satisfaction:
    if (auto s = cases::parse_satisfaction(v))
      t.value = uint8_t(satisfaction_of(*s));
    else
      bad("cannot read " + util::quote(v) + " as satisfaction (满意/基本满意/不满意/未评价)");
    break;
  case FieldType::verdict:
    if (auto s = cases::parse_verdict(v))
      t.value = uint8_t(verdict_of(*s));
    else
      bad("cannot read " + util::quote(v) + " as a verdict (是/否/查否, 通过/驳回)");
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
  int times = 0;
  for (size_t c = 0; c < m_plan.columns.size() && c < rec.count; ++c) {
    const Column& col = m_plan.columns[c];
    if (col.field == npos && col.part < 0)
      continue;
    const cases::ScanField& sf = rec.fields[c];
    std::string_view raw = sf.escaped ? cases::CsvScanner::value(sf, m_buf) : sf.text;
    auto fail = [&](std::string what) {
      error = std::move(what);
      column = m_plan.header[c];
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
      if (v.size() == 19 && m_plan.time.format.empty() && m_plan.time.zone_minutes == 480)
        s = fast_stamp(v, f); // the stored form itself: nothing to convert
      if (!s) {
        if (!m_dec.decode(v, m_utf8))
          return fail(std::string("bytes that are not ") + (m_plan.gbk ? "gb18030" : "UTF-8") + " text");
        std::string_view u = util::trim(m_utf8);
        auto t = cases::parse_time(u, m_plan.time);
        if (!t)
          return fail("cannot read " + util::quote(u) + " as a time");
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
      ++times;
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
      else if (f == m_f[3])
        o.unit = t.text;
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
    column = m_plan.header[m_plan.field_column[m_f[0]]];
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
  (void)times;
  return true;
}

// A read-only window on a file, mapped: the tokenizer reads the page cache
// in place, nothing is copied, and each window is unmapped when the next is
// mapped, so memory holds one window per thread whatever the file's size.
class Window
{
public:
  Window(int fd, uint64_t size, const std::string& path) : m_fd(fd), m_size(size), m_path(path) {}
  ~Window() { unmap(); }
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  // Maps `want` bytes from `from` (fewer at the end of the file).
  void map_from(uint64_t from, size_t want)
  {
    unmap();
    static const uint64_t page = uint64_t(::sysconf(_SC_PAGESIZE));
    off = std::min(from, m_size);
    len = size_t(std::min<uint64_t>(want, m_size - off));
    final = off + len >= m_size;
    if (len == 0) {
      data = nullptr;
      return;
    }
    uint64_t aligned = off / page * page;
    m_len = size_t(off - aligned) + len;
    void* p = ::mmap(nullptr, m_len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, m_fd, off_t(aligned));
    if (p == MAP_FAILED)
      throw UsageError(m_path + ": " + std::strerror(errno));
    m_map = static_cast<char*>(p);
    data = m_map + (off - aligned);
  }

  const char* data = nullptr; // the byte at file offset `off`
  uint64_t off = 0;
  size_t len = 0; // bytes from data
  bool final = false; // the file ends at data + len

private:
  void unmap()
  {
    if (m_map)
      ::munmap(m_map, m_len);
    m_map = nullptr;
  }
  int m_fd;
  uint64_t m_size;
  const std::string& m_path;
  char* m_map = nullptr;
  size_t m_len = 0;
};

struct BadRow
{
  uint64_t line; // within the chunk, from 0
  std::string text;
};

// What one chunk gives: its orders went to `sink`.
struct ChunkResult
{
  std::unique_ptr<OrderSink> sink;
  uint64_t begin = 0, stop = 0; // where it started, where its last record ended
  uint64_t lines = 0;
  uint64_t rows = 0, bad_rows = 0;
  std::vector<BadRow> bad;
};

// Reads the records that start in [begin, limit) (the last ends wherever it ends).
ChunkResult
read_chunk(const Plan& plan, int fd, uint64_t begin, uint64_t limit, const ScanOptions& opt, size_t max_listed,
           const SinkFactory& factory)
{
  ChunkResult out;
  out.sink = factory();
  out.begin = begin;
  cases::CsvScanner scanner(plan.sep, !plan.gbk);
  cases::ScanRecord rec;
  RowReader reader(plan, opt);
  Order o;
  std::string error, column;
  Window w(fd, plan.size, plan.path);
  size_t want = opt.block;
  size_t pos = 0;
  w.map_from(begin, want);
  for (;;) {
    uint64_t at = w.off + pos;
    if (at >= limit || at >= plan.size) {
      out.stop = std::min(at, plan.size);
      return out;
    }
    size_t used = 0;
    auto st = scanner.next(w.data + pos, w.data + w.len, w.final, rec, used);
    if (st == cases::CsvScanner::Status::need_more) {
      if (pos == 0)
        want *= 2; // a record longer than the window
      w.map_from(at, want);
      pos = 0;
      continue;
    }
    if (st == cases::CsvScanner::Status::end) {
      out.stop = at;
      return out;
    }
    uint64_t line = out.lines;
    pos += used;
    out.lines += rec.lines;
    if (rec.blank)
      continue;
    ++out.rows;
    auto bad = [&](std::string text) {
      ++out.bad_rows;
      if (out.bad.size() < max_listed)
        out.bad.push_back({line, std::move(text)});
    };
    if (rec.error != cases::ScanError::none) {
      bad(std::string(1, '\0') + cases::scan_error_message(rec.error, 0));
      continue;
    }
    size_t n = rec.count;
    while (n > plan.header.size() && rec.fields[n - 1].text.empty() && !rec.fields[n - 1].quoted)
      --n;
    if (n != plan.header.size()) {
      bad(fmt::format("the row has {} fields, the header {}", rec.count, plan.header.size()));
      continue;
    }
    if (!reader.read(rec, o, error, column)) {
      bad("column " + column + ": " + error);
      continue;
    }
    out.sink->add(o);
  }
}

// Where a chunk that starts near `at` is guessed to start: after the first line break at or after it.
uint64_t
guess_start(const Plan& plan, int fd, uint64_t at)
{
  if (at <= plan.data_start)
    return plan.data_start;
  std::vector<char> buf(65536);
  uint64_t off = at - 1;
  while (off < plan.size) {
    size_t got = read_at(fd, buf.data(), buf.size(), off, plan.path);
    if (got == 0)
      break;
    for (size_t i = 0; i < got; ++i) {
      if (buf[i] == '\n')
        return off + i + 1;
      if (buf[i] == '\r') {
        if (i + 1 < got)
          return buf[i + 1] == '\n' ? off + i + 2 : off + i + 1;
        off += i; // look at what follows the CR in the next read
        goto next;
      }
    }
    off += got;
  next:;
  }
  return plan.size;
}

} // namespace

void
needed_fields(const lists::Profile& p, By by, bool duplicates, ScanOptions& o)
{
  auto rule = [&](lists::ExclusionRule r) {
    return std::any_of(p.exclusions.begin(), p.exclusions.end(), [&](const auto& x) { return x.rule == r; });
  };
  bool lead = p.attribution == lists::Attribution::lead && (by == By::unit || by == By::unit_month);
  o.type = rule(lists::ExclusionRule::consultation);
  o.status = rule(lists::ExclusionRule::redispatched_first_unit);
  o.territory = by == By::territory || lead;
  o.category = by == By::matter || lead || duplicates;
  o.id = true; // required: a row without one is bad
}

bool
scannable(const std::string& path, const cases::ReaderOptions& ro)
{
  if (path == "-")
    return false;
  if (ro.encoding != cases::Encoding::detect && ro.encoding != cases::Encoding::utf8
      && ro.encoding != cases::Encoding::gb18030)
    return false;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    return false;
  auto format = ro.format ? ro.format : cases::format_from_path(path);
  if (format == cases::Format::jsonl)
    return false;
  File f(path);
  char head[4] = {};
  size_t n = f.fd >= 0 ? read_at(f.fd, head, sizeof head, 0, path) : 0;
  std::string_view h(head, n);
  if (h.starts_with("\xFF\xFE") || h.starts_with("\xFE\xFF") || h.find('\0') != std::string_view::npos)
    return false; // UTF-16 or UTF-32
  if (!format && (h.starts_with("{") || util::trim(h).starts_with("{")))
    return false;
  return f.fd >= 0;
}

ScanResult
scan_export(const std::string& path, const cases::ReaderOptions& ro, size_t max_listed, const ScanOptions& opt,
            const SinkFactory& factory)
{
  File file(path);
  if (file.fd < 0)
    throw UsageError(path + ": " + std::strerror(errno));
  struct stat st;
  if (::fstat(file.fd, &st) != 0)
    throw UsageError(path + ": " + std::strerror(errno));
  Plan plan = open_plan(path, ro, file.fd, uint64_t(st.st_size));
  ScanResult result;
  unsigned threads = opt.threads ? opt.threads : std::max(1u, std::thread::hardware_concurrency());
  uint64_t body = plan.size - plan.data_start;
  // Small files are not worth a thread each.
  unsigned chunks = unsigned(std::clamp<uint64_t>(body / (1u << 20), 1, threads));
  if (opt.threads)
    chunks = std::max(1u, unsigned(std::min<uint64_t>(opt.threads, std::max<uint64_t>(body, 1))));
  std::vector<uint64_t> starts(chunks + 1);
  for (unsigned i = 0; i < chunks; ++i)
    starts[i] = guess_start(plan, file.fd, plan.data_start + body * i / chunks);
  starts[chunks] = plan.size;
  std::vector<ChunkResult> parts(chunks);
  std::vector<std::exception_ptr> errors(chunks);
  {
    std::vector<std::thread> pool;
    for (unsigned i = 0; i < chunks; ++i)
      pool.emplace_back([&, i] {
        try {
          parts[i] = read_chunk(plan, file.fd, starts[i], starts[i + 1], opt, max_listed, factory);
        } catch (...) {
          errors[i] = std::current_exception();
        }
      });
    for (auto& t : pool)
      t.join();
  }
  for (auto& e : errors)
    if (e)
      std::rethrow_exception(e);
  // Check each guess against where the previous chunk really stopped; read again where it was wrong.
  for (unsigned i = 1; i < chunks; ++i)
    if (parts[i].begin != parts[i - 1].stop) {
      parts[i] = read_chunk(plan, file.fd, parts[i - 1].stop, std::max(starts[i + 1], parts[i - 1].stop), opt,
                            max_listed, factory);
      ++result.reread;
    }
  result.chunks = chunks;
  uint64_t line = plan.data_line;
  for (auto& p : parts) {
    result.rows += p.rows;
    result.bad_rows += p.bad_rows;
    for (auto& b : p.bad) {
      if (result.bad.size() >= max_listed)
        break;
      uint64_t at = line + b.line;
      std::string text = b.text;
      if (!text.empty() && text[0] == '\0') // a tokenizer error: worded with the line
        text = text.substr(1).starts_with("a quoted field that starts on line 0")
                 ? "a quoted field that starts on line " + std::to_string(at) + " never ends"
                 : text.substr(1);
      result.bad.push_back(fmt::format("{}:{}: {}", path, at, text));
    }
    line += p.lines;
    result.sinks.push_back(std::move(p.sink));
  }
  return result;
}

} // namespace duty::rates
