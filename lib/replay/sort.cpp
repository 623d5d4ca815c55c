#include "replay/sort.hpp"

#include "util/error.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace duty::replay {

namespace {

constexpr size_t kHeader = 16; // u32 key length, u32 payload length, u64 seq

[[noreturn]] void
io_fail(const std::string& what)
{
  throw IoError("replay's temporary sort file: " + what + ": " + std::strerror(errno));
}

bool
less(std::string_view ak, uint64_t as, std::string_view bk, uint64_t bs)
{
  int c = ak.compare(bk);
  return c != 0 ? c < 0 : as < bs;
}

} // namespace

// A sorted run in an anonymous file, written once and read once.
class ExternalSorter::Run
{
public:
  explicit Run(int fd) : m_fd(fd) {}
  ~Run() { ::close(m_fd); }

  void
  write(std::string_view key, uint64_t seq, std::string_view payload)
  {
    uint32_t k = uint32_t(key.size()), p = uint32_t(payload.size());
    m_out.append(reinterpret_cast<const char*>(&k), 4);
    m_out.append(reinterpret_cast<const char*>(&p), 4);
    m_out.append(reinterpret_cast<const char*>(&seq), 8);
    m_out.append(key);
    m_out.append(payload);
    if (m_out.size() >= kReadBuffer)
      flush();
  }
  void
  flush()
  {
    const char* p = m_out.data();
    size_t left = m_out.size();
    while (left > 0) {
      ssize_t n = ::write(m_fd, p, left);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        io_fail("write");
      p += n;
      left -= size_t(n);
    }
    m_size += m_out.size();
    m_out.clear();
  }
  int
  fd() const
  {
    return m_fd;
  }
  uint64_t
  size() const
  {
    return m_size;
  }

private:
  int m_fd;
  std::string m_out;
  uint64_t m_size = 0;
};

// One input of the merge: a run read back, or the records still in memory.
class ExternalSorter::Source
{
public:
  virtual ~Source() = default;
  // Moves to the next record; false at the end.
  virtual bool advance() = 0;
  std::string_view key, payload;
  uint64_t seq = 0;
};

namespace {

class RunSource : public ExternalSorter::Source
{
public:
  RunSource(int fd, uint64_t size) : m_fd(fd), m_size(size) {}
  bool
  advance() override
  {
    m_pos += m_used;
    m_used = 0;
    if (!ensure(kHeader))
      return false;
    uint32_t k, p;
    std::memcpy(&k, m_buf.data() + m_pos, 4);
    std::memcpy(&p, m_buf.data() + m_pos + 4, 4);
    std::memcpy(&seq, m_buf.data() + m_pos + 8, 8);
    if (!ensure(kHeader + k + p))
      throw IoError("replay's temporary sort file: truncated");
    key = std::string_view(m_buf.data() + m_pos + kHeader, k);
    payload = std::string_view(m_buf.data() + m_pos + kHeader + k, p);
    m_used = kHeader + k + p;
    return true;
  }

private:
  // At least n bytes from m_pos in the buffer; false at the end of the run.
  bool
  ensure(size_t n)
  {
    while (m_buf.size() - m_pos < n) {
      if (m_read == m_size)
        return m_buf.size() - m_pos == 0 ? false
                                         : throw IoError("replay's temporary sort file: truncated");
      m_buf.erase(0, m_pos);
      m_pos = 0;
      size_t want = std::max(n, ExternalSorter::kReadBuffer);
      size_t old = m_buf.size();
      m_buf.resize(old + want);
      ssize_t got;
      do {
        got = ::pread(m_fd, m_buf.data() + old, want, off_t(m_read));
      } while (got < 0 && errno == EINTR);
      if (got <= 0) {
        m_buf.resize(old);
        if (got == 0)
          throw IoError("replay's temporary sort file: truncated");
        io_fail("read");
      }
      m_buf.resize(old + size_t(got));
      m_read += uint64_t(got);
    }
    return true;
  }

  int m_fd;
  uint64_t m_size, m_read = 0;
  std::string m_buf;
  size_t m_pos = 0, m_used = 0;
};

} // namespace

ExternalSorter::ExternalSorter(size_t budget_bytes, std::string tmp_dir)
    : m_budget(std::max<size_t>(budget_bytes, 1 << 20)), m_tmp_dir(std::move(tmp_dir))
{
  if (m_tmp_dir.empty()) {
    const char* t = std::getenv("TMPDIR");
    m_tmp_dir = t && *t ? t : "/tmp";
  }
}

ExternalSorter::~ExternalSorter() = default;

int
ExternalSorter::open_temp()
{
  std::string path = m_tmp_dir + "/duty-replay-XXXXXX";
  int fd = ::mkstemp(path.data());
  if (fd < 0)
    io_fail(m_tmp_dir);
  ::unlink(path.c_str());
  return fd;
}

