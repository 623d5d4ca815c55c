#pragma once

// Reading a store's orders and events in id order, for replay: rows in the
// stored form of cases/fields.hpp, as a case reader gives them for a file.
#include "cases/reader.hpp"

#include <memory>
#include <string>

namespace duty::store {

class CaseScan
{
public:
  // Opens the store read-only (a version-1 store too: fields it has no
  // column for are empty). Throws UsageError when it is not a duty store.
  explicit CaseScan(const std::string& path);
  ~CaseScan();
  CaseScan(const CaseScan&) = delete;
  CaseScan& operator=(const CaseScan&) = delete;

  // Orders by id (byte order); row.line is the line the order was read from.
  bool next_order(cases::Row& row);
  // Events by id, then in load order; row.line is the event's seq (its load order).
  bool next_event(cases::Row& row);

  const std::string& path() const;

private:
  struct Impl;
  std::unique_ptr<Impl> m;
};

} // namespace duty::store
