// Planning one generated order: its dispatches, returns, clocks, whistles and
// close, each placed against the deadline replay will judge it by, so that
// the only deviations are the planted ones.
#include "gen/case_plan.hpp"

#include "cases/values.hpp"
#include "lists/vocab.hpp"
#include "replay/clocks.hpp"
#include "util/error.hpp"

#include <algorithm>
#include <map>

namespace duty::gen {

using lists::Unit;
using util::Timestamp;

namespace {

enum class Plant {
  none,
  wrong,
  assist,
  unjustified,
  late_sign,
  late_contact,
  late_close,
  overdue,
  out_of_order,
  after_close,
  duplicate
};

// A uniform time in [lo, hi] (lo when the range is empty).
Timestamp
between(Rng& rng, Timestamp lo, Timestamp hi)
{
  return hi <= lo ? lo : lo + int64_t(rng.below(uint64_t(hi - lo) + 1));
}

class Planner
{
public:
  Planner(const PlanContext& ctx, const replay::Decision& d, Rng& rng, OrderPlan& plan)
      : m_ctx(ctx), m_d(d), m_rng(rng), m_plan(plan)
  {
  }

  void
  run()
  {
    m_plant = choose();
    m_target = target();
    const Unit* first = m_plant == Plant::wrong ? m_wrong : m_plant == Plant::assist ? m_assistant : m_target;
    replay::OrderRecord o;
    o.received_at = m_plan.received;
    o.urgency = m_plan.urgency;
    o.deadline = replay::parse_deadline_spec(cases::parse_deadline(m_plan.own_deadline, {}).value_or(""));
    Timestamp t0 = m_plan.received + 300 + int64_t(m_rng.below(5400));
    Timestamp start = *replay::clock_start(o, t0, m_ctx.profile);
    auto due = [&](const char* name, int64_t fallback) {
      auto d = replay::clock_deadline(name, start, o, &m_d, m_ctx.profile, m_ctx.calendar);
      return d.value_or(start + fallback);
    };
    m_sign = due("sign", 2 * 3600);
    m_contact = due("contact", 24 * 3600);
    m_close = due("close", 7 * 86400);
    // Counted from the received time, the dispatch must leave room for the sign clock.
    if (start < t0)
      t0 = std::min(t0, start + std::max<int64_t>(1, (std::min(m_sign, m_contact) - start) / 4));
    // A late act must leave the next clock room to be on time (an urgent
    // order may have to contact and close within the same 24 hours).
    if ((m_plant == Plant::late_sign && m_contact - m_sign < 600) ||
        (m_plant == Plant::late_contact && m_close - m_contact < 1800))
      m_plant = Plant::none;

    add(m_plan.received, "受理", nullptr);
    add(t0, "派单", first);
    m_plan.dispatched = t0;
    if (first == m_target && m_ctx.district && m_target != m_ctx.district &&
        lists::is_territory(m_target->type) && m_rng.chance(m_ctx.spec.copy_per_mille))
      add(t0, "派单", m_ctx.district); // the district's supervision copy: not a dispatch
    Timestamp s1 =
        m_plant == Plant::late_sign
            ? between(m_rng, m_sign + 60, m_sign + std::clamp<int64_t>((m_contact - m_sign) / 2, 61, 3600))
            : between(m_rng, t0 + 1 + (m_sign - t0) / 20, t0 + std::max<int64_t>(1, (m_sign - t0) / 2));
    add(s1, "签收", first);
    m_plan.accepted = s1;
    Timestamp last = s1;
    if (m_plant == Plant::wrong || m_plant == Plant::assist || m_plant == Plant::unjustified) {
      // The first unit objects (派单异议); the hotline re-dispatches to the lead.
      int64_t step = std::max<int64_t>(3, (m_contact - s1) / 10);
      Timestamp back = between(m_rng, s1 + 1, s1 + step);
      Timestamp again = between(m_rng, back + 1, back + step);
      Timestamp signed_again = between(m_rng, again + 1, again + step);
      add(back, "退单", first, {}, {}, "非本单位职责");
      add(again, "改派", m_target);
      add(signed_again, "签收", m_target);
      last = signed_again;
      m_plan.returned = true;
    }
    Timestamp c =
        m_plant == Plant::late_contact
            ? between(m_rng, m_contact + 60, m_contact + std::min<int64_t>(7200, (m_close - m_contact) / 2))
            : between(m_rng, last + std::max<int64_t>(1, (m_contact - last) / 10),
                      last + std::max<int64_t>(1, (m_contact - last) * 9 / 10));
    add(c, "联系", m_target);
    last = c;
    last = whistle(last);
    close(last);
    note_plant();
  }

private:
  void
  add(Timestamp at, std::string_view event, const Unit* unit, std::string whistle = {},
      std::string until = {}, std::string note = {})
  {
    m_plan.events.push_back({at, event, unit, std::move(whistle), std::move(until), std::move(note)});
  }

  void
  planted(std::string kind, std::string detail = {})
  {
    m_plan.planted.push_back({m_plan.id, std::move(kind), std::move(detail)});
  }

