#include "replay/run.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

namespace duty::replay {

namespace {

constexpr size_t kBatch = 256; // cases per batch: large enough to amortise the locks

struct Batch
{
  uint64_t seq = 0;
  std::vector<Case> cases;
  std::vector<Judgement> judgements;
  std::vector<std::string> texts;
};

// Batches flow from the reader (the calling thread) to the judges and back,
// bounded so that memory does not grow with the log.
class Pipeline
{
public:
  explicit Pipeline(size_t max_in_flight) : m_max(max_in_flight) {}

  // Reader: queues a batch for judging (after making room with ready()).
  bool
  submit(std::unique_ptr<Batch> b)
  {
    std::lock_guard lock(m_mutex);
    if (m_failed)
      return false;
    ++m_in_flight;
    m_todo.push_back(std::move(b));
    m_cv.notify_all();
    return true;
  }
  bool
  full()
  {
    std::lock_guard lock(m_mutex);
    return m_in_flight >= m_max;
  }
  void
  close()
  {
    std::lock_guard lock(m_mutex);
    m_closed = true;
    m_cv.notify_all();
  }
  // Judge: the next batch to judge, or nullptr when there is no more.
  std::unique_ptr<Batch>
  take()
  {
    std::unique_lock lock(m_mutex);
    m_cv.wait(lock, [&] { return !m_todo.empty() || m_closed || m_failed; });
    if (m_todo.empty() || m_failed)
      return nullptr;
    auto b = std::move(m_todo.front());
    m_todo.pop_front();
    return b;
  }
  void
  done(std::unique_ptr<Batch> b)
  {
    std::lock_guard lock(m_mutex);
    uint64_t seq = b->seq;
    m_done.emplace(seq, std::move(b));
    m_cv.notify_all();
  }
  void
  fail(std::exception_ptr e)
  {
    std::lock_guard lock(m_mutex);
    if (!m_error)
      m_error = e;
    m_failed = true;
    m_cv.notify_all();
  }
  // Reader: the judged batch `seq` when it is ready (nullptr: nothing yet, or failed).
  std::unique_ptr<Batch>
  ready(uint64_t seq, bool wait)
  {
    std::unique_lock lock(m_mutex);
    if (wait)
      m_cv.wait(lock, [&] { return m_done.count(seq) || m_failed; });
    auto it = m_done.find(seq);
    if (it == m_done.end() || m_failed)
      return nullptr;
    auto b = std::move(it->second);
    m_done.erase(it);
    --m_in_flight;
    m_cv.notify_all();
    return b;
  }
  std::exception_ptr
  error()
  {
    std::lock_guard lock(m_mutex);
    return m_error;
  }

private:
  size_t m_max, m_in_flight = 0;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::deque<std::unique_ptr<Batch>> m_todo;
  std::map<uint64_t, std::unique_ptr<Batch>> m_done;
  bool m_closed = false, m_failed = false;
  std::exception_ptr m_error;
};

// On a judging thread: judges and renders batches until the pipe closes or fails.
void
judge_batches(Pipeline& pipe, Replayer& replayer, const RunOptions& options)
{
  try {
    while (auto b = pipe.take()) {
      b->judgements.resize(b->cases.size());
      b->texts.resize(b->cases.size());
      for (size_t k = 0; k < b->cases.size(); ++k) {
        b->judgements[k] = replayer.judge(b->cases[k]);
        b->texts[k].clear();
        if (options.render)
          options.render(b->judgements[k], b->texts[k]);
      }
      pipe.done(std::move(b));
    }
  } catch (...) {
    pipe.fail(std::current_exception());
  }
}

// On the calling thread: reads batches from the source, hands them to the
// judges and the judged ones on, in order; keeps emitted batches for reuse.
class Reader
{
public:
  Reader(CaseSource& source, Pipeline& pipe, const RunOptions& options, RunTotals& totals)
      : m_source(source), m_pipe(pipe), m_options(options), m_totals(totals)
  {
  }

  void
  run()
  {
    uint64_t seq = 0;
    for (bool more = true; more;) {
      auto b = fill(seq, more);
      if (!b->cases.empty()) {
        // At most max batches in flight: wait for the oldest one first.
        while (m_next < seq && m_pipe.full() && emit_ready(true)) {
        }
        if (!m_pipe.submit(std::move(b)))
          break;
        ++seq;
      }
      // Hand on what is judged, in order, without waiting for the rest.
      while (emit_ready(false)) {
      }
    }
    m_pipe.close();
    while (m_next < seq && emit_ready(true)) {
    }
  }

private:
  std::unique_ptr<Batch>
  fill(uint64_t seq, bool& more)
  {
    std::unique_ptr<Batch> b;
    if (m_spare.empty()) {
      b = std::make_unique<Batch>();
    } else {
      b = std::move(m_spare.back());
      m_spare.pop_back();
    }
    b->seq = seq;
    b->cases.resize(kBatch);
    size_t n = 0;
    while (n < kBatch && (more = m_source.next(b->cases[n])))
      ++n;
    b->cases.resize(n);
    return b;
  }

  // Emits the next batch in order if it is judged (waiting for it with
  // `wait`); false when there is none (or the pipe failed).
  bool
  emit_ready(bool wait)
  {
    auto b = m_pipe.ready(m_next, wait);
    if (!b)
      return false;
    for (size_t k = 0; k < b->judgements.size(); ++k) {
      const Judgement& j = b->judgements[k];
      ++m_totals.orders;
      m_totals.deviating_orders += j.order.deviates();
      m_totals.whistles += j.whistles.size();
      for (const auto& w : j.whistles)
        m_totals.deviating_whistles += w.deviates();
      if (m_options.summary)
        m_options.summary->add(j, m_options.attribution);
      if (m_options.emit)
        m_options.emit(j, b->texts[k]);
    }
    ++m_next;
    m_spare.push_back(std::move(b));
    return true;
  }

  CaseSource& m_source;
  Pipeline& m_pipe;
  const RunOptions& m_options;
  RunTotals& m_totals;
  uint64_t m_next = 0;                        // the next batch to hand on
  std::vector<std::unique_ptr<Batch>> m_spare; // emitted batches, reused with their buffers
};

} // namespace

RunTotals
run(CaseSource& source, const ReplaySetup& setup, const RunOptions& options)
{
  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  Pipeline pipe(2 * size_t(threads) + 2);
  std::vector<std::unique_ptr<Replayer>> replayers;
  for (unsigned i = 0; i < threads; ++i)
    replayers.push_back(std::make_unique<Replayer>(setup.lists, setup.profile, setup.calendar, setup.as_of));
  std::vector<std::thread> judges;
  for (unsigned i = 0; i < threads; ++i)
    judges.emplace_back([&, i] { judge_batches(pipe, *replayers[i], options); });

  RunTotals t;
  try {
    Reader(source, pipe, options, t).run();
  } catch (...) {
    pipe.fail(std::current_exception());
  }
  pipe.close();
  for (auto& j : judges)
    j.join();
  if (auto e = pipe.error())
    std::rethrow_exception(e);
  for (const auto& r : replayers)
    for (const auto& [k, n] : r->unresolved())
      t.unresolved[k] += n;
  return t;
}

} // namespace duty::replay
