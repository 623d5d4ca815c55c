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

// When no name is close enough for "did you mean", the items whose id or
// name contains the query ("噪音" → 噪音扰民), at most eight.
template <typename T, typename Keep>
std::string
containing(const std::vector<T>& items, std::string_view q, Keep keep)
{
  std::string key = Names::normalize(q);
  if (key.empty())
    return "";
  std::vector<const T*> found;
  for (const T& x : items)
    if (keep(x) && (Names::normalize(x.id.value).find(key) != std::string::npos ||
                    Names::normalize(x.name.value).find(key) != std::string::npos))
      found.push_back(&x);
  if (found.empty())
    return "";
  std::sort(found.begin(), found.end(), [](auto* a, auto* b) { return a->id.value < b->id.value; });
  found.erase(std::unique(found.begin(), found.end(), [](auto* a, auto* b) { return a->id.value == b->id.value; }),
              found.end());
  size_t n = std::min<size_t>(found.size(), 8);
  std::string out = "; candidates:" + candidates(std::vector<const T*>(found.begin(), found.begin() + n));
  if (found.size() > n)
    out += fmt::format("\n  and {} more", found.size() - n);
  return out;
}

const Matter*
find_matter(const Resolver& resolver, const Names& names, const std::string& q)
{
  auto found = names.matters(q);
  if (found.size() > 1)
    throw UsageError(fmt::format("matter {} is ambiguous; it names:{}", util::quote(q), candidates(found)));
  if (found.size() == 1) {
    // A category above leaf matters decides nothing itself: its leaves may
    // have different leads. Ask for one of them.
    std::vector<const Matter*> below;
    for (const Matter* leaf : resolver.leaves()) {
      auto line = resolver.lineage(leaf);
      if (leaf != found[0] && std::find(line.begin(), line.end(), found[0]) != line.end())
        below.push_back(leaf);
    }
    if (below.empty())
      return found[0];
    std::string what = util::quote(found[0]->id.value);
    if (Names::normalize(q) != Names::normalize(found[0]->id.value))
      what = util::quote(q) + " is the category " + found[0]->id.value + ", which";
    else
      what += " is a category, which";
    throw UsageError(fmt::format("matter {} has matters below it; name one of them:{}", what, candidates(below)));
  }
  std::string hint = util::did_you_mean(Names::normalize(q), names.matter_names());
  if (hint.empty())
    hint = containing(resolver.set().matters, q, [](const Matter&) { return true; });
  else
    hint = "; " + hint;
  throw UsageError(fmt::format("no matter is called {}{}", util::quote(q), hint));
}

const Unit*
find_territory(const Resolver& resolver, const Names& names, const std::string& q)
{
  auto found = names.units(q);
  std::vector<const Unit*> territories;
  for (const Unit* u : found)
    if (is_territory(u->type))
      territories.push_back(u);
  if (territories.size() == 1)
    return territories[0];
  if (territories.size() > 1)
    throw UsageError(fmt::format("territory {} is ambiguous; it names:{}", util::quote(q), candidates(territories)));
  if (!found.empty())
    throw UsageError(fmt::format("{} is a {}, not a street, town or township", util::quote(q),
                                 unit_types().name_of(static_cast<int>(found[0]->type))));
  std::string hint = util::did_you_mean(Names::normalize(q), names.unit_names());
  if (hint.empty())
    hint = containing(resolver.set().units, q, [](const Unit& u) { return is_territory(u.type); });
  else
    hint = "; " + hint;
  throw UsageError(fmt::format("no territory is called {}{}", util::quote(q), hint));
}

} // namespace

RouteAnswer
route(const Resolver& resolver, const Names& names, const RouteQuery& q)
{
  RouteAnswer a;
  a.date = q.date;
  a.matter = find_matter(resolver, names, q.matter);
  a.territory = find_territory(resolver, names, q.territory);
  auto dims = resolver.split_dims(a.matter);
  for (const auto& w : q.when) {
    size_t eq = w.find('=');
    if (eq == std::string::npos)
      throw UsageError(fmt::format("--when {}: expected DIMENSION=VALUE", util::quote(w)));
    std::string dim(util::trim(w.substr(0, eq))), value(util::trim(w.substr(eq + 1)));
    const Dimension* d = resolver.index().dimension(dim);
    if (!d) {
      std::string hint = util::did_you_mean(dim, resolver.index().dimension_names());
      if (hint.empty()) {
        std::vector<std::string_view> split(dims.begin(), dims.end());
        hint = split.empty() ? fmt::format("{} does not split by any dimension", a.matter->id.value)
                             : fmt::format("{} splits by {}", a.matter->id.value, util::one_of(split));
      }
      throw UsageError(fmt::format("no dimension is called {}; {}", util::quote(dim), hint));
    }
    if (std::find(dims.begin(), dims.end(), dim) == dims.end()) {
      // The audit never sets a dimension the matter does not split by; neither does route.
      std::vector<std::string_view> split(dims.begin(), dims.end());
      throw UsageError(split.empty()
                         ? fmt::format("{} does not split by any dimension; drop --when {}", a.matter->id.value, dim)
                         : fmt::format("{} does not split by {}; it splits by {}", a.matter->id.value, dim,
                                       util::one_of(split)));
    }
    std::vector<std::string_view> allowed;
    for (const auto& v : d->values)
      allowed.push_back(v.value);
    if (std::find(allowed.begin(), allowed.end(), value) == allowed.end())
      throw UsageError(fmt::format("{} is not a value of {}; expected {}", util::quote(value), dim, util::one_of(allowed)));
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
