#include "output/rates_table.hpp"

#include "lists/profile.hpp"
#include "lists/vocab.hpp"
#include "util/error.hpp"
#include "util/json.hpp"

#include <fmt/format.h>

namespace duty::output {

namespace {

using rates::Row;

constexpr int kJsonRateDigits = 6;

struct Header
{
  std::string_view key, zh, en;
};

constexpr Header kColumns[] = {
  {"rank", "序号", "No."},
  {"unit", "承办单位", "unit"},
  {"orders", "受理量", "orders"},
  {"visits", "有效回访", "valid visits"},
  {"contacted", "联系数", "contacted"},
  {"resolved", "解决数", "resolved"},
  {"satisfied", "满意数", "satisfied"},
  {"basically_satisfied", "基本满意", "basically satisfied"},
  {"response_rate", "响应率", "response"},
  {"resolution_rate", "解决率", "resolution"},
  {"satisfaction_rate", "满意率", "satisfaction"},
  {"score", "综合成绩", "score"},
};

constexpr Header kChanges[] = {
  {"response_change", "响应率变化", "response change"},
  {"resolution_change", "解决率变化", "resolution change"},
  {"satisfaction_change", "满意率变化", "satisfaction change"},
  {"score_change", "综合成绩变化", "score change"},
  {"rank_change", "名次变化", "rank change"},
};

std::string
pick(const Header& h, Lang lang)
{
  return std::string(lang == Lang::zh ? h.zh : h.en);
}

std::string
subject_header(rates::By by, Lang lang)
{
  if (by == rates::By::territory)
    return lang == Lang::zh ? "街乡镇" : "territory";
  if (by == rates::By::matter)
    return lang == Lang::zh ? "事项" : "matter";
  return pick(kColumns[1], lang);
}

std::string
row_label(const Row& row, const lists::Profile& p, Lang lang)
{
  if (row.kind == Row::Kind::unit)
    return row.subject;
  bool one = p.summary.size() == 1;
  if (row.kind == Row::Kind::average)
    return one ? (lang == Lang::zh ? "合计" : "total") : (lang == Lang::zh ? "合计（平均）" : "total (mean)");
  return one ? (lang == Lang::zh ? "合计" : "total") : (lang == Lang::zh ? "合计（合并）" : "total (pooled)");
}

// n / 10^decimals as the double nearest to it (what a workbook cell holds):
// both operands are exact doubles and IEEE division rounds to nearest, where
// a GMP fraction's get_d() truncates (85.9 would become 85.89999999999999).
double
scaled_double(const mpz_class& n, int decimals)
{
  double scale = 1;
  for (int i = 0; i < decimals; ++i)
    scale *= 10;
  return n.get_d() / scale;
}

// A rate as a percent cell: the fraction rounded to rate_decimals places of a percent.
Cell
rate_cell(const std::optional<rates::Fraction>& q, int decimals)
{
  if (!q)
    return Cell::null();
  mpz_class n = rates::round_scaled(*q, decimals + 2);
  return Cell::of_decimal(scaled_double(n, decimals + 2), rates::scaled_text(n, decimals), true);
}

Cell
score_cell(const std::optional<mpz_class>& shown, int decimals)
{
  if (!shown)
    return Cell::null();
  return Cell::of_decimal(scaled_double(*shown, decimals), rates::scaled_text(*shown, decimals));
}

// A change between the shown values (percentage points for rates).
Cell
change_cell(const std::optional<mpz_class>& now, const std::optional<mpz_class>& before, int decimals)
{
  if (!now || !before)
    return Cell::null();
  mpz_class d = *now - *before;
  return Cell::of_decimal(scaled_double(d, decimals), rates::scaled_text(d, decimals, true));
}

std::optional<mpz_class>
percent_scaled(const std::optional<rates::Fraction>& q, int decimals)
{
  if (!q)
    return std::nullopt;
  return rates::round_scaled(*q, decimals + 2);
}

std::vector<Cell>
row_cells(const Row& row, const lists::Profile& p, Lang lang, bool compare)
{
  const auto& c = row.counts;
  auto n = [](uint64_t v) { return Cell::of(int64_t(v)); };
  std::vector<Cell> cells = {
    row.rank ? Cell::of(int64_t(*row.rank)) : Cell::null(),
    Cell::of(row_label(row, p, lang)),
    n(c.orders),
    n(c.visits),
    n(c.rate[0].full),
    n(c.rate[1].full),
    n(c.rate[2].full),
    n(c.rate[2].part),
    rate_cell(row.rate[0], p.rate_decimals),
    rate_cell(row.rate[1], p.rate_decimals),
    rate_cell(row.rate[2], p.rate_decimals),
    score_cell(row.shown, p.decimals),
  };
  if (!compare)
    return cells;
  for (size_t r = 0; r < 3; ++r)
    cells.push_back(row.compared ? change_cell(percent_scaled(row.rate[r], p.rate_decimals),
                                               percent_scaled(row.prev_rate[r], p.rate_decimals), p.rate_decimals)
                                 : Cell::null());
  cells.push_back(row.compared ? change_cell(row.shown, row.prev_shown, p.decimals) : Cell::null());
  if (row.rank && row.prev_rank) {
    int d = *row.prev_rank - *row.rank;
    cells.push_back(Cell::of_decimal(d, d > 0 ? fmt::format("+{}", d) : std::to_string(d)));
  } else {
    cells.push_back(Cell::null());
  }
  return cells;
}

void
add_columns(Table& t, const rates::Report& r, Lang lang)
{
  for (const auto& h : kColumns)
    t.columns.push_back({std::string(h.key), h.key == "unit" ? subject_header(r.by, lang) : pick(h, lang)});
  if (r.compare)
    for (const auto& h : kChanges)
      t.columns.push_back({std::string(h.key), pick(h, lang)});
}

std::string
block_title(const rates::Block& b, const rates::Report& r)
{
  std::string t = b.group == rates::kAllGroup ? rates::span_name(b.span) : b.group + " " + rates::span_name(b.span);
  if (r.compare)
    t += fmt::format(" (vs {})", rates::span_name(*r.compare));
  return t;
}

void
add_meta(Table& t, const rates::Report& r, const lists::Profile& p, const RatesSource& src)
{
  t.meta.emplace_back("profile", p.id.value + " (" + src.profile + ")");
  t.meta.emplace_back("lists", src.lists.empty() ? "none" : src.lists);
  if (!src.as_of.empty())
    t.meta.emplace_back("as_of", src.as_of);
  t.meta.emplace_back("period", rates::span_name(r.span));
  if (r.compare)
    t.meta.emplace_back("compare", rates::span_name(*r.compare));
}

} // namespace

std::vector<Table>
rates_tables(const rates::Report& r, const lists::Profile& p, const RatesSource& src, Lang lang)
{
  std::vector<Table> out;
  for (const auto& b : r.blocks) {
    Table t;
    t.name = block_title(b, r);
    add_columns(t, r, lang);
    for (const auto& row : b.rows)
      t.rows.push_back(row_cells(row, p, lang, r.compare.has_value()));
    t.footer = b.summaries;
    add_meta(t, r, p, src);
    t.meta.emplace_back("group", b.group);
    out.push_back(std::move(t));
  }
  return out;
}

Table
rates_flat_table(const rates::Report& r, const lists::Profile& p, const RatesSource& src, Lang lang)
{
  Table t;
  t.name = rates::span_name(r.span);
  t.columns.push_back({"group", lang == Lang::zh ? "分组" : "group"});
  t.columns.push_back({"period", lang == Lang::zh ? "期间" : "period"});
  add_columns(t, r, lang);
  for (const auto& b : r.blocks)
    for (const auto& row : b.rows) {
      auto cells = row_cells(row, p, lang, r.compare.has_value());
      cells.insert(cells.begin(), {Cell::of(b.group), Cell::of(rates::span_name(row.span))});
      t.rows.push_back(std::move(cells));
    }
  add_meta(t, r, p, src);
  return t;
}

namespace {

void
profile_json(util::JsonWriter& w, const lists::Profile& p, const RatesSource& src)
{
  auto rule = [&](const lists::RateRule& r) {
    w.begin_object().key("count").value(lists::name_of(r.count)).key("of").value(lists::name_of(r.of)).end_object();
  };
  w.begin_object();
  w.key("id").value(p.id.value);
  w.key("name").value(p.name);
  w.key("source").value(src.profile);
  w.key("lists_hash");
  src.lists.empty() ? w.null() : w.value(src.lists);
  w.key("as_of");
  src.as_of.empty() ? w.null() : w.value(src.as_of);
  w.key("rates").begin_object();
  w.key("response");
  rule(p.response);
  w.key("resolution");
  rule(p.resolution);
  w.key("satisfaction");
  rule(p.satisfaction);
  w.end_object();
  w.key("basic_satisfied_factor").raw(lists::ratio_text(p.basic_satisfied));
  w.key("partly_resolved_factor").raw(lists::ratio_text(p.partly_resolved));
  w.key("weights").begin_array();
  for (const auto& x : p.weights) {
    w.begin_object();
    w.key("group");
    x.group.empty() ? w.null() : w.value(x.group);
    w.key("from");
    x.from ? w.value(x.from->str()) : w.null();
    w.key("response").raw(lists::ratio_text(x.response));
    w.key("resolution").raw(lists::ratio_text(x.resolution));
    w.key("satisfaction").raw(lists::ratio_text(x.satisfaction));
    w.end_object();
  }
  w.end_array();
  w.key("scale").value(p.scale);
  w.key("decimals").value(p.decimals);
  w.key("rate_decimals").value(p.rate_decimals);
  w.key("exclusions").begin_array();
  for (const auto& x : p.exclusions) {
    w.begin_object().key("rule").value(lists::name_of(x.rule));
    if (x.within)
      w.key("within").value(x.within->str());
    w.key("from").begin_array();
    for (auto m : x.from)
      w.value(lists::name_of(m));
    w.end_array().end_object();
  }
  w.end_array();
  w.key("attribution").value(lists::name_of(p.attribution));
  w.key("period").begin_object().key("kind").value(lists::name_of(p.period.kind));
  w.key("by").value(lists::name_of(p.period.by));
  if (p.period.kind == lists::Period::Kind::window) {
    w.key("from").value(fmt::format("{} {:02}:{:02}", p.period.from_day, p.period.from_minute / 60,
                                    p.period.from_minute % 60));
    w.key("to").value(
      fmt::format("{} {:02}:{:02}", p.period.to_day, p.period.to_minute / 60, p.period.to_minute % 60));
  }
  w.end_object();
  w.key("groups").begin_array();
  for (const auto& g : p.groups) {
    w.begin_object().key("name").value(g.name).key("types").begin_array();
    for (auto t : g.types)
      w.value(lists::unit_types().name_of(int(t)));
    w.end_array().end_object();
  }
  w.end_array();
  w.key("tie").value(lists::name_of(p.tie));
  w.key("summary").begin_array();
  for (auto s : p.summary)
    w.value(lists::name_of(s));
  w.end_array();
  w.end_object();
}

void
fraction_json(util::JsonWriter& w, const std::optional<rates::Fraction>& q)
{
  q ? w.raw(rates::round_text(*q, kJsonRateDigits)) : w.null();
}

void
row_json(util::JsonWriter& w, const Row& row, const rates::Block& b, const lists::Profile& p, Lang lang,
         bool compare)
{
  const auto& c = row.counts;
  w.begin_object();
  w.key("group").value(b.group);
  w.key("unit").value(row_label(row, p, lang));
  w.key("period").value(rates::span_name(row.span));
  w.key("orders").value(int64_t(c.orders));
  w.key("visits").value(int64_t(c.visits));
  w.key("contacted").value(int64_t(c.rate[0].full));
  w.key("resolved").value(int64_t(c.rate[1].full));
  w.key("satisfied").value(int64_t(c.rate[2].full));
  w.key("basically_satisfied").value(int64_t(c.rate[2].part));
  w.key("response_rate");
  fraction_json(w, row.rate[0]);
  w.key("resolution_rate");
  fraction_json(w, row.rate[1]);
  w.key("satisfaction_rate");
  fraction_json(w, row.rate[2]);
  w.key("score");
  row.shown ? w.raw(rates::scaled_text(*row.shown, p.decimals)) : w.null();
  w.key("rank");
  row.rank ? w.value(*row.rank) : w.null();
  w.key("excluded").begin_object();
  for (const auto& x : p.exclusions)
    w.key(lists::name_of(x.rule)).value(int64_t(c.excluded[size_t(x.rule)]));
  w.end_object();
  if (compare) {
    // Changes between the values as shown: rates at 6 decimals, the score at the profile's.
    auto diff = [&](const std::optional<rates::Fraction>& a, const std::optional<rates::Fraction>& b) {
      if (!row.compared || !a || !b)
        return w.null(), void();
      w.raw(rates::scaled_text(rates::round_scaled(*a, kJsonRateDigits) - rates::round_scaled(*b, kJsonRateDigits),
                               kJsonRateDigits));
    };
    w.key("change").begin_object();
    w.key("response_rate");
    diff(row.rate[0], row.prev_rate[0]);
    w.key("resolution_rate");
    diff(row.rate[1], row.prev_rate[1]);
    w.key("satisfaction_rate");
    diff(row.rate[2], row.prev_rate[2]);
    w.key("score");
    row.compared && row.shown && row.prev_shown ? w.raw(rates::scaled_text(*row.shown - *row.prev_shown, p.decimals))
                                                : w.null();
    w.key("rank");
    row.rank && row.prev_rank ? w.value(*row.prev_rank - *row.rank) : w.null();
    w.end_object();
  }
  w.end_object();
}

} // namespace

std::string
rates_json(const rates::Report& r, const lists::Profile& p, const RatesSource& src, Lang lang)
{
  std::string out;
  util::JsonWriter w(out);
  w.begin_object();
  w.key("profile");
  profile_json(w, p, src);
  w.key("by").value(r.by == rates::By::unit        ? "unit"
                    : r.by == rates::By::territory ? "territory"
                    : r.by == rates::By::matter    ? "matter"
                                                   : "unit,month");
  w.key("period").value(rates::span_name(r.span));
  w.key("compare");
  r.compare ? w.value(rates::span_name(*r.compare)) : w.null();
  w.key("rows").begin_array();
  for (const auto& b : r.blocks)
    for (const auto& row : b.rows)
      row_json(w, row, b, p, lang, r.compare.has_value());
  w.end_array();
  w.end_object();
  out += '\n';
  return out;
}

std::string
render_rates(const rates::Report& r, const lists::Profile& p, const RatesSource& src, Lang lang, Format f)
{
  switch (f) {
  case Format::json: return rates_json(r, p, src, lang);
  case Format::csv: return render_table(rates_flat_table(r, p, src, lang), f);
  case Format::text:
  case Format::md: {
    std::string out;
    for (const auto& t : rates_tables(r, p, src, lang)) {
      if (!out.empty())
        out += '\n';
      out += (f == Format::md ? "### " : "") + t.name + "\n";
      if (f == Format::md)
        out += '\n';
      out += render_table(t, f);
    }
    return out;
  }
  default: throw UsageError(fmt::format("duty rates cannot write {}", format_name(f)));
  }
}

} // namespace duty::output
