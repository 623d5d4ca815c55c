#pragma once

// Saving replay's verdicts into a store (duty replay --save): tables
// verdicts and whistle_verdicts, keyed by order id and list-set hash, and
// one row per saved replay in replays. See duty-store(5).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace duty::store {

// One order's verdict as the verdicts table holds it; `record` is the whole
// verdict as replay's JSON line.
struct SavedOrder
{
  std::string id;
  std::optional<std::string> matter_id, territory_id, lead, dispatch, dispatched_to, final_unit;
  int64_t hops = 0, returns = 0, unjustified_returns = 0;
  std::optional<std::string> sign, sign_deadline, contact, contact_deadline, close, close_deadline;
  std::optional<int64_t> close_elapsed_s;
  std::string lifecycle, excluded; // comma-separated names
  int64_t whistles = 0;
  bool deviates = false;
  std::string record;
};

struct SavedWhistle
{
  std::string id;
  int64_t seq = 0; // the whistle's place among the order's whistles, from 0
  std::string at, unit, type;
  std::optional<std::string> matter_id;
  std::optional<bool> whistleable;
  std::string required, missing, extra, late; // comma-separated unit ids
  bool deviates = false;
  std::string record;
};

class VerdictWriter
{
public:
  // Opens the store for writing (upgrading a version-1 store) and starts one
  // transaction that replaces every verdict saved for `lists_hash`. Nothing
  // is visible to readers until commit(); without it, nothing changes.
  VerdictWriter(const std::string& path, const std::string& lists_hash, const std::string& profile,
                const std::string& as_of);
  ~VerdictWriter();
  VerdictWriter(const VerdictWriter&) = delete;
  VerdictWriter& operator=(const VerdictWriter&) = delete;

  void add(const SavedOrder& o);
  void add(const SavedWhistle& w);
  void commit();

private:
  struct Impl;
  std::unique_ptr<Impl> m;
};

} // namespace duty::store
