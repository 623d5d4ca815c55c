#include "report/replay_data.hpp"

#include "lists/calendar.hpp"
#include "output/replay.hpp"
#include "rates/period.hpp"
#include "replay/replayer.hpp"
#include "replay/summary.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

namespace duty::report {

ReplayResult
compute_replay(const ReplayRequest& req)
{
  auto month = rates::parse_month(req.period);
  if (!month)
    throw UsageError(fmt::format("--period: {} is not a month (YYYY-MM)", util::quote(req.period)));
  util::WorkCalendar calendar = lists::work_calendar(req.lists->set());
  replay::Replayer replayer(*req.lists, *req.profile, calendar, req.as_of);
  std::unique_ptr<replay::CaseSource> source =
    req.db.empty() ? replay::open_files(req.files) : replay::open_store(req.db);

  ReplayResult out;
  replay::Summary summary;
  std::vector<Complaint> complaints;
  replay::Case c;
  while (source->next(c)) {
    replay::Judgement j = replayer.judge(c);
    ++out.judged;
    if (req.clocks)
      req.clocks->add(j.order.id, j.order.clocks);
    // The month's intake: orders received in the period, whatever became of them.
    const auto& received = c.order.received_at;
    if (!received || rates::period_of(req.profile->period, received->secs) != *month)
      continue;
    ++out.in_period;
    summary.add(j, req.profile->attribution);
    complaints.push_back({j.order.matter.value_or(c.order.category), j.order.territory.value_or(c.order.territory),
                          c.order.community, received->date()});
  }
  if (req.clocks)
    req.clocks->finish();
  out.read = source->report();
  out.unresolved = replayer.unresolved();
  out.tables.summary = output::summary_table(summary, output::Format::md);
  out.tables.as_of = req.as_of.str();
  out.tables.rule = req.rule;
  out.tables.clusters = find_clusters(std::move(complaints), req.rule);
  return out;
}

} // namespace duty::report
