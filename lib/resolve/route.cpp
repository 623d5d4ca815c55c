#include "resolve/route.hpp"

#include "lists/vocab.hpp"
#include "util/error.hpp"
#include "util/spell.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace duty::resolve {

using namespace lists;

bool
RouteAnswer::decided() const
{
  if (results.empty())
    return false;
  for (const auto& [dims, r] : results)
    if (r.status != Status::led || r.lead != results[0].second.lead)
      return false;
  return true;
}

namespace {

template <typename T>
std::string
candidates(const std::vector<const T*>& items)
{
  std::string out;
  for (const T* x : items)
    out += fmt::format("\n  {} ({})", x->id.value, x->name.value);
  return out;
}

const Matter*
find_matter(const Names& names, const std::string& q)
{
  auto found = names.matters(q);
  if (found.size() == 1)
    return found[0];
  if (found.size() > 1)
    throw InputError(fmt::format("matter {} is ambiguous; it names:{}", util::quote(q), candidates(found)));
  std::string hint = util::did_you_mean(Names::normalize(q), names.matter_names());
  throw InputError(fmt::format("no matter is called {}{}", util::quote(q), hint.empty() ? "" : "; " + hint));
}

const Unit*
find_territory(const Names& names, const std::string& q)
{
  auto found = names.units(q);
  std::vector<const Unit*> territories;
  for (const Unit* u : found)
    if (is_territory(u->type))
      territories.push_back(u);
  if (territories.size() == 1)
    return territories[0];
  if (territories.size() > 1)
    throw InputError(fmt::format("territory {} is ambiguous; it names:{}", util::quote(q), candidates(territories)));
  if (!found.empty())
    throw InputError(fmt::format("{} is a {}, not a street, town or township", util::quote(q),
                                 unit_types().name_of(static_cast<int>(found[0]->type))));
  std::string hint = util::did_you_mean(Names::normalize(q), names.unit_names());
  throw InputError(fmt::format("no territory is called {}{}", util::quote(q), hint.empty() ? "" : "; " + hint));
}

} // namespace

RouteAnswer
route(const Resolver& resolver, const Names& names, const RouteQuery& q)
{
  RouteAnswer a;
  a.date = q.date;
  a.matter = find_matter(names, q.matter);
  a.territory = find_territory(names, q.territory);
  auto dims = resolver.split_dims(a.matter);
  for (const auto& w : q.when) {
    size_t eq = w.find('=');
    if (eq == std::string::npos)
      throw UsageError(fmt::format("--when {}: expected DIMENSION=VALUE", util::quote(w)));
    std::string dim(util::trim(w.substr(0, eq))), value(util::trim(w.substr(eq + 1)));
    const Dimension* d = resolver.index().dimension(dim);
    if (!d) {
      std::string hint = util::did_you_mean(dim, resolver.index().dimension_names());
      throw InputError(fmt::format("no dimension is called {}{}", util::quote(dim), hint.empty() ? "" : "; " + hint));
    }
    std::vector<std::string_view> allowed;
    for (const auto& v : d->values)
      allowed.push_back(v.value);
    if (std::find(allowed.begin(), allowed.end(), value) == allowed.end())
      throw InputError(fmt::format("{} is not a value of {}; expected {}", util::quote(value), dim, util::one_of(allowed)));
    std::erase_if(a.given, [&](const auto& p) { return p.first == dim; });
    a.given.emplace_back(dim, value);
  }
  std::sort(a.given.begin(), a.given.end());
  for (const auto& d : dims)
    if (std::none_of(a.given.begin(), a.given.end(), [&](const auto& g) { return g.first == d; }))
      a.open_dims.push_back(d);
  for (auto combo : resolver.combinations(a.open_dims)) {
    combo.insert(combo.end(), a.given.begin(), a.given.end());
    std::sort(combo.begin(), combo.end());
    Resolution r = resolver.resolve({a.matter, a.territory, combo, q.date});
    a.results.emplace_back(std::move(combo), std::move(r));
  }
  return a;
}

} // namespace duty::resolve
