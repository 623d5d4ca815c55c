#pragma once

// Private to lib/store: reads rows on a second thread so that decoding,
// parsing, typing and hashing overlap with SQLite's inserts.
#include "cases/reader.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace duty::store {

class RowPipe
{
public:
  struct Batch
  {
    std::vector<cases::Row> rows; // reused: the rows keep their buffers
    size_t size = 0;
  };

  // Starts reading `reader` at once. With `keep_rejected`, bad rows carry
  // their JSON for --skip-bad (the reader's record is gone by the time the
  // consumer sees the row).
  RowPipe(cases::CaseReader& reader, bool keep_rejected);
  // Stops the reader thread (if still running) and joins it.
  ~RowPipe();
  RowPipe(const RowPipe&) = delete;
  RowPipe& operator=(const RowPipe&) = delete;

  // The next batch, or nullptr at the end. Rethrows the reader's exception.
  Batch* next();
  // Hands a batch back for reuse; call before next().
  void recycle(Batch* batch);

private:
  void produce(cases::CaseReader& reader, bool keep_rejected);

  static constexpr size_t kBatchRows = 2048;
  static constexpr size_t kBatchBytes = 1 << 20;
  static constexpr size_t kBatches = 4;
  std::vector<Batch> m_storage;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::deque<Batch*> m_full, m_free;
  bool m_done = false, m_cancel = false;
  std::exception_ptr m_error;
  std::thread m_thread;
};

} // namespace duty::store
