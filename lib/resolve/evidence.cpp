#include "resolve/evidence.hpp"

#include "lists/vocab.hpp"

#include <fmt/format.h>

namespace duty::resolve {

using namespace lists;

std::vector<Evidence>
evidence(const Resolution& r, bool whistles)
{
  using K = Evidence::Kind;
  std::vector<Evidence> out;
  for (const Primary* p : r.primary)
    out.push_back({K::primary, p->loc, fmt::format("primary {}: lead {}", p->id.value, p->lead.value)});
  for (const auto& c : r.claims) {
    if (c.power)
      out.push_back({K::power, c.loc,
                     fmt::format("power {} {} ({}: {})", c.power->code.value, c.power->name.value,
                                 c.power->holder.value, c.unit->id.value)});
    else
      out.push_back(
          {K::task, c.loc, fmt::format("task {}: 基本履职 of {}", c.task->id.value, c.unit->id.value)});
  }
  for (const Task* t : r.withdrawn)
    out.push_back({K::withdrawn, t->loc, fmt::format("task {}: 上级收回", t->id.value)});
  for (const Task* t : r.assisting)
    out.push_back(
        {K::assisting, t->loc, fmt::format("task {}: 配合履职, assists {}", t->id.value, t->lead.value)});
  if (whistles)
    for (const auto& w : r.whistles)
      out.push_back({K::whistle, w.whistle->loc,
                     fmt::format("whistle {}: {}", whistle_types().name_of(static_cast<int>(w.whistle->type)),
                                 w.whistle->matter.value)});
  return out;
}

std::string
where(const ListSet& set, const Loc& loc)
{
  if (loc.file >= set.files.size())
    return "?";
  return fmt::format("{}:{}", set.files[loc.file].path, loc.line);
}

std::vector<Limit>
limits(const Resolution& r)
{
  if (r.status == Status::led && !r.primary.empty())
    return r.primary[0]->limits;
  return {};
}

} // namespace duty::resolve
