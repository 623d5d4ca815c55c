#include "lists/names.hpp"

#include "util/text.hpp"
#include "util/unicode.hpp"

#include <algorithm>

namespace duty::lists {

std::string
Names::normalize(std::string_view s)
{
  s = util::trim(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t c = util::decode_utf8(s, i);
    if (util::is_space(c) || util::is_invisible(c))
      continue; // spaces and characters that cannot be seen never tell two names apart
    // Separators: "->", "-》", "－>", "→", "＞", ">", "/" all become "->".
    if (c == '-' || c == 0xFF0D) {
      size_t j = i;
      while (j < s.size() && (s[j] == ' '))
        ++j;
      size_t k = j;
      char32_t n = j < s.size() ? util::decode_utf8(s, k) : 0;
      if (n == '>' || n == 0x300B || n == 0xFF1E) {
        out += "->";
        i = k;
        continue;
      }
    }
    if (c == 0x2192 || c == 0xFF1E || c == '>' || c == '/' || c == 0x300B) {
      out += "->";
      continue;
    }
    out.append(s.substr(start, i - start));
  }
  return out;
}

template <typename T>
void
Names::add(std::unordered_map<std::string, std::vector<const T*>>& map, std::string_view key,
           const T* item)
{
  if (key.empty())
    return;
  auto& v = map[normalize(key)];
  if (std::find(v.begin(), v.end(), item) == v.end())
    v.push_back(item);
}

Names::Names(const ListSet& set)
{
  for (const auto& u : set.units) {
    add(m_units, u.id.value, &u);
    add(m_units, u.name.value, &u);
    for (const auto& a : u.aliases)
      add(m_units, a.value, &u);
  }
  for (const auto& m : set.matters) {
    add(m_matters, m.id.value, &m);
    add(m_matters, m.name.value, &m);
    for (const auto& a : m.aliases)
      add(m_matters, a.value, &m);
  }
}

std::vector<const Unit*>
Names::units(std::string_view name) const
{
  auto it = m_units.find(normalize(name));
  return it == m_units.end() ? std::vector<const Unit*>{} : it->second;
}

std::vector<const Matter*>
Names::matters(std::string_view name) const
{
  std::string key = normalize(name);
  if (auto it = m_matters.find(key); it != m_matters.end())
    return it->second;
  // A category path: try ever shorter prefixes, then each segment from the deepest.
  for (size_t p = key.rfind("->"); p != std::string::npos && p > 0; p = key.rfind("->", p - 1)) {
    std::string prefix = key.substr(0, p);
    if (prefix.find("->") == std::string::npos)
      break; // single segments are tried below, deepest first
    if (auto it = m_matters.find(prefix); it != m_matters.end())
      return it->second;
  }
  if (key.find("->") == std::string::npos)
    return {};
  std::vector<std::string> segments;
  for (auto seg : util::split(key, '>'))
    segments.emplace_back(seg.ends_with('-') ? seg.substr(0, seg.size() - 1) : seg);
  for (auto s = segments.rbegin(); s != segments.rend(); ++s)
    if (auto it = m_matters.find(*s); it != m_matters.end())
      return it->second;
  return {};
}

std::vector<std::string_view>
Names::unit_names() const
{
  std::vector<std::string_view> out;
  for (const auto& [k, v] : m_units)
    out.push_back(k);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string_view>
Names::matter_names() const
{
  std::vector<std::string_view> out;
  for (const auto& [k, v] : m_matters)
    out.push_back(k);
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace duty::lists
