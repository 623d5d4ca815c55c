#pragma once

// A judgement as the rows the store keeps (duty replay --save).
#include "replay/verdict.hpp"
#include "store/verdicts.hpp"

namespace duty::replay {

// `record`: the order's JSON line, kept whole in the row.
store::SavedOrder saved_order(const Judgement& j, std::string record);
// The `seq`-th whistle of its order, with its JSON line.
store::SavedWhistle saved_whistle(const WhistleVerdict& w, int64_t seq, std::string record);

} // namespace duty::replay
