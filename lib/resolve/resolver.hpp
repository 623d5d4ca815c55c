#pragma once

#include "lists/index.hpp"
#include "lists/model.hpp"

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace duty::resolve {

using lists::Loc;

// Dimension values of a slice, sorted by dimension name.
using DimValues = std::vector<std::pair<std::string, std::string>>;

// "land=国有土地, place=公共道路" ("" for none).
std::string
describe_dims(const DimValues& dims);

// Where a finding or a change holds: "in all 18 territories" when `ids` are
// all of them (and there are several), else "in A, B, C, D and 3 more".
std::string
describe_territories(std::vector<std::string> ids, size_t all);

// A group of slices of one matter, as findings name it:
// "\"噪音扰民\" (noise_source=夜间施工) in 儒林街道" — the combinations only when
// they are fewer than all of the matter's (at most three, then "and N more").
std::string
describe_slices(std::string_view matter, const std::vector<DimValues>& combos, size_t all_combos,
                const std::vector<std::string>& territories, size_t all_territories);

// One question: who leads on `matter` in `territory` under `dims` on `date`?
struct Slice
{
  const lists::Matter* matter = nullptr;
  const lists::Unit* territory = nullptr;
  DimValues dims;
  util::Date date;
};

// A unit's claim to lead, and the list item that makes it.
struct Claim
{
  const lists::Unit* unit = nullptr;
  const lists::Power* power = nullptr; // exactly one of power, task is set
  const lists::Task* task = nullptr;
  Loc loc; // the item
};

struct WhistleTarget
{
  const lists::Whistle* whistle = nullptr;
  std::vector<const lists::Unit*> units;
};

enum class Status {
  led,      // one lead
  overlap,  // two or more units claim the lead and no primary entry settles it
  orphan,   // nobody leads
  conflict, // equally specific primary entries name different leads
};

const char*
status_name(Status s);

struct Resolution
{
  Status status = Status::orphan;
  const lists::Unit* lead = nullptr;
  std::vector<const lists::Unit*> assist;
  std::vector<Claim> claims;                   // claims in force (after 上级收回)
  std::vector<const lists::Primary*> primary;  // the deciding entry, or the conflicting ones
  std::vector<const lists::Task*> withdrawn;   // 上级收回 tasks that removed a claim
  std::vector<const lists::Task*> assisting;   // 配合履职 tasks
  std::vector<const lists::Task*> basic_and_withdrawn; // a unit both 基本履职 and 上级收回 here
  std::vector<WhistleTarget> whistles;
  std::string reason; // why there is no single lead, when that is not obvious
};

// The time limits that apply to a slice: those of the primary entry that
// decides its lead; none when no entry decides it.
std::vector<lists::Limit>
effective_limits(const Resolution& r);

// Answers slices over a loaded list set. Built once; every query is a pure
// function of the set and the slice. See duty-lists(5), RESOLUTION.
class Resolver
{
public:
  Resolver(const lists::ListSet& set, const lists::Index& index);

  Resolution resolve(const Slice& slice) const;

  // Territories (streets, towns, townships) in force on `date`, sorted by id.
  std::vector<const lists::Unit*> territories(util::Date date) const;
  // Matters without children, sorted by id.
  std::vector<const lists::Matter*> leaves() const;
  // The dimensions a matter splits by (its own and its ancestors'), sorted.
  std::vector<std::string> split_dims(const lists::Matter* m) const;
  // Every combination of values of `dims` (one empty combination when none).
  std::vector<DimValues> combinations(const std::vector<std::string>& dims) const;

  // The units a holder reference names at `territory`: a unit id, @属地, or @属地:TYPE.
  std::vector<const lists::Unit*> resolve_ref(std::string_view ref, const lists::Unit* territory,
                                              util::Date date) const;

  // `m` itself and its ancestors, nearest first (cycle-safe).
  std::vector<const lists::Matter*> lineage(const lists::Matter* m) const;
  int depth(const lists::Matter* m) const;

  const lists::ListSet& set() const { return m_set; }
  const lists::Index& index() const { return m_ix; }

  // Items by the matter id they name.
  const std::vector<const lists::Power*>& powers_on(std::string_view matter) const;
  const std::vector<const lists::Task*>& tasks_on(std::string_view matter) const;
  const std::vector<const lists::Primary*>& primary_on(std::string_view matter) const;
  const std::vector<const lists::Whistle*>& whistles_on(std::string_view matter) const;

private:
  // The phases of resolve(), in order.
  void collect_claims(const std::vector<const lists::Matter*>& line, const Slice& s, Resolution& r,
                      std::vector<const lists::Task*>& basic) const;
  void collect_whistles(const std::vector<const lists::Matter*>& line, const Slice& s, Resolution& r) const;
  void apply_tasks(const Slice& s, const std::vector<const lists::Task*>& basic, Resolution& r) const;
  std::vector<const lists::Primary*> deciding_primary(const std::vector<const lists::Matter*>& line,
                                                      const Slice& s) const;
  void decide_by_primary(const std::vector<const lists::Primary*>& top, const Slice& s, Resolution& r) const;
  void decide_by_claims(Resolution& r) const;

  const lists::ListSet& m_set;
  const lists::Index& m_ix;
  std::unordered_map<std::string_view, std::vector<const lists::Power*>> m_powers;
  std::unordered_map<std::string_view, std::vector<const lists::Task*>> m_tasks;
  std::unordered_map<std::string_view, std::vector<const lists::Primary*>> m_primary;
  std::unordered_map<std::string_view, std::vector<const lists::Whistle*>> m_whistles;
  std::unordered_map<std::string_view, std::vector<const lists::Unit*>> m_serving; // territory → units serving it
  std::unordered_map<std::string_view, bool> m_has_children;
};

// Whether `when` holds for `dims`: every condition's dimension has one of its values.
bool
conditions_match(const lists::Conditions& when, const DimValues& dims);

template <typename T>
bool
in_force(const T& item, util::Date date)
{
  return (!item.valid_from || *item.valid_from <= date) && (!item.valid_to || date <= *item.valid_to);
}

} // namespace duty::resolve