void
ExternalSorter::add(std::string_view key, uint64_t seq, std::string_view payload)
{
  // The buffers are reserved once and never grow past the budget (a growing
  // std::string would briefly hold twice its size): when either is full, spill.
  if (!m_entries.empty() && (m_arena.size() + key.size() + payload.size() > m_arena.capacity() ||
                             m_entries.size() == m_entries.capacity()))
    spill();
  if (m_entries.capacity() == 0) {
    m_arena.reserve(m_budget / 4 * 3);
    m_entries.reserve(m_budget / 4 / sizeof(Entry));
  }
  if (m_sorted && !m_entries.empty()) {
    const Entry& last = m_entries.back();
    m_sorted = !less(key, seq, std::string_view(m_arena.data() + last.off, last.klen), last.seq);
  }
  m_entries.push_back({seq, uint32_t(m_arena.size()), uint32_t(key.size()), uint32_t(payload.size())});
  m_arena.append(key);
  m_arena.append(payload);
  ++m_records;
}

void
ExternalSorter::sort_memory()
{
  if (m_sorted)
    return;
  const char* a = m_arena.data();
  std::sort(m_entries.begin(), m_entries.end(), [a](const Entry& x, const Entry& y) {
    return less({a + x.off, x.klen}, x.seq, {a + y.off, y.klen}, y.seq);
  });
  m_sorted = true;
}

void
ExternalSorter::spill()
{
  sort_memory();
  auto run = std::make_unique<Run>(open_temp());
  for (const Entry& e : m_entries)
    run->write({m_arena.data() + e.off, e.klen}, e.seq, {m_arena.data() + e.off + e.klen, e.plen});
  run->flush();
  m_runs.push_back(std::move(run));
  ++m_runs_written;
  m_entries.clear();
  std::string().swap(m_arena); // give the memory back, not just the size
  std::vector<Entry>().swap(m_entries);
  m_sorted = true;
}

namespace {

class MemorySource : public ExternalSorter::Source
{
public:
  MemorySource(std::string arena, std::vector<ExternalSorter::Entry> entries)
      : m_arena(std::move(arena)), m_entries(std::move(entries))
  {
  }
  bool
  advance() override
  {
    if (m_i == m_entries.size())
      return false;
    const auto& e = m_entries[m_i++];
    seq = e.seq;
    key = std::string_view(m_arena.data() + e.off, e.klen);
    payload = std::string_view(m_arena.data() + e.off + e.klen, e.plen);
    return true;
  }

private:
  std::string m_arena;
  std::vector<ExternalSorter::Entry> m_entries;
  size_t m_i = 0;
};

struct HeapLess
{
  bool
  operator()(const std::unique_ptr<ExternalSorter::Source>& a,
             const std::unique_ptr<ExternalSorter::Source>& b) const
  {
    return less(b->key, b->seq, a->key, a->seq); // a min-heap on (key, seq)
  }
};

} // namespace

std::unique_ptr<ExternalSorter::Run>
ExternalSorter::merge_to_run(std::vector<std::unique_ptr<Source>> sources)
{
  std::vector<std::unique_ptr<Source>> heap;
  for (auto& s : sources)
    if (s->advance())
      heap.push_back(std::move(s));
  std::make_heap(heap.begin(), heap.end(), HeapLess{});
  auto run = std::make_unique<Run>(open_temp());
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), HeapLess{});
    auto& top = heap.back();
    run->write(top->key, top->seq, top->payload);
    if (top->advance())
      std::push_heap(heap.begin(), heap.end(), HeapLess{});
    else
      heap.pop_back();
  }
  run->flush();
  ++m_runs_written;
  return run;
}

void
ExternalSorter::finish()
{
  if (m_finished)
    return;
  m_finished = true;
  sort_memory();
  // Merge runs in groups until one pass can take them all with the records in memory.
  while (m_runs.size() + 1 > kFanIn) {
    std::vector<std::unique_ptr<Source>> group;
    std::vector<std::unique_ptr<Run>> done;
    for (size_t i = 0; i < kFanIn && !m_runs.empty(); ++i) {
      group.push_back(std::make_unique<RunSource>(m_runs.front()->fd(), m_runs.front()->size()));
      done.push_back(std::move(m_runs.front()));
      m_runs.erase(m_runs.begin());
    }
    m_runs.push_back(merge_to_run(std::move(group)));
  }
  std::vector<std::unique_ptr<Source>> sources;
  for (const auto& r : m_runs)
    sources.push_back(std::make_unique<RunSource>(r->fd(), r->size()));
  sources.push_back(std::make_unique<MemorySource>(std::move(m_arena), std::move(m_entries)));
  m_entries = {};
  for (auto& s : sources)
    if (s->advance())
      m_heap.push_back(std::move(s));
  std::make_heap(m_heap.begin(), m_heap.end(), HeapLess{});
}

bool
ExternalSorter::next(std::string_view& key, std::string_view& payload)
{
  if (!m_finished)
    finish();
  // The source of the previous record moves on only now, so its views stayed valid.
  if (m_current) {
    if (m_current->advance()) {
      m_heap.push_back(std::move(m_current));
      std::push_heap(m_heap.begin(), m_heap.end(), HeapLess{});
    }
    m_current.reset();
  }
  if (m_heap.empty())
    return false;
  std::pop_heap(m_heap.begin(), m_heap.end(), HeapLess{});
  m_current = std::move(m_heap.back());
  m_heap.pop_back();
  key = m_current->key;
  payload = m_current->payload;
  return true;
}

} // namespace duty::replay
