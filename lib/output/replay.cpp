#include "output/replay.hpp"

#include "util/json.hpp"

#include <fmt/format.h>

namespace duty::output {

using namespace replay;
using util::JsonWriter;

namespace {

void
opt_string(JsonWriter& w, const std::optional<std::string>& s)
{
  if (s)
    w.value(*s);
  else
    w.null();
}

void
opt_time(JsonWriter& w, const std::optional<util::Timestamp>& t)
{
  if (t)
    w.value(t->str());
  else
    w.null();
}

void
strings(JsonWriter& w, const std::vector<std::string>& v)
{
  w.begin_array();
  for (const auto& s : v)
    w.value(s);
  w.end_array();
}

void
clock(JsonWriter& w, const char* name, const Clock& c)
{
  w.key(name).begin_object();
  w.key("status").value(replay::name(c.status));
  w.key("deadline");
  opt_time(w, c.deadline);
  w.key("at");
  opt_time(w, c.at);
  w.key("elapsed_s");
  if (c.elapsed_s)
    w.value(*c.elapsed_s);
  else
    w.null();
  w.end_object();
}

std::string
joined(const std::vector<std::string>& v, const char* sep)
{
  return fmt::format("{}", fmt::join(v, sep));
}

// "12.5" for 1/8, exact: half a tenth of a percent rounds away from zero.
Cell
share(uint64_t num, uint64_t den)
{
  if (den == 0)
    return Cell::null();
  uint64_t tenths = (num * 1000 + den / 2) / den;
  return Cell::of_decimal(double(num) / double(den), fmt::format("{}.{}", tenths / 10, tenths % 10), true);
}

} // namespace

void
append_header_json(std::string& out, const ReplayHeader& h)
{
  JsonWriter w(out);
  w.begin_object();
  w.key("kind").value("header");
  w.key("lists_hash").value(h.lists_hash);
  w.key("profile").value(h.profile);
  w.key("calendar_years").begin_array();
  for (int y : h.calendar_years)
    w.value(y);
  w.end_array();
  w.key("as_of").value(h.as_of.str());
  w.key("tie_rule").value(h.tie_rule);
  w.key("version").value(h.version);
  w.end_object();
}

void
append_order_json(std::string& out, const OrderVerdict& v)
{
  JsonWriter w(out);
  w.begin_object();
  w.key("kind").value("order");
  w.key("id").value(v.id);
  w.key("matter");
  opt_string(w, v.matter);
  w.key("territory");
  opt_string(w, v.territory);
  w.key("dims").begin_object();
  for (const auto& [k, val] : v.dims)
    w.key(k).value(val);
  w.end_object();
  w.key("lead");
  opt_string(w, v.lead);
  w.key("candidates");
  strings(w, v.candidates);
  w.key("assist");
  strings(w, v.assist);
  w.key("dispatch");
  if (v.dispatch)
    w.value(name(*v.dispatch));
  else
    w.null();
  w.key("dispatched_to");
  opt_string(w, v.dispatched_to);
  w.key("final_unit");
  opt_string(w, v.final_unit);
  w.key("hops").value(v.hops);
  w.key("returns").begin_array();
  for (const auto& r : v.returns) {
    w.begin_object().key("unit").value(r.unit).key("at").value(r.at.str()).key("verdict");
    if (r.verdict)
      w.value(name(*r.verdict));
    else
      w.null();
    w.end_object();
  }
  w.end_array();
  w.key("clocks").begin_object();
  clock(w, "sign", v.clocks.sign);
  clock(w, "contact", v.clocks.contact);
  clock(w, "close", v.clocks.close);
  w.end_object();
  w.key("lifecycle").begin_array();
  for (const auto& p : v.lifecycle) {
    w.begin_object().key("problem").value(name(p.problem)).key("event");
    if (p.event)
      w.value(event_name(*p.event));
    else
      w.null();
    w.key("at");
    opt_time(w, p.at);
    w.end_object();
  }
  w.end_array();
  w.key("excluded").begin_array();
  for (auto x : v.excluded)
    w.value(name(x));
  w.end_array();
  w.key("evidence");
  strings(w, v.evidence);
  w.end_object();
}

void
append_whistle_json(std::string& out, const WhistleVerdict& v)
{
  JsonWriter w(out);
  w.begin_object();
  w.key("kind").value("whistle");
  w.key("id").value(v.id);
  w.key("at").value(v.at.str());
  w.key("unit").value(v.unit);
  w.key("type");
  if (v.type.empty())
    w.null();
  else
    w.value(v.type);
  w.key("matter");
  opt_string(w, v.matter);
  w.key("whistleable");
  if (v.whistleable)
    w.value(*v.whistleable);
  else
    w.null();
  w.key("required");
  strings(w, v.required);
  w.key("reported").begin_array();
  for (const auto& r : v.reported) {
    w.begin_object().key("unit").value(r.unit).key("at").value(r.at.str()).key("status");
    if (r.status)
      w.value(name(*r.status));
    else
      w.null();
    w.end_object();
  }
  w.end_array();
  w.key("missing");
  strings(w, v.missing);
  w.key("extra");
  strings(w, v.extra);
  w.end_object();
}

Table
verdicts_table(Format)
{
  Table t;
  t.name = "replay";
  for (const char* c : {"id", "matter", "territory", "lead", "dispatch", "dispatched_to", "final_unit",
                        "hops", "returns", "unjustified", "sign", "contact", "close", "close_deadline",
                        "lifecycle", "excluded", "whistles", "whistle_problems"})
    t.add_column(c);
  return t;
}

void
add_verdict_row(Table& t, const Judgement& j, Format f)
{
  const OrderVerdict& v = j.order;
  const char* sep = f == Format::csv ? ";" : ", ";
  auto opt = [](const std::optional<std::string>& s) { return s ? Cell::of(*s) : Cell::null(); };
  int64_t unjustified = 0;
  for (const auto& r : v.returns)
    unjustified += r.verdict == ReturnVerdict::unjustified;
  std::vector<std::string> problems, excluded, whistle_problems;
  for (const auto& p : v.lifecycle)
    problems.emplace_back(p.event ? fmt::format("{} ({})", name(p.problem), event_name(*p.event))
                                  : std::string(name(p.problem)));
  for (auto x : v.excluded)
    excluded.emplace_back(name(x));
  for (const auto& w : j.whistles) {
    if (w.whistleable == false)
      whistle_problems.push_back("not whistleable");
    for (const auto& u : w.missing)
      whistle_problems.push_back("missing " + u);
    for (const auto& u : w.extra)
      whistle_problems.push_back("extra " + u);
    for (const auto& r : w.reported)
      if (r.status == ReportStatus::late)
        whistle_problems.push_back("late " + r.unit);
  }
  t.rows.push_back({Cell::of(v.id), opt(v.matter), opt(v.territory), opt(v.lead),
                    v.dispatch ? Cell::of(std::string(name(*v.dispatch))) : Cell::null(),
                    opt(v.dispatched_to), opt(v.final_unit), Cell::of(int64_t(v.hops)),
                    Cell::of(int64_t(v.returns.size())), Cell::of(unjustified),
                    Cell::of(std::string(name(v.clocks.sign.status))),
                    Cell::of(std::string(name(v.clocks.contact.status))),
                    Cell::of(std::string(name(v.clocks.close.status))),
                    v.clocks.close.deadline ? Cell::of(v.clocks.close.deadline->str()) : Cell::null(),
                    Cell::of(joined(problems, sep)), Cell::of(joined(excluded, sep)),
                    Cell::of(int64_t(j.whistles.size())), Cell::of(joined(whistle_problems, sep))});
}

Table
summary_table(const Summary& s, Format)
{
  Table t;
  t.name = "replay summary";
  for (const char* c : {"scope",
                        "key",
                        "orders",
                        "deviating",
                        "deviating_share",
                        "dispatched",
                        "wrong_unit",
                        "assist_as_lead",
                        "wrong_share",
                        "contested",
                        "no_lead",
                        "undecided",
                        "unmapped",
                        "returns",
                        "unjustified",
                        "unjustified_share",
                        "late_sign",
                        "late_contact",
                        "late_close",
                        "overdue",
                        "late_close_share",
                        "lifecycle",
                        "whistles",
                        "not_whistleable",
                        "summoned",
                        "missing",
                        "missing_share",
                        "late_reports",
                        "extra_reports"})
    t.add_column(c);
  auto row = [&](const char* scope, const std::string& key, const Tally& x) {
    auto n = [](uint64_t v) { return Cell::of(int64_t(v)); };
    t.rows.push_back({Cell::of(scope),
                      Cell::of(key),
                      n(x.orders),
                      n(x.deviating),
                      share(x.deviating, x.orders),
                      n(x.dispatched),
                      n(x.wrong_unit),
                      n(x.assist_as_lead),
                      share(x.wrong_unit + x.assist_as_lead, x.dispatched),
                      n(x.contested),
                      n(x.no_lead),
                      n(x.undecided),
                      n(x.unmapped),
                      n(x.returns),
                      n(x.unjustified),
                      share(x.unjustified, x.returns),
                      n(x.late_sign),
                      n(x.late_contact),
                      n(x.late_close),
                      n(x.overdue),
                      share(x.late_close + x.overdue, x.orders),
                      n(x.lifecycle),
                      n(x.whistles),
                      n(x.not_whistleable),
                      n(x.summoned),
                      n(x.missing),
                      share(x.missing, x.summoned),
                      n(x.late_reports),
                      n(x.extra_reports)});
  };
  for (const auto& [unit, x] : s.units)
    row("unit", unit, x);
  for (const auto& [matter, x] : s.matters)
    row("matter", matter.empty() ? "(unmapped)" : matter, x);
  row("total", "", s.total);
  t.footer = 1;
  return t;
}

} // namespace duty::output
