#pragma once

// One replay: every case of a source judged in id order, handed to a sink
// and counted.
#include "replay/replayer.hpp"
#include "replay/source.hpp"
#include "replay/summary.hpp"

#include <functional>

namespace duty::replay {

struct RunTotals
{
  uint64_t orders = 0, whistles = 0;
  uint64_t deviating_orders = 0, deviating_whistles = 0;
};

// Judges each case of `source` and calls `sink` with it; counts into
// `summary` when given. Stops at the first exception (of the source, the
// replayer or the sink).
RunTotals
run(CaseSource& source, Replayer& replayer, const std::function<void(const Judgement&)>& sink,
    Summary* summary = nullptr, lists::Attribution attribution = lists::Attribution::final_unit);

// A hash of a list set's contents — its files' kinds and texts, in any
// order, wherever the set lies — so that saved verdicts name the lists they
// were judged against.
std::string
lists_hash(const lists::ListSet& set);

} // namespace duty::replay
