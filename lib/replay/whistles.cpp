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

// What every answer of the decision agrees on for one whistle.
struct Summons
{
  std::map<const Unit*, Timestamp> limit; // the most generous deadline of any answer
  std::set<const Unit*> required;         // summoned by every answer
  std::optional<bool> whistleable;        // nullopt: some answers have a whistle item, some not
};

Summons
fold_answers(const Decision& d, const std::string& type, const Unit* whistler, Timestamp at,
             const WhistleInputs& in)
{
  Summons out;
  size_t with_items = 0;
  bool first = true;
  for (const auto& [dims, r] : d.answers) {
    bool any = false;
    auto s = summons(r, type, whistler, at, in, any);
    with_items += any;
    std::set<const Unit*> units;
    for (const auto& [u, due] : s) {
      units.insert(u);
      auto [it, fresh] = out.limit.emplace(u, due);
      if (!fresh)
        it->second = std::max(it->second, due);
    }
    if (first)
      out.required = std::move(units);
    else
      std::erase_if(out.required, [&](const Unit* u) { return !units.count(u); });
    first = false;
  }
  out.whistleable = with_items == d.answers.size() ? std::optional(true)
                    : with_items == 0              ? std::optional(false)
                                                   : std::nullopt;
  return out;
}

// The 报到 steps in [w+1, end) against the summons; `known` is false for an
// unmapped order, whose summons are unknown: nobody is extra, nothing is late.
void
judge_reports(const std::vector<Step>& steps, size_t w, size_t end, const Summons& sm, bool known,
              Timestamp as_of, WhistleVerdict& v)
{
  std::set<std::string_view> reported_ids, extra;
  for (size_t i = w + 1; i < end; ++i) {
    const Step& s = steps[i];
    if (s.event->kind != EventKind::report)
      continue;
    Report r{std::string(s.unit_id), s.event->at, std::nullopt};
    if (auto it = s.unit ? sm.limit.find(s.unit) : sm.limit.end(); it != sm.limit.end())
      r.status = s.event->at < it->second ? ReportStatus::on_time : ReportStatus::late;
    else if (known)
      extra.insert(s.unit_id);
    reported_ids.insert(s.unit_id);
    v.reported.push_back(std::move(r));
  }
  for (const Unit* u : sm.required) {
    v.required.push_back(u->id.value);
    if (!reported_ids.count(std::string_view(u->id.value)) && sm.limit.at(u) <= as_of)
      v.missing.push_back(u->id.value);
  }
  std::sort(v.required.begin(), v.required.end());
  std::sort(v.missing.begin(), v.missing.end());
  v.extra.assign(extra.begin(), extra.end());
}

WhistleVerdict
judge_one(const WhistleInputs& in, size_t w, size_t end)
{
  const Step& ws = in.timeline.steps[w];
  WhistleVerdict v;
  v.id = in.order.id;
  v.at = ws.event->at;
  v.unit = ws.unit_id;
  v.type = ws.event->whistle;
  Summons sm;
  auto d = in.decide(v.at.date());
  if (d) {
    v.matter = d->matter->id.value;
    sm = fold_answers(*d, v.type, ws.unit, v.at, in);
    v.whistleable = sm.whistleable;
  }
  judge_reports(in.timeline.steps, w, end, sm, d != nullptr, in.as_of, v);
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
