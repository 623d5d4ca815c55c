#include "rates/scan_export.hpp"

#include "rates/export_plan.hpp"
#include "rates/export_rows.hpp"
#include "cases/fields.hpp"
#include "cases/scan.hpp"
#include "cases/source.hpp"
#include "cases/values.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace duty::rates {

namespace {

using namespace exports;

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

// Part of a chunk: its orders went to `sink`; lines and bad rows counted from its start.
struct Segment
{
  std::unique_ptr<OrderSink> sink;
  uint64_t lines = 0, rows = 0, bad_rows = 0;
  std::vector<BadRow> bad;
};

// What one chunk gives. Its first `sync` bytes (the head) are kept apart with
// the offset of every record in them: a chunk whose guessed start was inside
// a quoted field falls back into step at a true record start within a line
// or two (a quote opens a field only at its start), so only the head is read
// again from there, not the whole chunk.
struct ChunkResult
{
  uint64_t begin = 0, stop = 0; // where it started, where its last record ended
  uint64_t body_begin = 0;      // where the head ends and the body starts (a record start, or stop)
  std::vector<uint64_t> starts; // the head's record starts
  Segment head, body;
};

// Reads the records that start in [begin, limit) (the last ends wherever it ends).
ChunkResult
read_chunk(const Plan& plan, int fd, uint64_t begin, uint64_t limit, const ScanOptions& opt, size_t max_listed,
           const SinkFactory& factory, uint64_t sync)
{
  ChunkResult out;
  out.begin = begin;
  out.head.sink = factory();
  Segment* seg = &out.head;
  bool in_head = true;
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
      break;
    }
    if (in_head && at - begin >= sync) {
      in_head = false;
      out.body_begin = at;
      out.body.sink = factory();
      seg = &out.body;
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
      break;
    }
    if (in_head)
      out.starts.push_back(at);
    uint64_t line = seg->lines;
    pos += used;
    seg->lines += rec.lines;
    if (rec.blank)
      continue;
    ++seg->rows;
    auto bad = [&](std::string text) {
      ++seg->bad_rows;
      if (seg->bad.size() < max_listed)
        seg->bad.push_back({line, std::move(text)});
    };
    if (rec.error != cases::ScanError::none) {
      bad(std::string(1, '\0') + cases::scan_error_message(rec.error, 0));
      continue;
    }
    size_t n = rec.count;
    // Empty fields beyond the header at the end (a trailing separator, or ""
    // from an exporter that quotes every field) are dropped, as RecordReader does.
    while (n > plan.header.size() && rec.fields[n - 1].text.empty())
      --n;
    if (n != plan.header.size()) {
      bad(fmt::format("the row has {} fields, the header {}", rec.count, plan.header.size()));
      continue;
    }
    if (!reader.read(rec, o, error, column)) {
      bad("column " + column + ": " + error);
      continue;
    }
    seg->sink->add(o);
  }
  if (in_head)
    out.body_begin = out.stop;
  return out;
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
        if (off + i + 1 >= plan.size)
          return plan.size; // a CR ends the file (reading from it again would loop)
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
  if (ro.map && !ro.map->values.empty())
    return false; // value translations: the case reader applies them
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
  char head[64] = {};
  size_t n = f.fd >= 0 ? read_at(f.fd, head, sizeof head, 0, path) : 0;
  std::string_view h(head, n);
  if (!cases::is_text_export(h))
    return false; // a workbook (.xlsx, .xls): the case reader finds its sheet and header
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
          parts[i] = read_chunk(plan, file.fd, starts[i], starts[i + 1], opt, max_listed, factory, opt.sync);
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
  // Check each guess against where the previous chunk really stopped. A wrong
  // guess that the chunk's head fell back into step from is mended by reading
  // the head again from the true start; any other is read again whole.
  for (unsigned i = 1; i < chunks; ++i) {
    uint64_t truth = parts[i - 1].stop;
    ChunkResult& p = parts[i];
    if (p.begin == truth)
      continue;
    bool in_step = truth > p.begin && truth <= p.body_begin
                   && (truth == p.body_begin || std::binary_search(p.starts.begin(), p.starts.end(), truth));
    if (in_step) {
      ChunkResult again = read_chunk(plan, file.fd, truth, p.body_begin, opt, max_listed, factory, UINT64_MAX);
      p.begin = truth;
      p.head = std::move(again.head);
      if (p.body_begin == p.stop) // the head was the whole chunk
        p.stop = again.stop;
      ++result.mended;
    } else {
      p = read_chunk(plan, file.fd, truth, std::max(starts[i + 1], truth), opt, max_listed, factory, opt.sync);
      ++result.reread;
    }
  }
  result.chunks = chunks;
  uint64_t line = plan.data_line;
  for (auto& p : parts)
    for (Segment* seg : {&p.head, &p.body}) {
      if (!seg->sink)
        continue;
      result.rows += seg->rows;
      result.bad_rows += seg->bad_rows;
      for (auto& b : seg->bad) {
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
      line += seg->lines;
      result.sinks.push_back(std::move(seg->sink));
    }
  return result;
}

} // namespace duty::rates
