#include "rates/export_plan.hpp"

#include "cases/fields.hpp"
#include "cases/scan.hpp"
#include "cases/values.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace duty::rates::exports {

File::File(const std::string& path) : fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}

File::~File()
{
  if (fd >= 0)
    ::close(fd);
}

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

Decoder::Decoder(bool gbk)
{
  if (gbk) {
    m_cd = iconv_open("UTF-8", "GB18030");
    if (m_cd == reinterpret_cast<iconv_t>(-1))
      throw UsageError(std::string("iconv cannot convert from GB18030: ") + std::strerror(errno));
  }
}

Decoder::~Decoder()
{
  if (m_cd != reinterpret_cast<iconv_t>(-1))
    iconv_close(m_cd);
}

bool
Decoder::decode(std::string_view raw, std::string& out)
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

namespace {

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

} // namespace

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
  // The header: the first record that is not a blank line (or spaces), on one line.
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
    // Blank lines, and lines of spaces, before the header are skipped, as RecordReader does.
    if (rec.blank || (rec.count == 1 && !rec.fields[0].quoted && util::trim(rec.fields[0].text).empty())) {
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

} // namespace duty::rates::exports