  // At most one deviation of the order itself; those that need a lead only where one is decided.
  Plant
  choose()
  {
    const CasesSpec& s = m_ctx.spec;
    uint64_t roll = m_rng.below(1000);
    bool led = m_d.kind == replay::Decision::Kind::led;
    const std::pair<unsigned, Plant> table[] = {
        {s.wrong_per_mille, Plant::wrong},
        {s.assist_per_mille, Plant::assist},
        {s.unjustified_per_mille, Plant::unjustified},
        {s.late_sign_per_mille, Plant::late_sign},
        {s.late_contact_per_mille, Plant::late_contact},
        {s.late_close_per_mille, Plant::late_close},
        {s.overdue_per_mille, Plant::overdue},
        {s.lifecycle_per_mille / 3, Plant::out_of_order},
        {s.lifecycle_per_mille / 3, Plant::after_close},
        {s.lifecycle_per_mille - 2 * (s.lifecycle_per_mille / 3), Plant::duplicate},
    };
    Plant p = Plant::none;
    uint64_t at = 0;
    for (const auto& [per_mille, plant] : table) {
      if (roll >= at && roll < at + per_mille)
        p = plant;
      at += per_mille;
    }
    if ((p == Plant::wrong || p == Plant::assist || p == Plant::unjustified) && !led)
      return Plant::none;
    if (p == Plant::wrong) {
      std::vector<const Unit*> wrong;
      for (const Unit* u : m_ctx.units)
        if (u != m_d.lead && !m_d.only_assists(u) && resolve::in_force(*u, m_plan.received.date()))
          wrong.push_back(u);
      if (wrong.empty())
        return Plant::none;
      m_wrong = wrong[m_rng.below(wrong.size())];
    }
    if (p == Plant::assist) {
      std::vector<const Unit*> assist(m_d.assist.begin(), m_d.assist.end());
      if (m_d.only_assists(m_plan.territory) &&
          std::find(assist.begin(), assist.end(), m_plan.territory) == assist.end())
        assist.push_back(m_plan.territory);
      if (assist.empty())
        return Plant::none;
      m_assistant = assist[m_rng.below(assist.size())];
    }
    return p;
  }

  // Where the hotline sends the order: the lead; one of the candidates when
  // the lists cannot decide; the district (兜底) when nobody leads.
  const Unit*
  target()
  {
    switch (m_d.kind) {
    case replay::Decision::Kind::led: return m_d.lead;
    case replay::Decision::Kind::contested:
    case replay::Decision::Kind::undecided:
      if (!m_d.candidates.empty())
        return m_d.candidates[m_rng.below(m_d.candidates.size())];
      return m_plan.territory;
    case replay::Decision::Kind::no_lead: return m_ctx.district ? m_ctx.district : m_plan.territory;
    }
    return m_plan.territory;
  }

  // A whistle by the territory when it (or its team) leads on a matter it may
  // whistle for, with reports; planted missing, late and extra reports.
  // Returns the time of the last act.
  Timestamp
  whistle(Timestamp last)
  {
    if (m_d.kind != replay::Decision::Kind::led || m_d.answers.size() != 1 || !m_ctx.spec.whistle_per_mille)
      return last;
    const auto& r = m_d.answers[0].second;
    bool local = lists::is_territory(m_d.lead->type) || m_d.lead->type == lists::UnitType::enforcement;
    if (!local || r.whistles.empty() || !m_rng.chance(m_ctx.spec.whistle_per_mille))
      return last;
    auto type = r.whistles.front().whistle->type;
    Timestamp w = between(m_rng, last + 600, last + std::clamp<int64_t>((m_close - last) / 4, 600, 4 * 3600));
    std::map<const Unit*, Timestamp> due; // the whistling territory does not report to itself
    for (const auto& wt : r.whistles) {
      if (wt.whistle->type != type)
        continue;
      Timestamp d =
          util::deadline_after(w, wt.whistle->report_within, m_ctx.calendar, m_ctx.profile.day_count);
      for (const Unit* u : wt.units)
        if (u != m_plan.territory) {
          auto [it, fresh] = due.emplace(u, d);
          if (!fresh)
            it->second = std::min(it->second, d);
        }
    }
    std::vector<const Unit*> summoned;
    for (const auto& [u, d] : due)
      summoned.push_back(u);
    const Unit* missing = nullptr;
    const Unit* late = nullptr;
    const Unit* extra = nullptr;
    if (!summoned.empty() && m_rng.chance(m_ctx.spec.missing_per_mille))
      missing = summoned[m_rng.below(summoned.size())];
    if (!summoned.empty() && m_rng.chance(m_ctx.spec.late_report_per_mille)) {
      late = summoned[m_rng.below(summoned.size())];
      if (late == missing)
        late = nullptr;
    }
    if (m_rng.chance(m_ctx.spec.extra_per_mille)) {
      std::vector<const Unit*> others;
      for (const Unit* u : m_ctx.units)
        if (!due.count(u) && u != m_plan.territory && u->type == lists::UnitType::department)
          others.push_back(u);
      if (!others.empty())
        extra = others[m_rng.below(others.size())];
    }
    std::vector<std::pair<Timestamp, const Unit*>> reports;
    for (const auto& [u, d] : due) {
      if (u == missing)
        continue;
      if (u == late)
        reports.emplace_back(between(m_rng, d + 60, d + 3600), u);
      else
        reports.emplace_back(between(m_rng, w + std::max<int64_t>(1, (d - w) / 10),
                                     w + std::max<int64_t>(1, (d - w) * 9 / 10)),
                             u);
    }
    if (extra)
      reports.emplace_back(between(m_rng, w + 60, w + 3600), extra);
    Timestamp end = w;
    for (const auto& [at, u] : reports)
      end = std::max(end, at);
    // Everything happens before the close deadline, with room to close on time.
    if (end + 180 >= m_close || (missing && due.at(missing) > m_ctx.as_of))
      return last;
    add(w, "吹哨", m_plan.territory, std::string(lists::whistle_types().name_of(static_cast<int>(type))));
    std::sort(reports.begin(), reports.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : a.second->id.value < b.second->id.value;
    });
    for (const auto& [at, u] : reports)
      add(at, "报到", u);
    if (missing)
      planted("whistle missing", missing->id.value);
    if (late)
      planted("whistle late", late->id.value);
    if (extra)
      planted("whistle extra", extra->id.value);
    ++m_plan.whistles;
    return end;
  }

