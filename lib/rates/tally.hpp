#pragma once

// Counting: each order is placed in a period, attributed to a subject, run
// through the profile's exclusions, and added to that (subject, period)'s
// counts. Tallies of separate inputs or threads merge exactly (counts add).
#include "rates/attribute.hpp"
#include "rates/counts.hpp"
#include "rates/order.hpp"

#include <climits>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace duty::rates {

// The orders the duplicate rule removes: the same caller and matter within
// the rule's window after an earlier order (by received time, then id).
// Collect every order first, then ask. Memory grows with the orders that
// have a caller: the rule needs them all.
class Duplicates
{
public:
  explicit Duplicates(int64_t within_seconds) : m_within(within_seconds) {}
  void add(std::string_view caller, std::string matter, int64_t received, std::string_view id);
  // Takes the orders another collector gathered (before finish()).
  void absorb(Duplicates&& other);
  // Sorts and marks; call once after the last add.
  void finish();
  bool contains(std::string_view id) const { return m_ids.count(std::string(id)) > 0; }
  size_t size() const { return m_ids.size(); }

private:
  struct Entry
  {
    std::string caller, matter;
    int64_t received;
    std::string id;
  };
  int64_t m_within;
  std::vector<Entry> m_entries;
  std::unordered_set<std::string> m_ids;
};

// A (subject, period) and what was counted there.
struct TallyKey
{
  std::string subject;
  int period = 0;
  auto operator<=>(const TallyKey&) const = default;
};

struct TallyEntry
{
  std::string group;
  Counts counts;
};

using Totals = std::map<TallyKey, TallyEntry>;

// Orders that could not be placed in any row, by cause, for notes.
struct Unplaced
{
  uint64_t no_stamp = 0;   // no time of the kind that places it in a period (open orders)
  uint64_t no_subject = 0; // no unit (territory, category) to count it for
  void add(const Unplaced& o)
  {
    no_stamp += o.no_stamp;
    no_subject += o.no_subject;
  }
};

class Tally
{
public:
  // `duplicates` may be null unless the profile has the duplicate rule.
  Tally(const lists::Profile& profile, Attributor& attributor, const Duplicates* duplicates);

  void add(const Order& o);

  // The counts so far, keyed by subject name and period.
  Totals totals() const;
  const Unplaced& unplaced() const { return m_unplaced; }

private:
  uint32_t exclusion_mask(const Order& o, Counts& c) const;

  const lists::Profile& m_profile;
  Attributor& m_attr;
  const Duplicates* m_dups;
  // By the subject's slot: its periods (one or two, mostly) and their counts.
  struct Cells
  {
    const Subject* subject = nullptr;
    std::vector<std::pair<int, Counts>> periods;
  };
  std::vector<Cells> m_cells;
  int64_t m_last_day = INT64_MIN; // period_of is a calendar computation: orders come in runs of days
  int m_last_month = 0;
  Unplaced m_unplaced;
};

// Adds `from` into `into`.
void
merge(Totals& into, const Totals& from);

// The time that places an order in a period (the profile's `period.by`).
int64_t
period_stamp(const lists::Period& p, const Order& o);

} // namespace duty::rates
