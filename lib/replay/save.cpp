#include "replay/save.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace duty::replay {

namespace {

std::optional<std::string>
status(const Clock& c)
{
  return std::string(name(c.status));
}

std::optional<std::string>
deadline(const Clock& c)
{
  return c.deadline ? std::optional(c.deadline->str()) : std::nullopt;
}

} // namespace

store::SavedOrder
saved_order(const Judgement& j, std::string record)
{
  const OrderVerdict& v = j.order;
  store::SavedOrder o;
  o.id = v.id;
  o.matter_id = v.matter;
  o.territory_id = v.territory;
  o.lead = v.lead;
  if (v.dispatch)
    o.dispatch = std::string(name(*v.dispatch));
  o.dispatched_to = v.dispatched_to;
  o.final_unit = v.final_unit;
  o.hops = v.hops;
  o.returns = int64_t(v.returns.size());
  for (const auto& r : v.returns)
    o.unjustified_returns += r.verdict == ReturnVerdict::unjustified;
  o.sign = status(v.clocks.sign);
  o.sign_deadline = deadline(v.clocks.sign);
  o.contact = status(v.clocks.contact);
  o.contact_deadline = deadline(v.clocks.contact);
  o.close = status(v.clocks.close);
  o.close_deadline = deadline(v.clocks.close);
  o.close_elapsed_s = v.clocks.close.elapsed_s;
  std::vector<std::string_view> problems, excluded;
  for (const auto& p : v.lifecycle)
    problems.push_back(name(p.problem));
  for (auto x : v.excluded)
    excluded.push_back(name(x));
  o.lifecycle = fmt::format("{}", fmt::join(problems, ","));
  o.excluded = fmt::format("{}", fmt::join(excluded, ","));
  o.whistles = int64_t(j.whistles.size());
  o.deviates = v.deviates();
  o.record = std::move(record);
  return o;
}

store::SavedWhistle
saved_whistle(const WhistleVerdict& w, int64_t seq, std::string record)
{
  store::SavedWhistle s;
  s.id = w.id;
  s.seq = seq;
  s.at = w.at.str();
  s.unit = w.unit;
  s.type = w.type;
  s.matter_id = w.matter;
  s.whistleable = w.whistleable;
  s.required = fmt::format("{}", fmt::join(w.required, ","));
  s.missing = fmt::format("{}", fmt::join(w.missing, ","));
  s.extra = fmt::format("{}", fmt::join(w.extra, ","));
  std::vector<std::string> late;
  for (const auto& r : w.reported)
    if (r.status == ReportStatus::late)
      late.push_back(r.unit);
  s.late = fmt::format("{}", fmt::join(late, ","));
  s.deviates = w.deviates();
  s.record = std::move(record);
  return s;
}

} // namespace duty::replay
