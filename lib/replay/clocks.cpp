// The clocks of an order: sign, contact and close, each against its limit —
// the order's own deadline (close only), else the lists' limits for the
// slice, else the profile's defaults by urgency — counted by the one
// deadline rule (util/deadline.hpp). 延期 moves the close deadline.
#include "replay/clocks.hpp"
#include "replay/timeline.hpp"

#include <algorithm>

namespace duty::replay {

using util::Timestamp;

namespace {

std::optional<Timestamp>
first(const Timeline& t, EventKind k)
{
  for (const auto& s : t.steps)
    if (s.event->kind == k)
      return s.event->at;
  return std::nullopt;
}

// An approval outcome is optional data (DOMAIN.md §3): only a 延期 the log
// says was refused is left out.
bool
refused(const std::string& note)
{
  for (const char* no : {"驳回", "不同意", "未批准", "不予批准", "不予延期", "rejected", "refused"})
    if (note == no)
      return true;
  return false;
}

} // namespace

Clock
judge_clock(std::optional<Timestamp> start, std::optional<Timestamp> deadline, std::optional<Timestamp> done,
            Timestamp as_of)
{
  Clock c;
  c.deadline = deadline;
  c.at = done;
  if (start && done)
    c.elapsed_s = *done - *start;
  if (!start || !deadline)
    c.status = ClockStatus::none;
  else if (done)
    c.status = *done < *deadline ? ClockStatus::on_time : ClockStatus::late;
  else
    c.status = as_of >= *deadline ? ClockStatus::overdue : ClockStatus::open;
  return c;
}

std::optional<Timestamp>
clock_start(const OrderRecord& order, std::optional<Timestamp> first_dispatch, const lists::Profile& profile)
{
  if (profile.clock_start == lists::ClockStart::received && order.received_at)
    return order.received_at;
  return first_dispatch;
}

std::optional<Timestamp>
clock_deadline(std::string_view name, Timestamp start, const OrderRecord& order, const Decision* decision,
               const lists::Profile& profile, const util::WorkCalendar& calendar)
{
  if (name == "close" && !order.deadline.empty()) {
    if (order.deadline.at)
      return order.deadline.at;
    return util::deadline_after(start, *order.deadline.limit, calendar, profile.day_count);
  }
  std::optional<util::Duration> limit;
  if (decision)
    for (const auto& l : decision->limits)
      if (l.name.value == name)
        limit = l.value;
  if (!limit)
    limit = profile.limit(name, order.urgency);
  if (!limit)
    return std::nullopt;
  return util::deadline_after(start, *limit, calendar, profile.day_count);
}

Timestamp
extend_close(Timestamp deadline, const EventRecord& e, const lists::Profile& profile,
             const util::WorkCalendar& calendar)
{
  if (e.kind != EventKind::extend || e.at >= deadline || refused(e.note))
    return deadline;
  if (e.until.at)
    return *e.until.at;
  if (e.until.limit)
    return util::extend_deadline(deadline, *e.until.limit, calendar, profile.day_count);
  if (profile.extension)
    return util::extend_deadline(deadline, *profile.extension, calendar, profile.day_count);
  return deadline;
}

Clocks
compute_clocks(const ClockInputs& in)
{
  const Timeline& t = in.timeline;
  std::optional<Timestamp> dispatched;
  if (!t.dispatches.empty())
    dispatched = t.steps[t.dispatches.front()].event->at;
  std::optional<Timestamp> start = clock_start(in.order, dispatched, in.profile);
  auto deadline = [&](std::string_view name) -> std::optional<Timestamp> {
    if (!start)
      return std::nullopt;
    return clock_deadline(name, *start, in.order, in.decision, in.profile, in.calendar);
  };
  Clocks c;
  c.sign = judge_clock(start, deadline("sign"), first(t, EventKind::sign), in.as_of);
  c.contact = judge_clock(start, deadline("contact"), first(t, EventKind::contact), in.as_of);
  auto close = deadline("close");
  if (close)
    for (const auto& s : t.steps)
      close = extend_close(*close, *s.event, in.profile, in.calendar);
  c.close = judge_clock(start, close, first(t, EventKind::close), in.as_of);
  return c;
}

} // namespace duty::replay
