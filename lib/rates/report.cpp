#include "rates/report.hpp"

#include "util/error.hpp"
#include "util/spell.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace duty::rates {

namespace {

// The factor a rate's partial count carries (部分解决, 基本满意).
Fraction
part_factor(const lists::Profile& p, const lists::RateRule& r)
{
  if (r.count == lists::RateCount::resolved)
    return fraction(p.partly_resolved);
  if (r.count == lists::RateCount::satisfied)
    return fraction(p.basic_satisfied);
  return 0;
}

const lists::RateRule&
rule(const lists::Profile& p, size_t r)
{
  return r == 0 ? p.response : r == 1 ? p.resolution : p.satisfaction;
}

// scale × (w_r·响应率 + w_s·解决率 + w_m·满意率), exact; and rounded for ranking and display.
void
score(const lists::Profile& p, const std::string& group, Row& row)
{
  row.score.reset();
  row.shown.reset();
  const lists::Weights* w = p.weights_for(group, period_end(p.period, row.span.last));
  if (!w || !row.rate[0] || !row.rate[1] || !row.rate[2])
    return;
  Fraction s = fraction(w->response) * *row.rate[0] + fraction(w->resolution) * *row.rate[1]
               + fraction(w->satisfaction) * *row.rate[2];
  s *= p.scale;
  row.score = s;
  row.shown = round_scaled(s, p.decimals);
}

void
compute(const lists::Profile& p, Row& row)
{
  for (size_t r = 0; r < 3; ++r) {
    const RateCounts& c = row.counts.rate[r];
    if (c.base == 0) {
      row.rate[r].reset();
      continue;
    }
    Fraction n = Fraction(mpz_class(static_cast<unsigned long>(c.full)))
                 + part_factor(p, rule(p, r)) * mpz_class(static_cast<unsigned long>(c.part));
    Fraction q = n / mpz_class(static_cast<unsigned long>(c.base));
    q.canonicalize();
    row.rate[r] = q;
  }
  score(p, row.group, row);
}

void
rank(const lists::Profile& p, std::vector<Row>& rows)
{
  auto better = [&](const Row& a, const Row& b) {
    if (*a.shown != *b.shown)
      return *a.shown > *b.shown;
    return p.tie == lists::Tie::volume && a.counts.orders > b.counts.orders;
  };
  for (auto& r : rows) {
    if (!r.shown)
      continue;
    int n = 1;
    for (const auto& o : rows)
      n += o.shown && better(o, r);
    r.rank = n;
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.rank.has_value() != b.rank.has_value())
      return a.rank.has_value();
    if (a.rank != b.rank)
      return *a.rank < *b.rank;
    return a.subject < b.subject;
  });
}

Row
summary(const lists::Profile& p, const Block& b, lists::Summary kind)
{
  Row s;
  s.kind = kind == lists::Summary::average ? Row::Kind::average : Row::Kind::pooled;
  s.group = b.group;
  s.span = b.span;
  for (const auto& r : b.rows)
    s.counts.add(r.counts);
  if (kind == lists::Summary::pooled) {
    compute(p, s);
    return s;
  }
  // The mean of the units' rates (units without a rate left out), then the composite of the means.
  for (size_t r = 0; r < 3; ++r) {
    Fraction sum = 0;
    long n = 0;
    for (const auto& u : b.rows)
      if (u.rate[r]) {
        sum += *u.rate[r];
        ++n;
      }
    if (n > 0) {
      sum /= n;
      s.rate[r] = sum;
    }
  }
  score(p, s.group, s);
  return s;
}

size_t
group_order(const lists::Profile& p, const std::string& g)
{
  for (size_t i = 0; i < p.groups.size(); ++i)
    if (p.groups[i].name == g)
      return i;
  return g == "其他" ? p.groups.size() : p.groups.size() + 1;
}

