#pragma once

// Reading orders for the rates: from a case store (duty ingest), or straight
// from exports through the case reader. The duplicate rule needs every
// order's caller before counting, so with it the input is read twice
// (standard input is spooled to a temporary file first).
#include "cases/reader.hpp"
#include "rates/attribute.hpp"
#include "rates/tally.hpp"

#include <map>
#include <string>
#include <vector>

namespace duty::rates {

struct CountOptions
{
  const lists::Profile* profile = nullptr;
  const resolve::Context* lists = nullptr; // optional: names resolve to ids, units get groups
  By by = By::unit;
  std::string db;                          // a case store, or …
  std::vector<std::string> inputs;         // … order exports ('-' standard input)
  cases::ReaderOptions reader;             // encoding, format, map of the exports
  size_t max_listed = 10;                  // bad rows listed in full
};

struct Counted
{
  Totals totals;
  Unplaced unplaced;
  std::map<std::string, uint64_t> unresolved; // "unit NAME" → orders
  uint64_t undecided_leads = 0;
  uint64_t rows = 0;                          // orders read
  uint64_t bad_rows = 0;                      // export rows that could not be read (not counted)
  std::vector<std::string> bad;               // the first max_listed: "file:line: column C: reason"
  std::vector<std::string> notes;             // what the input lacks ("no 是否有效回访 column")
};

// Throws UsageError when an input cannot be read, InputError when an export
// lacks a required column.
Counted
count_orders(const CountOptions& options);

} // namespace duty::rates
