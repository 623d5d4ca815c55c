#pragma once

// Reading orders for the rates: from a case store (duty ingest), or straight
// from exports through the case reader. The duplicate rule needs every
// order's caller before counting, so with it the input is read twice
// (standard input is spooled to a temporary file first).
#include "cases/reader.hpp"
#include "rates/attribute.hpp"
#include "rates/clocks.hpp"
#include "rates/tally.hpp"

#include <map>
#include <optional>
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
  // A profile that counts from replay's clocks (uses_clocks) reads `clocks`,
  // judged by replay for these very orders; when null, the input is replayed
  // here: the exports with the event logs `events`, or the store with its
  // events, judged at `as_of`.
  const replay::ClockBook* clocks = nullptr;
  std::vector<std::string> events;
  cases::ReaderOptions events_reader;
  util::Timestamp as_of;
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
  // With a profile that counts from replay's clocks:
  std::optional<ClockReport> replayed; // what replaying found, when count_orders replayed the input
  uint64_t unclocked = 0;              // orders counted that replay did not judge: no clock decided
};

// Throws UsageError when an input cannot be read, InputError when an export
// lacks a required column; with clocks to replay, what replay_clocks throws.
Counted
count_orders(const CountOptions& options);

} // namespace duty::rates
