#pragma once

// Running lib/replay for a report: every case of the input is judged as of
// the report's time; the orders received in the period (the profile's period
// boundaries) are counted into a replay::Summary — laid out by
// output::summary_table, exactly what `duty replay --summary` prints for those
// orders — and clustered for 未诉先办.
#include "replay/clock_book.hpp"
#include "replay/source.hpp"
#include "report/replay_sections.hpp"
#include "resolve/context.hpp"
#include "util/time.hpp"

#include <map>
#include <memory>
#include <string>

namespace duty::report {

struct ReplayRequest
{
  const resolve::Context* lists = nullptr;
  const lists::Profile* profile = nullptr;
  std::string db;            // a case store, or …
  replay::FileInputs files;  // … order exports and event logs
  util::Timestamp as_of;     // open clocks are judged at this time
  std::string period;        // YYYY-MM
  ClusterRule rule;
  replay::ClockBook* clocks = nullptr; // when set, every order's clocks are booked (all periods)
};

struct ReplayResult
{
  ReplayTables tables;
  replay::ReadReport read;                                    // rows left out, stray events, …
  std::map<std::pair<std::string, std::string>, uint64_t> unresolved; // names the lists do not know
  uint64_t judged = 0;    // orders judged (all periods)
  uint64_t in_period = 0; // of those, received in the period
};

// Throws what replay throws: UsageError for unreadable input, InputError for
// a clock that needs a calendar year the lists lack.
ReplayResult
compute_replay(const ReplayRequest& request);

} // namespace duty::report