  void
  close(Timestamp last)
  {
    m_plan.final_unit = m_target;
    if (m_plant == Plant::overdue && m_close <= m_ctx.as_of)
      return; // never closed
    if (m_plant == Plant::overdue)
      m_plant = Plant::none;
    Timestamp lo = last + 60, hi = m_close - 60, at;
    if (m_plant == Plant::late_close) {
      at = between(m_rng, std::max(lo, m_close + 60), std::max(lo, m_close + 60) + 3 * 86400);
    } else if (m_plant == Plant::none && m_rng.chance(m_ctx.spec.extension_per_mille) && hi > lo + 120) {
      // 延期 before the deadline to a date three days after it; closed after
      // the old deadline and before the new one.
      Timestamp asked = between(m_rng, lo, lo + (hi - lo) / 2);
      util::Date until{(m_close - 1).date().days + 3};
      add(asked, "延期", m_target, {}, until.str());
      at = between(m_rng, std::max(lo, m_close + 60), Timestamp::at(util::Date{until.days + 1}) - 60);
    } else {
      at = between(m_rng, lo, std::max(lo, hi));
    }
    add(at - std::min<int64_t>(1800, (at - last) / 2), "回复", m_target);
    add(at, "办结", m_target);
    m_plan.closed = at;
    if (m_plant == Plant::out_of_order)
      add(at - 1, "回访", nullptr); // a return visit before the close
    if (m_plant == Plant::after_close)
      add(between(m_rng, at + 60, at + 3600), "联系", m_target);
    if (m_plant == Plant::duplicate) {
      const PlannedEvent copy = *std::find_if(m_plan.events.begin(), m_plan.events.end(),
                                              [](const PlannedEvent& e) { return e.event == "签收"; });
      m_plan.events.push_back(copy);
    }
  }

  void
  note_plant()
  {
    switch (m_plant) {
    case Plant::none: break;
    case Plant::wrong: planted("dispatch wrong-unit"); break;
    case Plant::assist: planted("dispatch assist-as-lead"); break;
    case Plant::unjustified: planted("return unjustified", m_target->id.value); break;
    case Plant::late_sign: planted("sign late"); break;
    case Plant::late_contact: planted("contact late"); break;
    case Plant::late_close: planted("close late"); break;
    case Plant::overdue: planted("close overdue"); break;
    case Plant::out_of_order: planted("lifecycle out-of-order"); break;
    case Plant::after_close: planted("lifecycle after-close"); break;
    case Plant::duplicate: planted("lifecycle duplicate-event"); break;
    }
  }

  const PlanContext& m_ctx;
  const replay::Decision& m_d;
  Rng& m_rng;
  OrderPlan& m_plan;
  Plant m_plant = Plant::none;
  const Unit* m_target = nullptr;
  const Unit* m_wrong = nullptr;
  const Unit* m_assistant = nullptr;
  Timestamp m_sign, m_contact, m_close;
};

} // namespace

void
plan_order(const PlanContext& ctx, const replay::Decision& decision, Rng& rng, OrderPlan& plan)
{
  try {
    Planner(ctx, decision, rng, plan).run();
  } catch (const util::CalendarGap& e) {
    throw UsageError(std::string("the list set's calendar does not reach the deadlines of the orders: ") +
                     e.what());
  }
  std::stable_sort(plan.events.begin(), plan.events.end(),
                   [](const PlannedEvent& a, const PlannedEvent& b) { return a.at < b.at; });
}

} // namespace duty::gen
