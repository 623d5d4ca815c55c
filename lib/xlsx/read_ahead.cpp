#include "xlsx/read_ahead.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace duty::xlsx {

namespace {

class ReadAhead final : public Sheet
{
public:
  ReadAhead(std::unique_ptr<Sheet> sheet, size_t batch, size_t batches)
      : m_sheet(std::move(sheet)), m_batch(batch), m_batches(batches), m_thread([this] { run(); })
  {
  }
  ~ReadAhead() override
  {
    {
      std::lock_guard lock(m_mutex);
      m_stop = true;
    }
    m_cv.notify_all();
    m_thread.join();
  }
  bool next(SheetRow& row) override;
  bool
  column_hidden(uint32_t col) const override
  {
    return m_sheet->column_hidden(col);
  }

private:
  void run();

  std::unique_ptr<Sheet> m_sheet;
  size_t m_batch, m_batches;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::deque<std::vector<SheetRow>> m_ready;
  std::vector<std::vector<SheetRow>> m_spare; // emptied batches, to reuse their rows
  bool m_done = false, m_stop = false;
  std::exception_ptr m_error;
  std::vector<SheetRow> m_cur;
  size_t m_pos = 0;
  std::thread m_thread; // last: started once the rest is ready
};

void
ReadAhead::run()
{
  try {
    for (;;) {
      std::vector<SheetRow> batch;
      {
        std::lock_guard lock(m_mutex);
        if (!m_spare.empty()) {
          batch = std::move(m_spare.back());
          m_spare.pop_back();
        }
      }
      batch.resize(m_batch);
      size_t n = 0;
      while (n < m_batch && m_sheet->next(batch[n]))
        ++n;
      batch.resize(n);
      std::unique_lock lock(m_mutex);
      m_cv.wait(lock, [&] { return m_stop || m_ready.size() < m_batches; });
      if (m_stop)
        return;
      if (n > 0)
        m_ready.push_back(std::move(batch));
      if (n < m_batch) {
        m_done = true;
        m_cv.notify_all();
        return;
      }
      m_cv.notify_all();
    }
  } catch (...) {
    std::lock_guard lock(m_mutex);
    m_error = std::current_exception();
    m_done = true;
    m_cv.notify_all();
  }
}

bool
ReadAhead::next(SheetRow& row)
{
  if (m_pos == m_cur.size()) {
    std::unique_lock lock(m_mutex);
    if (!m_cur.empty())
      m_spare.push_back(std::move(m_cur));
    m_cur.clear();
    m_pos = 0;
    m_cv.wait(lock, [&] { return !m_ready.empty() || m_done; });
    if (m_ready.empty()) {
      if (m_error)
        std::rethrow_exception(m_error);
      return false;
    }
    m_cur = std::move(m_ready.front());
    m_ready.pop_front();
    m_cv.notify_all();
  }
  std::swap(row, m_cur[m_pos++]);
  return true;
}

} // namespace

std::unique_ptr<Sheet>
read_ahead(std::unique_ptr<Sheet> sheet, size_t batch, size_t batches)
{
  return std::make_unique<ReadAhead>(std::move(sheet), batch, batches);
}

} // namespace duty::xlsx
