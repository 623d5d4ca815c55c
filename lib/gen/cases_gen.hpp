#pragma once

// Synthetic 12345 exports against a list set: work orders with the export
// headers of a real Beijing district (DOMAIN.md §3) and, optionally, the event
// log of each order (派单, 签收, 联系, 退单, 改派, 延期, 吹哨, 报到, 办结, 回访 …).
//
// Leads come from the resolver that replay uses, and deadlines from the same
// clock rule (replay/clocks.hpp), so a generated log is clean by the lists
// except for the deviations planted on purpose, which the summary lists:
// `duty replay` must find exactly those (the generator's end-to-end test).
#include "util/time.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duty::lists {
struct Profile;
}
namespace duty::resolve {
class Context;
}

namespace duty::gen {

struct CasesSpec
{
  size_t orders = 1000;
  uint64_t seed = 1;
  int year = 2025, month = 3;   // orders are received in this month
  unsigned dirty_per_mille = 5; // rows with a broken value (bad time, unknown answer, no id)
  // Planted deviations, per thousand orders; at most one of these per order.
  unsigned wrong_per_mille = 30;       // first dispatched to a unit that neither leads nor assists
  unsigned assist_per_mille = 10;      // first dispatched to a unit that only assists
  unsigned unjustified_per_mille = 10; // the lead returns the order
  unsigned late_sign_per_mille = 10, late_contact_per_mille = 10, late_close_per_mille = 20;
  unsigned overdue_per_mille = 5;   // never closed, deadline passed at the as-of time
  unsigned lifecycle_per_mille = 9; // out-of-order, after-close or duplicate events
  // Whistles, per thousand orders led by a territory (or its team) on a matter
  // it may whistle for; and per thousand whistles, planted faults of each kind.
  unsigned whistle_per_mille = 250;
  unsigned missing_per_mille = 80, extra_per_mille = 60, late_report_per_mille = 80;
  // Not deviations: orders that carry their own deadline (办理时限), orders
  // extended (延期) and closed within the new deadline, supervision copies to
  // the district of orders dispatched to a street.
  unsigned deadline_per_mille = 200, extension_per_mille = 20, copy_per_mille = 300;
  // The time the planted list holds at (overdue orders, missing reports);
  // default: 00:00 on the first day of the second month after.
  std::optional<util::Timestamp> as_of;
};

// One planted deviation: "ID dispatch wrong-unit", "ID return unjustified UNIT",
// "ID sign late", "ID contact late", "ID close late", "ID close overdue",
// "ID lifecycle out-of-order" (after-close, duplicate-event), "ID whistle
// missing UNIT" (extra, late) — in replay's words. A dirty row adds "ID dirty":
// what replay says about that order depends on how the row was spoilt.
struct Planted
{
  std::string id, kind, detail;
  std::string line() const;
};

struct CasesSummary
{
  size_t orders = 0, events = 0, dirty = 0, returned = 0, whistles = 0;
  util::Timestamp as_of;
  std::vector<Planted> planted; // in order of id
};

// Receives UTF-8 text in pieces that end at row boundaries.
using TextSink = std::function<void(std::string_view)>;

// Receives one row at a time: the header first, then one row per order (or event).
using RowSink = std::function<void(const std::vector<std::string>&)>;

// Hands the orders to `orders` and, when `events` is set, the event log to
// `events`, row by row. The same spec, lists and profile give the same rows.
// Throws UsageError when the list set has no territories or no matters with a
// 12345 category path, or no calendar for a deadline the orders need.
CasesSummary generate_cases(const resolve::Context& lists, const lists::Profile& profile,
                            const CasesSpec& spec, const RowSink& orders, const RowSink* events);

// The same as CSV text (RFC 4180, CRLF), in pieces of about a megabyte.
CasesSummary generate_cases(const resolve::Context& lists, const lists::Profile& profile,
                            const CasesSpec& spec, const TextSink& orders, const TextSink* events);

} // namespace duty::gen
