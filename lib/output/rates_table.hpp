#pragma once

// The rates report as tables (the real report's columns: 序号, 承办单位, 受理量,
// 有效回访, 联系数, 解决数, 满意数, 基本满意, 响应率, 解决率, 满意率, 综合成绩)
// and as the JSON document {"profile": {…}, "rows": […]} (duty-rates(1)).
#include "output/table.hpp"
#include "rates/report.hpp"

#include <string>
#include <vector>

namespace duty::output {

enum class Lang { zh, en };

// Where the numbers come from, carried as table meta (xlsx) and in the JSON profile.
struct RatesSource
{
  std::string profile; // "built-in bj-practice", "lists/yanqing/profile/yanqing.yaml:14"
  std::string lists;   // the list set's content hash, "" without lists
  std::string as_of;   // the time replay's clocks were judged at; "" when the profile counts none
};

// One table per block (a group, in one period): ranked rows, unranked rows,
// then the 合计 rows as the footer. Rates are percent cells carrying the
// rounded fraction; `name` is the block's title ("街乡镇 2025-03").
std::vector<Table>
rates_tables(const rates::Report& r, const lists::Profile& p, const RatesSource& src, Lang lang);

// Every block in one table with the group and period as the first columns (csv).
Table
rates_flat_table(const rates::Report& r, const lists::Profile& p, const RatesSource& src, Lang lang);

// The JSON document: the profile as used, then one object per row. Rates are
// fractions rounded half away from zero to 6 decimals (null without a base),
// the score has the profile's decimals; both are computed from exact counts.
std::string
rates_json(const rates::Report& r, const lists::Profile& p, const RatesSource& src, Lang lang);

// text (one titled table per block), md, csv (flat) or json.
std::string
render_rates(const rates::Report& r, const lists::Profile& p, const RatesSource& src, Lang lang, Format f);

} // namespace duty::output
