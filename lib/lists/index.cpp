#include "lists/index.hpp"

#include <algorithm>

namespace duty::lists {

namespace {

template <typename M>
auto
get(const M& m, std::string_view k) -> typename M::mapped_type
{
  auto it = m.find(k);
  return it == m.end() ? nullptr : it->second;
}

template <typename M>
std::vector<std::string_view>
keys(const M& m)
{
  std::vector<std::string_view> out;
  out.reserve(m.size());
  for (const auto& [k, v] : m)
    out.push_back(k);
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace

Index::Index(const ListSet& set)
{
  units.reserve(set.units.size());
  for (const auto& u : set.units)
    if (!u.id.empty())
      units.emplace(u.id.value, &u);
  matters.reserve(set.matters.size());
  for (const auto& m : set.matters)
    if (!m.id.empty())
      matters.emplace(m.id.value, &m);
  powers.reserve(set.powers.size());
  for (const auto& p : set.powers)
    if (!p.code.empty())
      powers.emplace(p.code.value, &p);
  for (const auto& d : set.dimensions)
    dimensions.emplace(d.name.value, &d);
}

const Unit*
Index::unit(std::string_view id) const
{
  return get(units, id);
}

const Matter*
Index::matter(std::string_view id) const
{
  return get(matters, id);
}

const Power*
Index::power(std::string_view code) const
{
  return get(powers, code);
}

const Dimension*
Index::dimension(std::string_view name) const
{
  return get(dimensions, name);
}

std::vector<std::string_view>
Index::unit_ids() const
{
  return keys(units);
}

std::vector<std::string_view>
Index::matter_ids() const
{
  return keys(matters);
}

std::vector<std::string_view>
Index::power_codes() const
{
  return keys(powers);
}

std::vector<std::string_view>
Index::dimension_names() const
{
  return keys(dimensions);
}

} // namespace duty::lists
