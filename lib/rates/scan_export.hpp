#pragma once

// The fast path for raw exports: a CSV or TSV file (UTF-8 or GB18030/GBK)
// split into chunks that are tokenized (cases/scan.hpp) and typed on every
// core at once, reading only the columns the rates need, in bounded memory.
// Chunks start at a guessed record boundary; each guess is checked against
// where the previous chunk really ended, and a chunk whose guess was wrong
// (a quoted line break at the boundary) is read again, so the result is
// exactly that of reading the file from start to end: counts add.
#include "cases/pii.hpp"
#include "rates/count.hpp"
#include "rates/order.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace duty::rates {

// Receives the orders of one chunk, in order, on one thread.
class OrderSink
{
public:
  virtual ~OrderSink() = default;
  virtual void add(const Order& o) = 0;
};
using SinkFactory = std::function<std::unique_ptr<OrderSink>()>;

struct ScanOptions
{
  unsigned threads = 0;        // 0: one per core
  size_t block = 8u << 20;     // bytes mapped at a time per thread
  size_t sync = 1u << 20;      // a chunk's head: mended alone when its guessed start was wrong
  const cases::PiiHasher* callers = nullptr; // set: hash callers into Order::caller (the duplicate rule)
  // The name fields a job reads (the typed fields are always read: a bad value makes a bad row).
  bool type = true, status = true, territory = true, category = true, id = true;
};

// The name fields `profile` counting `by` reads, in `o`.
void
needed_fields(const lists::Profile& profile, By by, bool duplicates, ScanOptions& o);

struct ScanResult
{
  std::vector<std::unique_ptr<OrderSink>> sinks; // one per chunk, in file order
  uint64_t rows = 0, bad_rows = 0;
  std::vector<std::string> bad; // the first CountOptions::max_listed, in line order
  std::vector<std::string> notes;
  unsigned chunks = 0;  // chunks read
  unsigned mended = 0;  // … whose guessed start was wrong, mended by reading their head again
  unsigned reread = 0;  // … read again whole
};

// Whether `path` takes the fast path: a regular file, CSV or TSV, UTF-8 or
// GB18030 (given or detected). JSON Lines, UTF-16 and standard input do not.
bool
scannable(const std::string& path, const cases::ReaderOptions& reader);

// Scans `path`. Throws UsageError when it cannot be read, InputError when its
// header is broken or lacks the id column.
ScanResult
scan_export(const std::string& path, const cases::ReaderOptions& reader, size_t max_listed,
            const ScanOptions& options, const SinkFactory& sink);

} // namespace duty::rates
