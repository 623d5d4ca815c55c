#pragma once

// The on-time counts: a profile whose rates count sign_on_time,
// contact_on_time or close_on_time reads each order's clocks as replay
// judged them (replay/clock_book.hpp), never a rule of its own. The input is
// replayed in process: the same order exports with their event logs, or the
// store's orders and events, judged against the lists at an as-of time.
#include "cases/reader.hpp"
#include "lists/model.hpp"
#include "rates/order.hpp"
#include "replay/clock_book.hpp"
#include "replay/source.hpp"
#include "resolve/context.hpp"
#include "util/time.hpp"

#include <string>
#include <vector>

namespace duty::rates {

// Whether any rate of `profile` counts from replay's clocks.
bool
uses_clocks(const lists::Profile& profile);

// Replay's status as the counts read it.
Clock
clock_of(replay::ClockStatus status);

// Sets the order's three clocks from `book`; false (clocks left none) when
// replay judged no order of that id.
bool
stamp_clocks(Order& order, const replay::ClockBook& book);

struct ClockInputs
{
  const resolve::Context* lists = nullptr; // required: clocks are limits the lists and profile set
  const lists::Profile* profile = nullptr;
  std::string db;                          // a case store, or …
  std::vector<std::string> orders, events; // … order exports and event logs (files, not '-')
  cases::ReaderOptions orders_reader, events_reader;
  util::Timestamp as_of; // clocks not done by then are overdue or open
};

// What replaying found besides the clocks, for notes.
struct ClockReport
{
  replay::ReadReport read;
  uint64_t judged = 0; // orders replay judged
  std::map<std::pair<std::string, std::string>, uint64_t> unresolved;
};

// Replays the inputs and books every order's clocks. Throws UsageError
// without lists, and what replay throws (unreadable input, a clock that
// needs a calendar year the lists lack).
replay::ClockBook
replay_clocks(const ClockInputs& in, ClockReport& report);

} // namespace duty::rates
