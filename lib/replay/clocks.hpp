#pragma once

// The limits of an order's clocks: one rule for replay and for the case
// generator, which plants late and on-time acts against the same deadlines.
#include "lists/model.hpp"
#include "replay/decision.hpp"
#include "replay/records.hpp"
#include "util/workcal.hpp"

#include <optional>
#include <string_view>

namespace duty::replay {

// When the clocks start: the first dispatch, or the received time when the
// profile says so (and the order has one).
std::optional<util::Timestamp> clock_start(const OrderRecord& order,
                                           std::optional<util::Timestamp> first_dispatch,
                                           const lists::Profile& profile);

// The deadline of clock `name` (sign, contact, close) started at `start`,
// before any 延期: the order's own deadline (close only), else the lists'
// limit for its slice (`decision`, nullptr when unmapped), else the profile's
// default for the order's urgency; nullopt when no limit applies. Throws
// util::CalendarGap.
std::optional<util::Timestamp> clock_deadline(std::string_view name, util::Timestamp start,
                                              const OrderRecord& order, const Decision* decision,
                                              const lists::Profile& profile,
                                              const util::WorkCalendar& calendar);

// The close deadline after a 延期 made at `at`: moved to the event's until
// time, by its until limit, or by the profile's default extension. A 延期
// made at or after the deadline it would extend, or one the log says was
// refused (驳回, 不同意, 未批准 …), changes nothing.
util::Timestamp extend_close(util::Timestamp deadline, const EventRecord& extension,
                             const lists::Profile& profile, const util::WorkCalendar& calendar);

} // namespace duty::replay
