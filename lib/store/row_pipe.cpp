#include "store/row_pipe.hpp"

namespace duty::store {

RowPipe::RowPipe(cases::CaseReader& reader, bool keep_rejected) : m_storage(kBatches)
{
  for (auto& b : m_storage) {
    b.rows.resize(kBatchRows);
    m_free.push_back(&b);
  }
  m_thread = std::thread([this, &reader, keep_rejected] { produce(reader, keep_rejected); });
}

RowPipe::~RowPipe()
{
  {
    std::lock_guard lock(m_mutex);
    m_cancel = true;
  }
  m_cv.notify_all();
  m_thread.join();
}

void
RowPipe::produce(cases::CaseReader& reader, bool keep_rejected)
{
  try {
    for (;;) {
      Batch* b;
      {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, [&] { return m_cancel || !m_free.empty(); });
        if (m_cancel)
          return;
        b = m_free.front();
        m_free.pop_front();
      }
      b->size = 0;
      bool more = true;
      // A batch ends at kBatchRows rows or kBatchBytes of text, so that wide
      // rows do not pile up memory.
      size_t bytes = 0;
      while (b->size < b->rows.size() && bytes < kBatchBytes
             && (more = reader.next(b->rows[b->size]))) {
        cases::Row& row = b->rows[b->size++];
        row.rejected.clear();
        if (!row.ok() && keep_rejected)
          row.rejected = reader.rejected_json(row);
        for (const auto& v : row.values)
          bytes += v.size();
        bytes += row.extra.size() + row.dims.size();
      }
      {
        std::lock_guard lock(m_mutex);
        if (b->size > 0)
          m_full.push_back(b);
        else
          m_free.push_back(b);
        m_done = !more;
      }
      m_cv.notify_all();
      if (!more)
        return;
    }
  } catch (...) {
    std::lock_guard lock(m_mutex);
    m_error = std::current_exception();
    m_done = true;
    m_cv.notify_all();
  }
}

RowPipe::Batch*
RowPipe::next()
{
  std::unique_lock lock(m_mutex);
  m_cv.wait(lock, [&] { return !m_full.empty() || m_done; });
  if (!m_full.empty()) {
    Batch* b = m_full.front();
    m_full.pop_front();
    return b;
  }
  if (m_error)
    std::rethrow_exception(m_error);
  return nullptr;
}

void
RowPipe::recycle(Batch* batch)
{
  {
    std::lock_guard lock(m_mutex);
    m_free.push_back(batch);
  }
  m_cv.notify_all();
}

} // namespace duty::store
