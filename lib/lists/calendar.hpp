#pragma once

// The working-day calendar of a list set: its `calendar` items, indexed by date.
#include "lists/model.hpp"
#include "util/workcal.hpp"

namespace duty::lists {

// Covers the years of the set's calendar items; every listed holiday and
// make-up workday counts by its date, whichever year's item lists it.
util::WorkCalendar work_calendar(const ListSet& set);

} // namespace duty::lists
