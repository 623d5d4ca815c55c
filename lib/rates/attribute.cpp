#include "rates/attribute.hpp"

#include "resolve/context.hpp"

#include <algorithm>

namespace duty::rates {

Attributor::Attributor(const lists::Profile& profile, const resolve::Context* lists, By by)
  : m_profile(profile), m_lists(lists), m_by(by)
{
}

std::unique_ptr<Subject>
Attributor::make(Kind kind, std::string_view name) const
{
  static constexpr std::string_view kKinds[] = {"unit", "territory", "matter"};
  auto s = std::make_unique<Subject>();
  s->name = std::string(name);
  s->group = std::string(kAllGroup);
  if (!m_lists)
    return s;
  const auto& names = m_lists->names();
  if (kind == matter) {
    auto found = names.matters(name);
    if (found.size() == 1)
      s->name = found[0]->id.value;
    else
      s->unresolved = std::string(kKinds[kind]) + " " + std::string(name);
    return s;
  }
  std::vector<const lists::Unit*> found;
  for (const auto* u : names.units(name))
    if (kind != territory || lists::is_territory(u->type))
      found.push_back(u);
  if (found.size() == 1) {
    s->name = found[0]->id.value;
    s->group = std::string(m_profile.group_of(found[0]->type));
  } else {
    s->group = "其他";
    s->unresolved = std::string(kKinds[kind]) + " " + std::string(name);
  }
  return s;
}

const Subject*
Attributor::named(Kind kind, std::string_view name)
{
  Cache& cache = m_cache[kind];
  auto it = cache.find(name);
  if (it == cache.end()) {
    it = cache.emplace(std::string(name), make(kind, name)).first;
    it->second->slot = m_made++;
  }
  return it->second.get();
}

// Counts an order whose name the lists do not know.
const Subject*
Attributor::counted(const Subject* s)
{
  if (s && !s->unresolved.empty())
    ++unresolved[s->unresolved];
  return s;
}

const Subject*
Attributor::unit_subject(std::string_view name)
{
  return name.empty() ? nullptr : named(unit, name);
}

const Subject*
Attributor::lead_subject(const Order& o)
{
  int64_t at = o.received != kNoTime ? o.received : o.closed;
  if (!m_lists || o.category.empty() || o.territory.empty() || at == kNoTime) {
    ++undecided_leads;
    return unit_subject(o.unit);
  }
  util::Date day{int32_t(at >= 0 ? at / 86400 : -((-at + 86399) / 86400))};
  std::string key = std::string(o.category) + '\x1f' + std::string(o.territory) + '\x1f' + std::to_string(day.days);
  auto it = m_leads.find(key);
  if (it == m_leads.end()) {
    const lists::Unit* lead = nullptr;
    const auto& names = m_lists->names();
    auto matters = names.matters(o.category);
    std::vector<const lists::Unit*> territories;
    for (const auto* u : names.units(o.territory))
      if (lists::is_territory(u->type))
        territories.push_back(u);
    if (matters.size() == 1 && territories.size() == 1) {
      resolve::Slice slice{matters[0], territories[0], {}, day};
      auto r = m_lists->resolver().resolve(slice);
      if (r.status == resolve::Status::led)
        lead = r.lead;
    }
    it = m_leads.emplace(std::move(key), lead).first;
  }
  if (!it->second) {
    ++undecided_leads;
    return unit_subject(o.unit);
  }
  return named(unit, it->second->id.value);
}

const Subject*
Attributor::subject(const Order& o)
{
  switch (m_by) {
  case By::unit:
  case By::unit_month:
    if (m_profile.attribution == lists::Attribution::lead)
      return counted(lead_subject(o));
    if (o.unit_key) {
      auto [it, fresh] = m_by_key.try_emplace(o.unit_key, nullptr);
      if (fresh)
        it->second = unit_subject(o.unit);
      return counted(it->second);
    }
    return counted(unit_subject(o.unit));
  case By::territory: return o.territory.empty() ? nullptr : counted(named(territory, o.territory));
  case By::matter: return o.category.empty() ? nullptr : counted(named(matter, o.category));
  }
  return nullptr;
}

std::string
Attributor::matter_key(std::string_view category)
{
  if (category.empty())
    return {};
  return named(matter, category)->name;
}

} // namespace duty::rates
