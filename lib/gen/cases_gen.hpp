#pragma once

// Synthetic 12345 exports against a list set: work orders with the export
// headers of a real Beijing district (DOMAIN.md §3) and, optionally, the event
// log of each order (派单, 签收, 联系, 退单, 改派, 吹哨, 报到, 办结, 回访 …).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace duty::lists {
struct ListSet;
}

namespace duty::gen {

struct CasesSpec
{
  size_t orders = 1000;
  uint64_t seed = 1;
  int year = 2025, month = 3;    // orders are received in this month
  unsigned dirty_per_mille = 5;  // rows with a broken value (bad time, unknown answer, no id)
  unsigned wrong_per_mille = 60; // orders first dispatched to a wrong unit, then returned
  unsigned whistle_per_mille = 250; // of territory-led orders on a matter streets whistle for
};

struct CasesSummary
{
  size_t orders = 0, events = 0, dirty = 0, returned = 0, whistles = 0;
};

// Receives UTF-8 text in pieces that end at row boundaries.
using TextSink = std::function<void(std::string_view)>;

// Receives one row at a time: the header first, then one row per order (or event).
using RowSink = std::function<void(const std::vector<std::string>&)>;

// Hands the orders to `orders` and, when `events` is set, the event log to
// `events`, row by row. The same spec and list set give the same rows.
// Throws UsageError when the list set has no territories or no matters with a
// 12345 category path.
CasesSummary
generate_cases(const lists::ListSet& set, const CasesSpec& spec, const RowSink& orders,
               const RowSink* events);

// The same as CSV text (RFC 4180, CRLF), in pieces of about a megabyte.
CasesSummary
generate_cases(const lists::ListSet& set, const CasesSpec& spec, const TextSink& orders,
               const TextSink* events);

} // namespace duty::gen
