#include "report/rates_data.hpp"

#include "output/rates_table.hpp"
#include "rates/period.hpp"
#include "rates/provenance.hpp"
#include "rates/report.hpp"
#include "resolve/context.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace duty::report {

namespace {

bool
has_orders(const rates::Totals& totals, int month)
{
  return std::any_of(totals.begin(), totals.end(), [&](const auto& kv) { return kv.first.period == month; });
}

std::vector<output::Table>
tables_for(const RatesRequest& req, const rates::Totals& totals, const output::RatesSource& src, int month,
           std::optional<int> compare = std::nullopt)
{
  rates::ReportSpec spec;
  spec.by = rates::By::unit;
  spec.span = rates::Span{month, month};
  if (compare)
    spec.compare = rates::Span{*compare, *compare};
  rates::Report report = rates::build_report(*req.count.profile, totals, spec);
  return output::rates_tables(report, *req.count.profile, src, output::Lang::zh);
}

} // namespace

std::vector<std::pair<std::string, std::string>>
group_slugs(const lists::Profile& profile)
{
  std::vector<std::pair<std::string, std::string>> out;
  auto taken = [&](const std::string& s) {
    return std::any_of(out.begin(), out.end(), [&](const auto& p) { return p.second == s; });
  };
  for (size_t i = 0; i < profile.groups.size(); ++i) {
    const auto& g = profile.groups[i];
    bool territorial = !g.types.empty() && std::all_of(g.types.begin(), g.types.end(), lists::is_territory);
    bool departments = std::find(g.types.begin(), g.types.end(), lists::UnitType::department) != g.types.end();
    std::string slug = territorial ? "streets" : departments ? "departments" : "";
    if (slug.empty() || taken(slug))
      slug = fmt::format("group-{}", i + 1);
    out.emplace_back(g.name, slug);
  }
  out.emplace_back("其他", "other");
  out.emplace_back(std::string(rates::kAllGroup), "all");
  return out;
}

RatesResult
compute_rates(RatesRequest req)
{
  auto month = rates::parse_month(req.period);
  if (!month)
    throw UsageError(fmt::format("--period: {} is not a month (YYYY-MM)", util::quote(req.period)));
  req.count.by = rates::By::unit;
  RatesResult out;
  out.counted = rates::count_orders(req.count);
  const rates::Totals& totals = out.counted.totals;

  output::RatesSource src;
  src.profile = req.profile_source;
  if (req.count.lists)
    src.lists = rates::lists_hash(req.count.lists->set());
  RatesTables& t = out.tables;
  t.period = req.period;
  t.trend_months = req.months;
  t.slugs = group_slugs(*req.count.profile);
  t.current = tables_for(req, totals, src, *month); // throws InputError for an empty period
  if (has_orders(totals, *month - 1)) {
    t.previous = rates::month_name(*month - 1);
    t.compared = tables_for(req, totals, src, *month, *month - 1);
    t.before = tables_for(req, totals, src, *month - 1);
  }
  for (int m = *month - req.months + 1; m <= *month; ++m)
    if (has_orders(totals, m))
      t.trend.emplace_back(rates::month_name(m), m == *month ? t.current : tables_for(req, totals, src, m));
  return out;
}

} // namespace duty::report
