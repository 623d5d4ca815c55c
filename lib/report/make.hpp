#pragma once

// duty report's one library call: the lists audited, the orders counted by
// lib/rates and judged by lib/replay, all in process, and the document built.
#include "cases/reader.hpp"
#include "output/document.hpp"
#include "rates/count.hpp"
#include "report/build.hpp"
#include "report/replay_data.hpp"

#include <string>
#include <vector>

namespace duty::report {

struct Request
{
  const resolve::Context* lists = nullptr;
  const lists::Profile* profile = nullptr;
  std::string profile_source; // where the profile came from ("built-in bj-practice")
  std::string lists_path;     // the list set as given, for the stamp
  std::string db;             // a case store, or …
  std::vector<std::string> inputs, events; // … order exports and event logs (files: each is read twice)
  cases::ReaderOptions reader;             // encoding, format, map of the order exports
  cases::ReaderOptions events_reader;      // … and of the event logs (a map names one kind's headers)
  util::Timestamp as_of;
  Settings settings;
};

struct Made
{
  output::Document doc;
  rates::Counted counted; // what counting could not use: bad rows, unplaced orders, …
  ReplayResult replayed;  // what replay could not use: stray events, unknown names, …
};

// Throws UsageError for unreadable input, InputError for a period without
// orders (naming those there are) or a date outside the calendars.
Made
make_report(const Request& request);

} // namespace duty::report
