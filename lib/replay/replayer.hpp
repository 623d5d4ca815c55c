#pragma once

// Judges work orders against the lists: for each order (with its events) the
// verdicts of replay/verdict.hpp. A pure function of the list set, the
// profile, the calendar, the as-of time and the case; the caches inside only
// make it fast. See duty-replay(1).
#include "lists/model.hpp"
#include "replay/decision.hpp"
#include "replay/records.hpp"
#include "replay/verdict.hpp"
#include "resolve/context.hpp"
#include "util/workcal.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

namespace duty::replay {

struct Timeline;

// How events at the same moment are ordered; the header record states it.
inline constexpr std::string_view kTieRule =
    "events at the same time keep their input order (files: as given, then by line; store: load order)";

class Replayer
{
public:
  // `lists`, `profile` and `calendar` must outlive the Replayer.
  Replayer(const resolve::Context& lists, const lists::Profile& profile, const util::WorkCalendar& calendar,
           util::Timestamp as_of);

  // Throws InputError naming the order when a clock needs a calendar year
  // the lists do not have.
  Judgement judge(const Case& c);

  // Names in the log that are no matter, territory or unit of the lists:
  // (field, name) → how often. Reported, never guessed at.
  const std::map<std::pair<std::string, std::string>, uint64_t>&
  unresolved() const
  {
    return m_unresolved;
  }

  util::Timestamp
  as_of() const
  {
    return m_as_of;
  }

private:
  struct Slice
  {
    const lists::Matter* matter = nullptr;
    const lists::Unit* territory = nullptr;
    std::shared_ptr<const Decision> decision; // nullptr: unmapped
  };

  Timeline timeline(const Case& c);
  Slice decide(const OrderRecord& o, const Timeline& t, OrderVerdict& v);
  void judge_acts(const OrderRecord& o, const Timeline& t, const Slice& s, Judgement& j);
  const lists::Unit* unit(const std::string& name);
  const lists::Unit* territory(const std::string& name);
  const lists::Matter* matter(const std::string& name);
  void note_unresolved(const char* field, const std::string& name);

  const resolve::Context& m_lists;
  const lists::Profile& m_profile;
  const util::WorkCalendar& m_calendar;
  util::Timestamp m_as_of;
  Decisions m_decisions;
  std::unordered_map<std::string, const lists::Unit*> m_units, m_territories;
  // An order's events mostly name one unit: the last answer saves a hash.
  std::string m_last_unit_name;
  const lists::Unit* m_last_unit = nullptr;
  std::unordered_map<std::string, const lists::Matter*> m_matters;
  std::map<std::pair<std::string, std::string>, uint64_t> m_unresolved;
};

} // namespace duty::replay
