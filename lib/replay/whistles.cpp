// Whistles (吹哨) and reports (报到), judged both ways (条例 Art. 33): may the
// street whistle for this matter, and did every summoned department report
// in time? Where the lists' answer depends on a dimension the order does not
// carry, only what holds under every value is stated: required units are
// those every answer summons, extras those no answer summons, and a report
// is late only against the most generous limit.
#include "replay/timeline.hpp"

#include "lists/vocab.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace duty::replay {

using namespace lists;
using util::Timestamp;

namespace {

// One answer's summons for a whistle: unit → its report deadline (the
// earliest when several items summon it).
std::map<const Unit*, Timestamp>
summons(const resolve::Resolution& r, const std::string& type, const Unit* whistler, Timestamp at,
        const WhistleInputs& in, bool& any_item)
{
  std::map<const Unit*, Timestamp> out;
  any_item = false;
  for (const auto& wt : r.whistles) {
    if (!type.empty() && whistle_types().name_of(static_cast<int>(wt.whistle->type)) != type)
      continue;
    any_item = true;
    Timestamp due = util::deadline_after(at, wt.whistle->report_within, in.calendar, in.day_count);
    for (const Unit* u : wt.units) {
      if (u == whistler)
        continue; // the whistling street does not report to itself
      auto [it, fresh] = out.emplace(u, due);
      if (!fresh)
        it->second = std::min(it->second, due);
    }
  }
  return out;
}

WhistleVerdict
judge_one(const WhistleInputs& in, size_t w, size_t end)
{
  const auto& steps = in.timeline.steps;
  const Step& ws = steps[w];
  WhistleVerdict v;
  v.id = in.order.id;
  v.at = ws.event->at;
  v.unit = ws.unit_id;
  v.type = ws.event->whistle;
  auto d = in.decide(v.at.date());
  std::map<const Unit*, Timestamp> limit; // the most generous deadline of any answer
  std::set<const Unit*> required;
  if (d) {
    v.matter = d->matter->id.value;
    size_t with_items = 0;
    bool first = true;
    for (const auto& [dims, r] : d->answers) {
      bool any = false;
      auto s = summons(r, v.type, ws.unit, v.at, in, any);
      with_items += any;
      std::set<const Unit*> units;
      for (const auto& [u, due] : s) {
        units.insert(u);
        auto [it, fresh] = limit.emplace(u, due);
        if (!fresh)
          it->second = std::max(it->second, due);
      }
      if (first)
        required = units;
      else
        std::erase_if(required, [&](const Unit* u) { return !units.count(u); });
      first = false;
    }
    v.whistleable = with_items == d->answers.size() ? std::optional(true)
                    : with_items == 0               ? std::optional(false)
                                                    : std::nullopt;
  }
  std::set<std::string_view> reported_ids, extra;
  for (size_t i = w + 1; i < end; ++i) {
    const Step& s = steps[i];
    if (s.event->kind != EventKind::report)
      continue;
    Report r{std::string(s.unit_id), s.event->at, std::nullopt};
    if (auto it = s.unit ? limit.find(s.unit) : limit.end(); it != limit.end())
      r.status = s.event->at < it->second ? ReportStatus::on_time : ReportStatus::late;
    else
      extra.insert(s.unit_id);
    reported_ids.insert(s.unit_id);
    v.reported.push_back(std::move(r));
  }
  for (const Unit* u : required) {
    v.required.push_back(u->id.value);
    if (!reported_ids.count(std::string_view(u->id.value)) && limit.at(u) <= in.as_of)
      v.missing.push_back(u->id.value);
  }
  std::sort(v.required.begin(), v.required.end());
  std::sort(v.missing.begin(), v.missing.end());
  v.extra.assign(extra.begin(), extra.end());
  return v;
}

} // namespace

std::vector<WhistleVerdict>
judge_whistles(const WhistleInputs& in)
{
  std::vector<WhistleVerdict> out;
  const auto& steps = in.timeline.steps;
  for (size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].event->kind != EventKind::whistle)
      continue;
    // Its reports run to the next whistle of the order.
    size_t end = i + 1;
    while (end < steps.size() && steps[end].event->kind != EventKind::whistle)
      ++end;
    out.push_back(judge_one(in, i, end));
  }
  return out;
}

} // namespace duty::replay
