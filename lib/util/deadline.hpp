#pragma once

// The one deadline rule: when a time limit that starts at a moment runs out.
// Replay's clocks, the case generator and the lists' profile all use it.
#include "util/duration.hpp"
#include "util/time.hpp"
#include "util/workcal.hpp"

namespace duty::util {

// How day-based limits are counted (a profile's day_count).
// civil: 民法典 Art. 201–203 — the start day is not counted, a period ends at
//   24:00 of its last day, and an Nd period whose last day is not a working
//   day runs to the end of the next working day. Nwd ends at 24:00 of the
//   N-th working day after the start day.
// elapsed: Nd is N × 24 hours from the start; Nwd ends at the start's time
//   of day on the N-th working day after the start day.
// Nh and Nm are clock hours and minutes under both (12345 runs 7×24).
enum class DayCount { civil, elapsed };

// The deadline of a period of `limit` starting at `start`: the first second
// after the period (24:00 of 2025-10-16 is 2025-10-17 00:00:00). An act is
// on time when it happens before the deadline. Throws CalendarGap when the
// count needs a day of a year `cal` does not cover.
Timestamp deadline_after(Timestamp start, const Duration& limit, const WorkCalendar& cal, DayCount count);

// A deadline moved on by `extra` (a 延期 by a duration): the extension
// starts where the period ended — under civil counting its start day is the
// period's last day, which is not counted again.
Timestamp extend_deadline(Timestamp deadline, const Duration& extra, const WorkCalendar& cal, DayCount count);

} // namespace duty::util
