#pragma once

// Where replay's cases come from: export files (orders in any order, events
// in separate files, both sorted on disk when they do not fit the memory
// budget) or a case store. Either way, cases come out in order of id.
#include "cases/reader.hpp"
#include "lists/model.hpp"
#include "replay/records.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace duty::replay {

// What reading found that is not a case: reported, never silently dropped.
struct ReadReport
{
  uint64_t orders = 0, events = 0; // records read
  uint64_t bad_rows = 0;           // rows that could not be read (listed up to max_listed)
  std::vector<std::string> listed; // "file:line: column X: reason"
  uint64_t bad_event_rows = 0;     // of bad_rows, rows of event logs (or the store's events) …
  std::vector<std::string> listed_events; // … and those listed (up to max_listed)
  uint64_t duplicate_orders = 0;   // ids given again: the later row counts (as ingest keeps it)
  uint64_t stray_events = 0;       // events whose id no order has
  uint64_t stray_ids = 0;          // distinct such ids
  size_t runs_written = 0;         // temporary sort runs (0: everything fit in memory)
};

class CaseSource
{
public:
  virtual ~CaseSource() = default;
  // The next case in id order; false at the end.
  virtual bool next(Case& c) = 0;
  const ReadReport&
  report() const
  {
    return m_report;
  }

protected:
  ReadReport m_report;
};

struct FileInputs
{
  std::vector<std::string> orders, events; // "-" is standard input (once)
  cases::ReaderOptions orders_reader;      // encoding, format, map of the orders
  cases::ReaderOptions events_reader;      // … and of the events (a map names one kind's headers)
  size_t memory = size_t(256) << 20;       // bytes the sort may hold; beyond, it spills to disk
  std::string tmp_dir;                     // for spilled runs ($TMPDIR or /tmp)
  size_t max_listed = 20;
  // With the list set: event units are resolved while reading (by
  // resolve_unit), so that the sort carries an index, not the name.
  const lists::ListSet* lists = nullptr;
  const lists::Names* names = nullptr;
};

// Reads every input (events on a second thread), sorting orders and events
// by id within `memory`; throws what the case readers throw (an unreadable
// file, a header without an id column).
std::unique_ptr<CaseSource> open_files(const FileInputs& in);

// Reads a case store (duty-store(5)) through two cursors ordered by id.
std::unique_ptr<CaseSource> open_store(const std::string& path, size_t max_listed = 20);

} // namespace duty::replay
