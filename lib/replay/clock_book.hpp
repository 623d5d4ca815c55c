#pragma once

// Each order's clocks as replay judged them, by order id: what the rates'
// on-time counts (a profile's sign_on_time, contact_on_time, close_on_time)
// read. The statuses are replay's own (ClockStatus), so whether an order was
// contacted or closed within its limit is decided in one place, the Replayer.
#include "replay/run.hpp"
#include "replay/verdict.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duty::replay {

struct ClockStates
{
  ClockStatus sign = ClockStatus::none, contact = ClockStatus::none, close = ClockStatus::none;
};

// Ids are kept in one buffer (a few bytes per order besides the id itself);
// lookups are binary searches.
class ClockBook
{
public:
  // Books an order's clocks; a later add of the same id replaces it (as a
  // later row of the same order does everywhere else).
  void add(std::string_view id, const Clocks& clocks);
  // Sorts and drops replaced entries; call once after the last add.
  void finish();
  // The clocks of order `id`; nullopt when replay judged no such order.
  std::optional<ClockStates> find(std::string_view id) const;
  size_t
  size() const
  {
    return m_entries.size();
  }

private:
  struct Entry
  {
    uint64_t offset;
    uint32_t length;
    uint32_t seq; // add order, so that the last of equal ids wins
    ClockStates states;
  };
  std::string_view id_of(const Entry& e) const;

  std::string m_ids;
  std::vector<Entry> m_entries;
};

// Judges every case of `source` (replay::run, on several threads) and books
// each order's clocks. `totals`, when given, receives run's totals. Throws
// what run throws.
ClockBook book_clocks(CaseSource& source, const ReplaySetup& setup, RunTotals* totals = nullptr);

} // namespace duty::replay
