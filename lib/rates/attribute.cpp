#include "rates/attribute.hpp"

#include "resolve/context.hpp"

#include <algorithm>

namespace duty::rates {

Attributor::Attributor(const lists::Profile& profile, const resolve::Context* lists, By by)
  : m_profile(profile), m_lists(lists), m_by(by)
{
}

const Subject*
Attributor::named(std::string_view kind, std::string_view name)
{
  std::string key;
  key.reserve(kind.size() + 1 + name.size());
  key.append(kind).append(1, '\x1f').append(name);
  auto it = m_cache.find(key);
  if (it != m_cache.end())
    return it->second.get();
  auto s = std::make_unique<Subject>();
  s->name = std::string(name);
  s->group = std::string(kAllGroup);
  if (m_lists) {
    const auto& names = m_lists->names();
    if (kind == "matter") {
      auto found = names.matters(name);
      if (found.size() == 1)
        s->name = found[0]->id.value;
      else
        ++unresolved[std::string(kind) + " " + std::string(name)];
    } else {
      std::vector<const lists::Unit*> found;
      for (const auto* u : names.units(name))
        if (kind != "territory" || lists::is_territory(u->type))
          found.push_back(u);
      if (found.size() == 1) {
        s->name = found[0]->id.value;
        s->group = std::string(m_profile.group_of(found[0]->type));
      } else {
        s->group = "其他";
        ++unresolved[std::string(kind) + " " + std::string(name)];
      }
    }
  }
  return m_cache.emplace(std::move(key), std::move(s)).first->second.get();
}

const Subject*
Attributor::unit_subject(std::string_view name)
{
  return name.empty() ? nullptr : named("unit", name);
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
  return named("unit", it->second->id.value);
}

const Subject*
Attributor::subject(const Order& o)
{
  switch (m_by) {
  case By::unit:
  case By::unit_month:
    return m_profile.attribution == lists::Attribution::lead ? lead_subject(o) : unit_subject(o.unit);
  case By::territory: return o.territory.empty() ? nullptr : named("territory", o.territory);
  case By::matter: return o.category.empty() ? nullptr : named("matter", o.category);
  }
  return nullptr;
}

std::string
Attributor::matter_key(std::string_view category)
{
  if (category.empty())
    return {};
  return named("matter", category)->name;
}

} // namespace duty::rates
