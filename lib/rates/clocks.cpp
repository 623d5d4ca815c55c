#include "rates/clocks.hpp"

#include "lists/calendar.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

namespace duty::rates {

bool
uses_clocks(const lists::Profile& p)
{
  for (const auto* r : {&p.response, &p.resolution, &p.satisfaction})
    switch (r->count) {
    case lists::RateCount::sign_on_time:
    case lists::RateCount::contact_on_time:
    case lists::RateCount::close_on_time: return true;
    case lists::RateCount::contacted:
    case lists::RateCount::resolved:
    case lists::RateCount::satisfied: break;
    }
  return false;
}

Clock
clock_of(replay::ClockStatus s)
{
  switch (s) {
  case replay::ClockStatus::on_time: return Clock::on_time;
  case replay::ClockStatus::late: return Clock::late;
  case replay::ClockStatus::overdue: return Clock::overdue;
  case replay::ClockStatus::open: return Clock::open;
  case replay::ClockStatus::none: return Clock::none;
  }
  return Clock::none;
}

bool
stamp_clocks(Order& o, const replay::ClockBook& book)
{
  auto states = book.find(o.id);
  if (!states)
    return false;
  o.sign = clock_of(states->sign);
  o.contact = clock_of(states->contact);
  o.close = clock_of(states->close);
  return true;
}

replay::ClockBook
replay_clocks(const ClockInputs& in, ClockReport& report)
{
  if (!in.lists)
    throw UsageError(fmt::format("the profile {} counts from replay's clocks, whose limits come from the lists: "
                                 "give --lists",
                                 in.profile->id.value));
  std::unique_ptr<replay::CaseSource> source;
  if (!in.db.empty()) {
    source = replay::open_store(in.db);
  } else {
    replay::FileInputs files;
    files.orders = in.orders;
    files.events = in.events;
    files.orders_reader = in.orders_reader;
    files.events_reader = in.events_reader;
    files.orders_reader.pii = files.events_reader.pii = nullptr; // replay reads no personal column
    files.orders_reader.keep_personal = files.events_reader.keep_personal = false;
    files.lists = &in.lists->set();
    files.names = &in.lists->names();
    source = replay::open_files(files);
  }
  util::WorkCalendar calendar = lists::work_calendar(in.lists->set());
  replay::RunTotals totals;
  replay::ClockBook book = replay::book_clocks(*source, {*in.lists, *in.profile, calendar, in.as_of}, &totals);
  report.read = source->report();
  report.judged = totals.orders;
  report.unresolved = std::move(totals.unresolved);
  return book;
}

} // namespace duty::rates
