// duty report: the monthly assessment report as one HTML file (or Markdown).
#include "book_output.hpp"
#include "case_options.hpp"
#include "cli.hpp"
#include "commands.hpp"

#include "output/xlsx.hpp"
#include "cases/mapfile.hpp"
#include "output/document.hpp"
#include "report/make.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

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

// The first second after the month: the default as-of time.
util::Timestamp
after_month(const std::string& period)
{
  int y = std::stoi(period.substr(0, 4)), m = std::stoi(period.substr(5, 2));
  return util::Timestamp::at(m == 12 ? util::Date::from_ymd(y + 1, 1, 1) : util::Date::from_ymd(y, m + 1, 1));
}

// What the counting and the replay could not use, on standard error; never a personal value.
void
print_notes(const report::Made& made, const std::string& period)
{
  const rates::Counted& n = made.counted;
  for (const auto& note : n.notes)
    fmt::print(stderr, "duty: note: {}\n", note);
  if (n.bad_rows) {
    fmt::print(stderr, "duty: {} row{} could not be read and {} not counted:\n", n.bad_rows,
               n.bad_rows == 1 ? "" : "s", n.bad_rows == 1 ? "is" : "are");
    for (const auto& b : n.bad)
      fmt::print(stderr, "  {}\n", util::terminal_safe(b));
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
  const report::ReplayResult& r = made.replayed;
  // Order rows replay could not read are those listed above; event rows are its own.
  if (r.read.bad_event_rows) {
    fmt::print(stderr, "duty: {} event row{} could not be read and {} left out:\n", r.read.bad_event_rows,
               r.read.bad_event_rows == 1 ? "" : "s", r.read.bad_event_rows == 1 ? "is" : "are");
    for (const auto& b : r.read.listed_events)
      fmt::print(stderr, "  {}\n", util::terminal_safe(b));
    if (r.read.bad_event_rows > r.read.listed_events.size())
      fmt::print(stderr, "  … and {} more\n", r.read.bad_event_rows - r.read.listed_events.size());
  }
  if (r.read.stray_events)
    fmt::print(stderr, "duty: note: {} event{} of orders not in the input are left out\n", r.read.stray_events,
               r.read.stray_events == 1 ? "" : "s");
  fmt::print(stderr, "duty: note: replayed {} order{}, {} received in {}\n", r.judged, r.judged == 1 ? "" : "s",
             r.in_period, period);
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
  std::string lists, period, profile_spec, format = "html", out_path, as_of, map_path, events_map_path, encoding,
    input_format, sheet;
  report::Request req;
  add_lists_option(app, lists);
  app.add_option("--period", period, "The month reported on, YYYY-MM")->required();
  app.add_option("--months", req.settings.months, "Months in the trend charts, ending with --period (default 6)")
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
  app.add_option("--top", req.settings.top, "Rows in the 'most' tables (default 10)")->check(CLI::Range(1, 1000));
  app.add_option("--cluster-min", req.settings.clusters.min_orders,
                 "未诉先办: at least this many orders about one matter at one place … (default 3)")
    ->check(CLI::Range(2, 1000));
  app.add_option("--cluster-days", req.settings.clusters.days, "… within this many days (default 7)")
    ->check(CLI::Range(1, 366));
  app.add_option("--db", req.db, "A case store (duty ingest), opened read-only");
  app.add_option("--events", req.events, "Event logs (派单, 签收, 退单, 吹哨, 报到 …) of the orders; the files "
                                         "after it up to the next option");
  app.add_option("--map", map_path, "YAML file mapping the order exports' headers (duty-map(5))");
  app.add_option("--events-map", events_map_path, "YAML file mapping the event logs' headers (duty-map(5))");
  app.add_option("--encoding", encoding, "auto, utf-8, gbk/gb18030 or utf-16le (default: auto)");
  app.add_option("--input-format", input_format,
                 "csv, tsv or jsonl (default: from the extension, else sniffed); workbooks are always recognised "
                 "by their bytes");
  app.add_option("--sheet", sheet,
                 "Workbooks: the sheet to read, by name or number from 1 (default: the first whose header names "
                 "the fields)");
  app.add_option("inputs", req.inputs, "Order exports (CSV, TSV, JSON Lines, Excel .xlsx/.xls)");
  app.footer("Exit status: 0 report written, 1 report written but some rows unreadable, or broken lists, or "
             "an empty period (no report), 2 usage error or unreadable input.\nSee duty-report(1).");
  if (auto rc = parse(app, argc, argv))
    return *rc;
  req.settings.period = period_option(period);
  auto f = output::parse_format_for(format, kFormats);
  check_output(f, out_path);
  if (req.db.empty() == req.inputs.empty())
    throw UsageError(req.db.empty() ? "give order exports (INPUT...) or a case store (--db STORE)"
                                    : "give either order exports or --db STORE, not both");
  if (!req.db.empty() && !req.events.empty())
    throw UsageError("--events reads event files; a store's events are read with its orders");
  for (const auto* files : {&req.inputs, &req.events})
    if (std::find(files->begin(), files->end(), "-") != files->end())
      throw UsageError("the report reads its inputs twice (rates, then replay): give files, not '-'");
  req.as_of = as_of_option(as_of, after_month(req.settings.period));
  if (!req.db.empty() && !events_map_path.empty())
    throw UsageError("--events-map maps event files; a store's events are read with its orders");
  std::optional<cases::MapSpec> map, events_map;
  apply_reading(map_path, encoding, input_format, sheet, map, req.reader);
  // The event logs: the orders' encoding and format, their own map.
  req.events_reader.encoding = req.reader.encoding;
  req.events_reader.format = req.reader.format;
  if (!events_map_path.empty()) {
    events_map = cases::load_map(events_map_path);
    req.events_reader.map = &*events_map;
  }

  auto ctx = load_lists(lists_dir(lists));
  ChosenProfile profile = load_profile(profile_spec, ctx.get());
  req.lists = ctx.get();
  req.lists_path = lists_dir(lists);
  req.profile = &profile.profile;
  req.profile_source = profile.source;
  report::Made made = report::make_report(req);
  print_notes(made, req.settings.period);
  int rc = f == output::Format::xlsx
             ? emit_tables(output::document_tables(made.doc), f, out_path)
             : emit_text(f == output::Format::html ? output::render_html(made.doc) : output::render_markdown(made.doc),
                         out_path);
  if (rc != exit_clean)
    return rc;
  return made.counted.bad_rows || made.replayed.read.bad_rows ? exit_findings : exit_clean;
}

} // namespace duty::tools
