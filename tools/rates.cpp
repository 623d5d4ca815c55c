// duty rates: the three rates (响应率, 解决率, 满意率), the composite score and
// the rankings of an assessment profile, from a case store or raw exports.
#include "book_output.hpp"
#include "cli.hpp"
#include "commands.hpp"

#include "cases/mapfile.hpp"
#include "lists/profile.hpp"
#include "output/rates_table.hpp"
#include "rates/count.hpp"
#include "rates/provenance.hpp"
#include "rates/report.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <fmt/format.h>
#include <unistd.h>

namespace duty::tools {

namespace {

rates::By
parse_by(const std::string& by)
{
  if (by == "unit")
    return rates::By::unit;
  if (by == "territory")
    return rates::By::territory;
  if (by == "matter")
    return rates::By::matter;
  if (by == "unit,month" || by == "month,unit")
    return rates::By::unit_month;
  throw UsageError(fmt::format("--by: unknown grouping {} (unit, territory, matter or unit,month)", util::quote(by)));
}

rates::Span
span_option(const std::string& option, const std::string& value)
{
  auto s = rates::parse_span(value);
  if (!s)
    throw UsageError(fmt::format("{}: {} is not a period (YYYY-MM or YYYY-MM..YYYY-MM, first not after last)", option,
                                 util::quote(value)));
  return *s;
}

// What the counting could not use, on standard error; never a personal value.
void
print_notes(const rates::Counted& n)
{
  for (const auto& note : n.notes)
    fmt::print(stderr, "duty: note: {}\n", note);
  if (n.bad_rows) {
    fmt::print(stderr, "duty: {} row{} could not be read and {} not counted:\n", n.bad_rows,
               n.bad_rows == 1 ? "" : "s", n.bad_rows == 1 ? "is" : "are");
    for (const auto& b : n.bad)
      fmt::print(stderr, "  {}\n", b);
    if (n.bad_rows > n.bad.size())
      fmt::print(stderr, "  … and {} more\n", n.bad_rows - n.bad.size());
  }
  if (n.unplaced.no_stamp)
    fmt::print(stderr, "duty: note: {} order{} without the time that places an order in a period (open orders) "
                       "are in no period\n",
               n.unplaced.no_stamp, n.unplaced.no_stamp == 1 ? "" : "s");
  if (n.unplaced.no_subject)
    fmt::print(stderr, "duty: note: {} order{} without a unit (or territory, or category) are in no row\n",
               n.unplaced.no_subject, n.unplaced.no_subject == 1 ? "" : "s");
  if (n.undecided_leads)
    fmt::print(stderr, "duty: note: for {} order{} the lists name no single lead; counted for the final unit\n",
               n.undecided_leads, n.undecided_leads == 1 ? "" : "s");
  if (!n.unresolved.empty()) {
    uint64_t total = 0;
    for (const auto& [name, k] : n.unresolved)
      total += k;
    fmt::print(stderr, "duty: note: {} name{} ({} orders) not found in the lists, shown as written in group 其他:",
               n.unresolved.size(), n.unresolved.size() == 1 ? "" : "s", total);
    size_t shown = 0;
    for (const auto& [name, k] : n.unresolved) {
      if (shown++ == 10) {
        fmt::print(stderr, " …");
        break;
      }
      fmt::print(stderr, " {} ({})", name, k);
    }
    fmt::print(stderr, "\n");
  }
}

} // namespace

int
cmd_rates(int argc, char** argv)
{
  CLI::App app{"The three rates (响应率, 解决率, 满意率), the composite score and the rankings of an assessment "
               "profile, from a case store (--db) or order exports (CSV, TSV, JSON Lines, Excel .xlsx/.xls; '-' "
               "reads standard input).",
               "rates"};
  std::string lists, profile_spec, by = "unit", period, compare, format = "table", lang = "zh", db;
  std::string map_path, encoding, input_format, sheet, out;
  std::vector<std::string> inputs, only;
  add_lists_option(app, lists);
  app.add_option("--profile", profile_spec,
                 "Assessment profile: a profile id of the list set, a built-in (bj-practice, on-time) or a "
                 "file (FILE#ID); default bj-practice");
  app.add_option("--by", by, "Rows per unit (default), territory, matter, or unit,month");
  app.add_option("--period", period, "Period YYYY-MM or YYYY-MM..YYYY-MM (default: every period in the input)");
  app.add_option("--compare", compare, "Add each row's change since this period (YYYY-MM[..YYYY-MM])");
  app.add_option("--unit", only, "Show only this unit (territory, matter); ranks stay the group's (repeatable)")
    ->allow_extra_args(false);
  static constexpr output::Format kFormats[] = {output::Format::text, output::Format::csv, output::Format::json,
                                                output::Format::md, output::Format::xlsx};
  add_format_option(app, format, kFormats,
                    "Output format (table is text; xlsx: a workbook, one sheet per group and period)");
  add_output_option(app, out);
  app.add_option("--lang", lang, "Headers in zh (default) or en");
  app.add_option("--db", db, "A case store (duty ingest), opened read-only");
  app.add_option("--map", map_path, "YAML file mapping the export's headers (duty-map(5))");
  app.add_option("--encoding", encoding, "auto, utf-8, gbk/gb18030 or utf-16le (default: auto)");
  app.add_option("--input-format", input_format,
                 "csv, tsv or jsonl (default: from the extension, else sniffed); workbooks are always recognised "
                 "by their bytes");
  app.add_option("--sheet", sheet,
                 "Workbooks: the sheet to read, by name or number from 1 (default: the first whose header names "
                 "the fields)");
  app.add_option("inputs", inputs, "Order exports ('-' for standard input)");
  app.footer("Exit status: 0 success, 1 bad rows (not counted), an empty period or unknown names, 2 usage "
             "error or unreadable input.\nSee duty-rates(1) and duty-lists(5), PROFILES.");
  if (auto rc = parse(app, argc, argv))
    return *rc;

  rates::ReportSpec spec;
  spec.by = parse_by(by);
  if (!period.empty())
    spec.span = span_option("--period", period);
  if (!compare.empty()) {
    if (spec.by == rates::By::unit_month)
      throw UsageError("--compare needs rows over one period: use --by unit, territory or matter");
    spec.compare = span_option("--compare", compare);
  }
  if (lang != "zh" && lang != "en")
    throw UsageError(fmt::format("--lang: {} is not zh or en", util::quote(lang)));
  auto fmt_ = output::parse_format_for(format, kFormats);
  check_output(fmt_, out);
  if (!db.empty() && !inputs.empty())
    throw UsageError("give --db or order exports, not both");
  if (db.empty() && inputs.empty()) {
    if (::isatty(STDIN_FILENO))
      throw UsageError("no input: give --db STORE, order exports, or pipe an export in");
    inputs.push_back("-");
  }

  std::unique_ptr<resolve::Context> ctx;
  if (!lists.empty() || std::getenv("DUTY_LISTS"))
    ctx = load_lists(lists_dir(lists));
  output::RatesSource src;
  ChosenProfile chosen = load_profile(profile_spec, ctx.get());
  src.profile = chosen.source;
  const lists::Profile* profile = &chosen.profile;
  if (profile->attribution == lists::Attribution::lead && !ctx)
    throw UsageError(fmt::format("the profile {} attributes orders to the lead the lists name: give --lists",
                                 profile->id.value));
  for (const auto* r : {&profile->response, &profile->resolution, &profile->satisfaction})
    if (r->count == lists::RateCount::sign_on_time || r->count == lists::RateCount::contact_on_time
        || r->count == lists::RateCount::close_on_time)
      throw UsageError(fmt::format("the profile {} counts {} from replay's clocks; this duty cannot read replay "
                                   "verdicts yet (duty replay is not built)",
                                   profile->id.value, lists::name_of(r->count)));
  if (ctx)
    src.lists = rates::lists_hash(ctx->set());

  rates::CountOptions co;
  co.profile = profile;
  co.lists = ctx.get();
  co.by = spec.by;
  co.db = db;
  co.inputs = inputs;
  co.reader.sheet = sheet;
  std::optional<cases::MapSpec> map;
  if (!map_path.empty()) {
    map = cases::load_map(map_path);
    co.reader.map = &*map;
    if (encoding.empty())
      encoding = map->encoding;
  }
  if (!encoding.empty()) {
    auto e = cases::parse_encoding(encoding);
    if (!e)
      throw UsageError("unknown encoding " + util::quote(encoding) + " (auto, utf-8, gbk, gb18030, utf-16le)");
    co.reader.encoding = *e;
  }
  if (!input_format.empty()) {
    auto f = cases::parse_format(input_format);
    if (!f)
      throw UsageError("unknown input format " + util::quote(input_format) + " (csv, tsv, jsonl)");
    co.reader.format = *f;
  }
  rates::Counted counted = rates::count_orders(co);
  print_notes(counted);

  // --unit names resolve like the export's names do.
  for (auto& name : only)
    if (ctx) {
      auto units = ctx->names().units(name);
      if (units.size() == 1 && (spec.by == rates::By::unit || spec.by == rates::By::unit_month))
        name = units[0]->id.value;
    }
  spec.only = only;
  rates::Report report = rates::build_report(*profile, counted.totals, spec);
  output::Lang lang_ = lang == "zh" ? output::Lang::zh : output::Lang::en;
  int rc = fmt_ == output::Format::xlsx ? emit_tables(output::rates_tables(report, *profile, src, lang_), fmt_, out)
                                        : emit_text(output::render_rates(report, *profile, src, lang_, fmt_), out);
  if (rc != exit_clean)
    return rc;
  return counted.bad_rows ? exit_findings : exit_clean;
}

} // namespace duty::tools
