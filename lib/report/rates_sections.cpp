#include "report/rates_sections.hpp"

#include "report/cells.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <optional>

namespace duty::report {

using output::Cell;
using output::Chart;
using output::Table;

namespace {

constexpr std::pair<const char*, const char*> kRates[] = {
  {"response_rate", "响应率"},
  {"resolution_rate", "解决率"},
  {"satisfaction_rate", "满意率"},
};

Cell
cell(const Table& t, const std::vector<Cell>& row, std::string_view key)
{
  return cell_of(t, row, key);
}

// The group's first summary row (the profile's first `summary` kind), or null.
const std::vector<Cell>*
summary_row(const Table& t)
{
  if (t.footer == 0 || t.rows.size() < t.footer)
    return nullptr;
  return &t.rows[t.rows.size() - t.footer];
}

const Table*
group_table(const std::vector<Table>& tables, std::string_view group)
{
  for (const auto& t : tables)
    if (meta_of(t, "group") == group)
      return &t;
  return nullptr;
}

std::string
slug_of(const RatesTables& r, std::string_view group, size_t index)
{
  for (const auto& [g, s] : r.slugs)
    if (g == group)
      return s;
  return fmt::format("group-{}", index + 1);
}

// The change in orders between two periods' summary rows: "+12".
Cell
orders_change(const Cell& now, const Cell& before)
{
  if (now.kind != Cell::Kind::integer || before.kind != Cell::Kind::integer)
    return Cell::null();
  int64_t d = now.integer - before.integer;
  return Cell::of_decimal(static_cast<double>(d), d > 0 ? fmt::format("+{}", d) : std::to_string(d));
}

// The rows ranked in a table: neither summaries nor unranked units (no rates).
std::vector<const std::vector<Cell>*>
ranked_rows(const Table& t)
{
  std::vector<const std::vector<Cell>*> rows;
  auto rank = column_of(t, "rank");
  for (size_t i = 0; i + t.footer < t.rows.size(); ++i)
    if (!rank || t.rows[i][*rank].kind != Cell::Kind::null)
      rows.push_back(&t.rows[i]);
  return rows;
}

} // namespace

output::Section
headline_section(const RatesTables& r)
{
  output::Section sec{"headline", "核心指标", {}};
  for (const auto& t : r.current) {
    std::string group = meta_of(t, "group");
    const auto* row = summary_row(t);
    if (!row)
      continue;
    const Table* cmp = group_table(r.compared, group);
    const Table* before = group_table(r.before, group);
    const auto* cmp_row = cmp ? summary_row(*cmp) : nullptr;
    const auto* before_row = before ? summary_row(*before) : nullptr;
    auto change = [&](std::string_view key) { return cmp_row ? cell(*cmp, *cmp_row, key) : Cell::null(); };
    output::Figures figs;
    figs.title = fmt::format("{} · {}", group, cell(t, *row, "unit").text);
    figs.items.push_back({group + ":orders", "受理量", cell(t, *row, "orders"),
                          before_row ? orders_change(cell(t, *row, "orders"), cell(*before, *before_row, "orders"))
                                     : Cell::null(),
                          "件"});
    for (const auto& [key, label] : kRates) {
      std::string k(key);
      figs.items.push_back({group + ":" + k, label, cell(t, *row, k),
                            change(k.substr(0, k.size() - 5) + "_change"), "个百分点"});
    }
    figs.items.push_back({group + ":score", "综合成绩", cell(t, *row, "score"), change("score_change"), "分"});
    sec.blocks.emplace_back(std::move(figs));
  }
  sec.blocks.emplace_back(output::Note{
    r.previous.empty()
      ? fmt::format("{} 的数据中没有上一期（无法比较）。比率与综合成绩均由 duty rates 按考核方案从精确计数算出。", r.period)
      : fmt::format("较上期：与 {} 相比；比率的变化以百分点计。比率与综合成绩均由 duty rates 按考核方案从精确计数算出。",
                    r.previous)});
  return sec;
}

std::vector<output::Section>
ranking_sections(const RatesTables& r)
{
  std::vector<output::Section> out;
  for (size_t i = 0; i < r.current.size(); ++i) {
    const Table& t = r.current[i];
    std::string group = meta_of(t, "group");
    output::Section sec{"ranking-" + slug_of(r, group, i), group + "排名", {}};
    sec.blocks.emplace_back(t);
    out.push_back(std::move(sec));
  }
  return out;
}

output::Section
rate_charts_section(const RatesTables& r)
{
  // A chart of more units than fit one printed page is split, so that no
  // part is cut at a page's foot.
  constexpr size_t kUnitsPerChart = 20;
  output::Section sec{"rate-charts", "三率对比", {}};
  for (size_t i = 0; i < r.current.size(); ++i) {
    const Table& t = r.current[i];
    std::string group = meta_of(t, "group");
    auto rows = ranked_rows(t);
    if (rows.empty()) {
      sec.blocks.emplace_back(output::Note{group + "：本期没有可计算比率的单位。"});
      continue;
    }
    for (size_t from = 0; from < rows.size(); from += kUnitsPerChart) {
      size_t to = std::min(rows.size(), from + kUnitsPerChart);
      Chart chart;
      chart.id = "rates-" + slug_of(r, group, i) + (from ? fmt::format("-{}", from / kUnitsPerChart + 1) : "");
      chart.title = group + "三率（按综合成绩排序";
      chart.title += rows.size() > kUnitsPerChart ? fmt::format("，第 {}–{} 位）", from + 1, to) : "）";
      chart.category_label = "承办单位";
      chart.of_table = true; // the ranking table's rate columns
      for (const auto& [key, label] : kRates)
        chart.series.push_back({label, {}});
      for (size_t k = from; k < to; ++k) {
        chart.categories.push_back(cell(t, *rows[k], "unit").text);
        for (size_t s = 0; s < std::size(kRates); ++s)
          chart.series[s].values.push_back(cell(t, *rows[k], kRates[s].first));
      }
      sec.blocks.emplace_back(std::move(chart));
    }
  }
  return sec;
}

output::Section
trend_section(const RatesTables& r)
{
  output::Section sec{"trends", "趋势", {}};
  std::vector<std::string> months, groups;
  for (const auto& [month, tables] : r.trend)
    months.push_back(month);
  for (const auto& t : r.current)
    groups.push_back(meta_of(t, "group"));
  // The summary row's `key` for each month (null when the group has none that month).
  auto values = [&](const std::string& group, std::string_view key) {
    std::vector<Cell> v;
    for (const auto& [month, tables] : r.trend) {
      const Table* t = group_table(tables, group);
      const auto* row = t ? summary_row(*t) : nullptr;
      v.push_back(row ? cell(*t, *row, key) : Cell::null());
    }
    return v;
  };
  for (size_t i = 0; i < groups.size(); ++i) {
    Chart c;
    c.kind = Chart::Kind::line;
    c.id = "trend-" + slug_of(r, groups[i], i);
    c.title = groups[i] + "三率趋势（合计）";
    c.category_label = "月份";
    c.categories = months;
    c.from_zero = false;
    for (const auto& [key, label] : kRates)
      c.series.push_back({label, values(groups[i], key)});
    sec.blocks.emplace_back(std::move(c));
  }
  Chart score;
  score.kind = Chart::Kind::line;
  score.id = "trend-score";
  score.title = "综合成绩趋势（合计）";
  score.category_label = "月份";
  score.categories = months;
  score.percent = false;
  score.from_zero = false;
  Chart orders = score;
  orders.id = "trend-orders";
  orders.title = "受理量趋势";
  orders.from_zero = true;
  for (const auto& g : groups) {
    score.series.push_back({g, values(g, "score")});
    orders.series.push_back({g, values(g, "orders")});
  }
  sec.blocks.emplace_back(std::move(score));
  sec.blocks.emplace_back(std::move(orders));
  sec.blocks.emplace_back(output::Note{fmt::format(
    "最近 {} 个月中有数据的 {} 个月；每月按考核方案计入（duty rates --period 月份）。", r.trend_months, months.size())});
  return sec;
}

} // namespace duty::report
