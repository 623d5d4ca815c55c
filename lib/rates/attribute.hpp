#pragma once

// Who an order counts for: the unit (final handling unit, or the lead the
// lists name), the territory or the matter, and the group it is ranked in.
#include "lists/model.hpp"
#include "rates/order.hpp"

#include <map>
#include <memory>
#include <string>
#include <unordered_map>

namespace duty::resolve {
class Context;
}

namespace duty::rates {

enum class By { unit, territory, matter, unit_month };

// A row's subject: a unit id (or a name as written, without lists), a
// territory or a matter; and the profile group it is ranked in.
struct Subject
{
  std::string name;
  std::string group;
  std::string unresolved; // "unit 区城管委" when the lists do not know the name, else ""
  uint32_t slot = 0;      // 0, 1, 2 … in the order the attributor made them (a tally's index)
};

// Without lists every subject is named as written and in group "all".
constexpr std::string_view kAllGroup = "all";

// Maps orders to subjects, caching every name it has looked up. One per
// thread: it is not thread-safe. Keeps what it could not resolve, for notes.
class Attributor
{
public:
  Attributor(const lists::Profile& profile, const resolve::Context* lists, By by);

  // The subject `o` counts for; nullptr when the order names none (no unit,
  // no territory, no category).
  const Subject* subject(const Order& o);

  // The matter an order is about, for the duplicate rule: the matter id the
  // lists give its category, else the category as written ("" for none).
  std::string matter_key(std::string_view category);

  // Names that did not resolve against the lists ("unit 区城管委" → rows).
  std::map<std::string, uint64_t> unresolved;
  // Orders the lists name no single lead for: counted for their final unit.
  uint64_t undecided_leads = 0;

private:
  // Names → subjects, looked up without building a key (C++20 heterogeneous lookup).
  struct Hash
  {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Cache = std::unordered_map<std::string, std::unique_ptr<Subject>, Hash, std::equal_to<>>;
  enum Kind { unit, territory, matter };

  const Subject* unit_subject(std::string_view name);
  const Subject* lead_subject(const Order& o);
  const Subject* named(Kind kind, std::string_view name);
  const Subject* counted(const Subject* s);
  std::unique_ptr<Subject> make(Kind kind, std::string_view name) const;

  const lists::Profile& m_profile;
  const resolve::Context* m_lists;
  By m_by;
  Cache m_cache[3];
  uint32_t m_made = 0;
  std::unordered_map<std::string, const lists::Unit*> m_leads; // matter|territory|day → lead
  std::unordered_map<const void*, const Subject*> m_by_key;    // Order::unit_key → unit subject
};

} // namespace duty::rates