std::vector<Block>
blocks_for(const lists::Profile& p, const Totals& totals, By by, Span span)
{
  // (period or -1, group order, group) → subject → row
  std::map<std::tuple<int, size_t, std::string>, std::map<std::string, Row>> grouped;
  for (const auto& [key, e] : totals) {
    if (!span.contains(key.period))
      continue;
    int period = by == By::unit_month ? key.period : -1;
    Row& row = grouped[{period, group_order(p, e.group), e.group}][key.subject];
    row.group = e.group;
    row.subject = key.subject;
    row.span = period >= 0 ? Span{period, period} : span;
    row.counts.add(e.counts);
  }
  std::vector<Block> out;
  for (auto& [k, subjects] : grouped) {
    Block b;
    b.group = std::get<2>(k);
    b.span = std::get<0>(k) >= 0 ? Span{std::get<0>(k), std::get<0>(k)} : span;
    for (auto& [name, row] : subjects) {
      compute(p, row);
      b.rows.push_back(std::move(row));
    }
    rank(p, b.rows);
    std::vector<Row> summaries; // of the unit rows only
    for (lists::Summary kind : p.summary)
      summaries.push_back(summary(p, b, kind));
    for (auto& s : summaries)
      b.rows.push_back(std::move(s));
    b.summaries = p.summary.size();
    out.push_back(std::move(b));
  }
  return out;
}

void
add_changes(const lists::Profile& p, const Totals& totals, By by, Span compare, std::vector<Block>& blocks)
{
  std::map<std::pair<std::string, std::string>, const Row*> before;
  std::vector<Block> other = blocks_for(p, totals, by, compare);
  for (const auto& b : other)
    for (const auto& r : b.rows)
      if (r.kind == Row::Kind::unit)
        before[{r.group, r.subject}] = &r;
  for (auto& b : blocks)
    for (auto& r : b.rows) {
      if (r.kind != Row::Kind::unit) {
        // A summary compares with the same summary of the group.
        for (const auto& ob : other)
          if (ob.group == b.group)
            for (const auto& o : ob.rows)
              if (o.kind == r.kind) {
                r.compared = true;
                r.prev_rate = o.rate;
                r.prev_shown = o.shown;
              }
        continue;
      }
      auto it = before.find({r.group, r.subject});
      if (it == before.end())
        continue;
      r.compared = true;
      r.prev_rate = it->second->rate;
      r.prev_shown = it->second->shown;
      r.prev_rank = it->second->rank;
    }
}

void
keep_only(const std::vector<std::string>& only, std::vector<Block>& blocks)
{
  if (only.empty())
    return;
  std::vector<std::string_view> have;
  for (const auto& b : blocks)
    for (const auto& r : b.rows)
      if (r.kind == Row::Kind::unit)
        have.push_back(r.subject);
  for (const auto& name : only)
    if (std::find(have.begin(), have.end(), name) == have.end()) {
      std::string hint = util::did_you_mean(name, have);
      throw InputError(fmt::format("--unit {}: no orders counted for it in this period{}", util::quote(name),
                                   hint.empty() ? "" : "; " + hint));
    }
  for (auto& b : blocks) {
    std::vector<Row> kept;
    for (auto& r : b.rows)
      if (r.kind != Row::Kind::unit || std::find(only.begin(), only.end(), r.subject) != only.end())
        kept.push_back(std::move(r));
    b.rows = std::move(kept);
  }
  std::erase_if(blocks, [](const Block& b) { return b.rows.size() == b.summaries; });
}

} // namespace

std::optional<Span>
periods_of(const Totals& totals)
{
  std::optional<Span> s;
  for (const auto& [key, e] : totals) {
    if (!s)
      s = Span{key.period, key.period};
    s->first = std::min(s->first, key.period);
    s->last = std::max(s->last, key.period);
  }
  return s;
}

Report
build_report(const lists::Profile& profile, const Totals& totals, const ReportSpec& spec)
{
  auto present = periods_of(totals);
  if (!present)
    throw InputError("no orders to count: none has the time that places it in a period ("
                     + std::string(profile.period.by == lists::PeriodStamp::closed_at ? "closed_at, 办结时间"
                                                                                       : "the profile's period.by")
                     + ")");
  Report rep;
  rep.by = spec.by;
  rep.span = spec.span.value_or(*present);
  rep.compare = spec.compare;
  rep.blocks = blocks_for(profile, totals, spec.by, rep.span);
  if (rep.blocks.empty())
    throw InputError(fmt::format("no orders in {}: the input has orders in {}", span_name(rep.span),
                                 span_name(*present)));
  if (spec.compare) {
    if (blocks_for(profile, totals, spec.by, *spec.compare).empty())
      throw InputError(fmt::format("--compare {}: no orders in that period; the input has orders in {}",
                                   span_name(*spec.compare), span_name(*present)));
    add_changes(profile, totals, spec.by, *spec.compare, rep.blocks);
  }
  keep_only(spec.only, rep.blocks);
  return rep;
}

} // namespace duty::rates
