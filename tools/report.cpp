// duty report: the monthly assessment report as one HTML file (or Markdown).
#include "book_output.hpp"
#include "cli.hpp"
#include "commands.hpp"

#include "lists/profile.hpp"
#include "output/document.hpp"
#include "output/xlsx.hpp"
#include "cases/mapfile.hpp"
#include "rates/provenance.hpp"
#include "report/build.hpp"
#include "report/rates_data.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <fmt/format.h>
#include <unistd.h>

namespace duty::tools {

namespace {

// The period: YYYY-MM with a real month.
std::string
period_option(const std::string& value)
{
  int y = 0, m = 0;
  char rest = 0;
  if (value.size() != 7 || std::sscanf(value.c_str(), "%4d-%2d%c", &y, &m, &rest) != 2 || y < 1900 || m < 1 ||
      m > 12)
    throw UsageError(fmt::format("--period: {} is not a month (YYYY-MM)", util::quote(value)));
  return value;
}

// The last day of the month YYYY-MM: the lists are audited as in force then.
util::Date
month_end(const std::string& period)
{
  int y = std::stoi(period.substr(0, 4)), m = std::stoi(period.substr(5, 2));
  util::Date next = m == 12 ? util::Date::from_ymd(y + 1, 1, 1) : util::Date::from_ymd(y, m + 1, 1);
  return util::Date{next.days - 1};
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
    fmt::print(stderr, "duty: note: {} order{} without the time that places an order in a period are in no period\n",
               n.unplaced.no_stamp, n.unplaced.no_stamp == 1 ? "" : "s");
  if (n.unplaced.no_subject)
    fmt::print(stderr, "duty: note: {} order{} without a unit are in no row\n", n.unplaced.no_subject,
               n.unplaced.no_subject == 1 ? "" : "s");
  if (!n.unresolved.empty())
    fmt::print(stderr, "duty: note: {} name{} not found in the lists are ranked in group 其他 (see duty rates)\n",
               n.unresolved.size(), n.unresolved.size() == 1 ? "" : "s");
}

} // namespace

int
cmd_report(int argc, char** argv)
{
  CLI::App app{"The monthly assessment report: headline figures, the rankings of streets and "
               "departments, charts of the three rates and their trend, late and returned orders, "
               "未诉先办 clusters, whistles, and the audit of the lists — as one self-contained HTML file "
               "(inline CSS and SVG, prints on A4), as Markdown, or as an Excel workbook of its tables.",
               "report"};
  std::string lists, period, profile_spec, format = "html", out_path, db, as_of, map_path, encoding, input_format;
  std::string sheet;
  std::vector<std::string> inputs;
  report::Settings settings;
  add_lists_option(app, lists);
  app.add_option("--period", period, "The month reported on, YYYY-MM")->required();
  app.add_option("--months", settings.months, "Periods in the trend charts, ending with --period (default 6)")
    ->check(CLI::Range(1, 36));
  app.add_option("--profile", profile_spec,
                 "Assessment profile: a profile id of the list set, a built-in (bj-practice, on-time) or a "
                 "file (FILE#ID); default bj-practice");
  static constexpr output::Format kFormats[] = {output::Format::html, output::Format::md, output::Format::xlsx};
  add_format_option(app, format, kFormats,
                    "Output format (html, md; xlsx: a workbook, one sheet per table of the report)");
  app.add_option("-o,--output", out_path,
                 "Write the report to FILE instead of standard output (a workbook is never written to a terminal)");
  app.add_option("--as-of", as_of, "Judge open orders as of this time (default: the end of the period)");
  app.add_option("--top", settings.top, "Rows in the 'most' tables (default 10)")->check(CLI::Range(1, 1000));
  app.add_option("--cluster-min", settings.clusters.min_orders,
                 "未诉先办: at least this many orders about one matter at one place … (default 3)")
    ->check(CLI::Range(2, 1000));
  app.add_option("--cluster-days", settings.clusters.days, "… within this many days (default 7)")
    ->check(CLI::Range(1, 366));
  app.add_option("--db", db, "A case store (duty ingest), opened read-only");
  app.add_option("--map", map_path, "YAML file mapping the export's headers (duty-map(5))");
  app.add_option("--encoding", encoding, "auto, utf-8, gbk/gb18030 or utf-16le (default: auto)");
  app.add_option("--input-format", input_format,
                 "csv, tsv or jsonl (default: from the extension, else sniffed); workbooks are always recognised "
                 "by their bytes");
  app.add_option("--sheet", sheet,
                 "Workbooks: the sheet to read, by name or number from 1 (default: the first whose header names "
                 "the fields)");
  app.add_option("inputs", inputs, "Order exports (CSV, TSV, JSON Lines, Excel .xlsx/.xls; '-' for standard input)");
  app.footer("Exit status: 0 report written, 1 bad input (broken lists, bad rows, an empty period), 2 usage "
             "error or unreadable input.\nSee duty-report(1).");
  if (auto rc = parse(app, argc, argv))
    return *rc;
  settings.period = period_option(period);
  auto f = output::parse_format_for(format, kFormats);
  check_output(f, out_path);
  if (!db.empty() && !inputs.empty())
    throw UsageError("give --db or order exports, not both");
  if (db.empty() && inputs.empty()) {
    if (::isatty(STDIN_FILENO))
      throw UsageError("no input: give --db STORE, order exports, or pipe an export in");
    inputs.push_back("-");
  }

  auto ctx = load_lists(lists_dir(lists));
  lists::ProfileChoice choice = lists::choose_profile(profile_spec, &ctx->set());
  if (!choice.profile) {
    // A broken profile file is reported like a broken list file.
    lists::ListSet files;
    files.files = std::move(choice.files);
    int rc = report(choice.diags, files, "report", "text", "never", choice.unreadable);
    return rc == exit_clean ? exit_findings : rc;
  }
  const lists::Profile& profile = *choice.profile;
  report::Data data;
  data.district = report::district_of(ctx->set());
  data.audit = report::audit_lists(*ctx, month_end(settings.period));
  data.stamp.lists = lists_dir(lists);
  data.stamp.lists_hash = rates::lists_hash(ctx->set());
  data.stamp.profile = fmt::format("{} ({})", profile.id.value, choice.source);
  data.stamp.calendar_years = report::calendar_years(ctx->set());
  data.stamp.as_of = as_of.empty() ? util::Date{month_end(settings.period).days + 1}.str() + " 00:00:00" : as_of;
  data.stamp.version = DUTY_VERSION;

  report::RatesRequest req;
  req.count.profile = &profile;
  req.count.lists = ctx.get();
  req.count.db = db;
  req.count.inputs = inputs;
  std::optional<cases::MapSpec> map;
  if (!map_path.empty()) {
    map = cases::load_map(map_path);
    req.count.reader.map = &*map;
    if (encoding.empty())
      encoding = map->encoding;
  }
  if (!encoding.empty()) {
    auto e = cases::parse_encoding(encoding);
    if (!e)
      throw UsageError("unknown encoding " + util::quote(encoding) + " (auto, utf-8, gbk, gb18030, utf-16le)");
    req.count.reader.encoding = *e;
  }
  if (!input_format.empty()) {
    auto fmt_ = cases::parse_format(input_format);
    if (!fmt_)
      throw UsageError("unknown input format " + util::quote(input_format) + " (csv, tsv, jsonl)");
    req.count.reader.format = *fmt_;
  }
  req.count.reader.sheet = sheet;
  req.profile_source = choice.source;
  req.period = settings.period;
  req.months = settings.months;
  report::RatesResult rates = report::compute_rates(std::move(req));
  print_notes(rates.counted);
  data.rates = std::move(rates.tables);

  output::Document doc = report::build_document(data, settings);
  int rc = exit_clean;
  if (f == output::Format::xlsx)
    rc = emit_tables(output::document_tables(doc), f, out_path);
  else
    rc = emit_text(f == output::Format::html ? output::render_html(doc) : output::render_markdown(doc), out_path);
  if (rc != exit_clean)
    return rc;
  return rates.counted.bad_rows ? exit_findings : exit_clean;
}

} // namespace duty::tools
