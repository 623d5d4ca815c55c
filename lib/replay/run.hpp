#pragma once

// One replay: every case of a source judged in id order, counted, rendered
// and handed on — judged and rendered on several threads, handed on in order.
#include "replay/replayer.hpp"
#include "replay/source.hpp"
#include "replay/summary.hpp"

#include <functional>
#include <string>

namespace duty::replay {

struct RunTotals
{
  uint64_t orders = 0, whistles = 0;
  uint64_t deviating_orders = 0, deviating_whistles = 0;
  // Names in the log that are no matter, territory or unit of the lists.
  std::map<std::pair<std::string, std::string>, uint64_t> unresolved;
};

// What a Replayer is built from; each worker thread builds its own.
struct ReplaySetup
{
  const resolve::Context& lists;
  const lists::Profile& profile;
  const util::WorkCalendar& calendar;
  util::Timestamp as_of;
};

struct RunOptions
{
  unsigned threads = 0; // judging threads; 0: one per CPU
  Summary* summary = nullptr;
  lists::Attribution attribution = lists::Attribution::final_unit;
  // Turns a judgement into text, on the judging threads (so it must not
  // touch shared state); may be empty.
  std::function<void(const Judgement&, std::string&)> render;
  // Receives each judgement and its text, on the calling thread, in id order.
  std::function<void(const Judgement&, const std::string&)> emit;
};

// Judges each case of `source`. Rethrows the first exception of the source,
// a judgement, render or emit, after stopping the threads.
RunTotals run(CaseSource& source, const ReplaySetup& setup, const RunOptions& options);

} // namespace duty::replay
