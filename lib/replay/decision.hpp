#pragma once

// What the lists say about one order's slice: the resolver's answer for every
// value of the dimensions the order leaves open, folded into one decision.
#include "resolve/context.hpp"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace duty::replay {

struct Decision
{
  enum class Kind {
    led,       // every answer names the same lead
    contested, // every answer is an overlap or a conflict
    no_lead,   // every answer is an orphan
    undecided, // the answers differ with a dimension the order does not carry
  };
  Kind kind = Kind::no_lead;
  const lists::Matter* matter = nullptr;
  const lists::Unit* territory = nullptr;
  resolve::DimValues given; // the order's values of the dimensions the matter splits by
  std::vector<std::pair<resolve::DimValues, resolve::Resolution>> answers;
  const lists::Unit* lead = nullptr;
  std::vector<const lists::Unit*> candidates; // contested, undecided: who might lead
  std::vector<const lists::Unit*> assist;     // led: the assisting units
  std::vector<std::string> evidence;          // "file:line", in resolve::evidence order, once each
  std::vector<lists::Limit> limits;           // the lists' limits every answer agrees on

  // Whether `u` leads in every answer (yes), in none (no), or in some or as one
  // of several claimants (maybe).
  enum class Leads { yes, no, maybe };
  Leads leads(const lists::Unit* u) const;
  // Whether `u` only assists in the answer(s) that name a lead: an assisting
  // unit, or the territory where a 上级收回 or 配合履职 task applies.
  bool only_assists(const lists::Unit* u) const;
};

// Decisions for slices, cached: orders repeat a few thousand slices a month.
class Decisions
{
public:
  explicit Decisions(const resolve::Context& lists);

  // The decision for `matter` in `territory` under the order's `dims` on `date`.
  // Dimensions the matter does not split by, or values the lists do not know,
  // are left out (as if the order did not carry them).
  std::shared_ptr<const Decision> decide(const lists::Matter* matter, const lists::Unit* territory,
                                         const resolve::DimValues& dims, util::Date date);

private:
  std::shared_ptr<Decision> build(const lists::Matter* matter, const lists::Unit* territory,
                                  resolve::DimValues given, util::Date date) const;

  // Which stretch of days `date` falls in: the lists are the same on every day
  // between two valid_from or valid_to dates, and so is every answer.
  int32_t epoch(util::Date date) const;

  struct Key
  {
    const lists::Matter* matter;
    const lists::Unit* territory;
    int32_t epoch;
    std::string dims; // "k=v\x1f…" of the given values; usually empty
    bool operator==(const Key&) const = default;
  };
  struct KeyHash
  {
    size_t operator()(const Key& k) const;
  };
  const resolve::Context& m_lists;
  std::vector<int32_t> m_changes; // days on which some item comes into or goes out of force, sorted
  std::unordered_map<Key, std::shared_ptr<const Decision>, KeyHash> m_cache;
};

} // namespace duty::replay
