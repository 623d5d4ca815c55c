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
#include <cstdio>
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

// --as-of: a date (midnight) or a date and time, Beijing time; the stamp's
// form YYYY-MM-DD HH:MM:SS.
std::string
checked_as_of(const std::string& value)
{
  std::string_view v = value;
  std::string_view day = v.substr(0, std::min<size_t>(v.size(), 10));
  if (auto problem = util::date_problem(day); !problem.empty())
    throw UsageError(fmt::format("--as-of: {} is not a date or time: {}", util::quote(value), problem));
  std::string_view rest = v.substr(day.size());
  if (rest.empty())
    return std::string(day) + " 00:00:00";
  int h = -1, m = -1, sec = 0;
  char tail = 0;
  std::string r(rest.substr(1));
  bool sep = rest[0] == ' ' || rest[0] == 'T';
  int n = std::sscanf(r.c_str(), "%2d:%2d:%2d%c", &h, &m, &sec, &tail);
  bool shape = sep && (r.size() == 5 || r.size() == 8) && (n == 2 || n == 3);
  if (!shape || h > 23 || m > 59 || sec > 59 || h < 0 || m < 0 || sec < 0)
    throw UsageError(fmt::format("--as-of: {} is not a date or time (YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS], "
                                 "Beijing time)",
                                 util::quote(value)));
  return fmt::format("{} {:02}:{:02}:{:02}", day, h, m, sec);
}

constexpr output::Format kFormats[] = {output::Format::html, output::Format::md, output::Format::xlsx};

class Report final : public Tool
{
public:
  void define(CLI::App& app) override
  {
    app.description("The monthly assessment report: headline figures, the rankings of streets and "
                    "departments, charts of the three rates and their trend, late and returned orders, "
                    "未诉先办 clusters, whistles, and the audit of the lists — as one self-contained HTML file "
                    "(inline CSS and SVG, prints on A4), as Markdown, or as an Excel workbook of its tables.");
    add_lists_option(app, m_lists);
    app.add_option("--period", m_period, "The month reported on, YYYY-MM")->required()->type_name("PERIOD");
    app.add_option("--months", m_req.settings.months, "Months in the trend charts, ending with --period (default 6)")
      ->check(CLI::Range(1, 36))
      ->type_name("N");
    app.add_option("--profile", m_profile,
                   "Assessment profile: a profile id of the list set, a built-in (bj-practice, on-time) or a "
                   "file (FILE#ID); default: the config's profile, else bj-practice")
      ->type_name("PROFILE");
    add_format_option(app, m_format, kFormats,
                      "Output format (html, md; xlsx: a workbook, one sheet per table of the report)");
    app.add_option("-o,--output", m_out_path,
                   "Write the report to FILE (atomically) instead of standard output (a workbook is never "
                   "written to a terminal)")
      ->type_name("FILE");
    app.add_option("--as-of", m_as_of,
                   "Judge open orders as of this time, YYYY-MM-DD[ HH:MM[:SS]] (default: the end of the period)")
      ->type_name("TIME");
    app.add_option("--top", m_req.settings.top, "Rows in the 'most' tables (default 10)")
      ->check(CLI::Range(1, 1000))
      ->type_name("N");
    app.add_option("--cluster-min", m_req.settings.clusters.min_orders,
                   "未诉先办: at least this many orders about one matter at one place … (default 3)")
      ->check(CLI::Range(2, 1000))
      ->type_name("N");
    app.add_option("--cluster-days", m_req.settings.clusters.days, "… within this many days (default 7)")
      ->check(CLI::Range(1, 366))
      ->type_name("DAYS");
    app.add_option("--db", m_req.db, "A case store (duty ingest), opened read-only")->type_name("FILE");
    app.add_option("--events", m_req.events,
                   "Event logs (派单, 签收, 退单, 吹哨, 报到 …) of the orders; the files after it up to the next option")
      ->type_name("FILE");
    m_reading.add_to(app, "YAML file mapping the order exports' headers (duty-map(5))");
    app.add_option("--events-map", m_events_map_path, "YAML file mapping the event logs' headers (duty-map(5))")
      ->type_name("FILE");
    app.add_option("inputs", m_req.inputs, "Order exports (CSV, TSV, JSON Lines, Excel .xlsx/.xls)")
      ->type_name("FILE");
    app.footer("Exit status: 0 report written, 1 report written but some rows unreadable, or broken lists, or "
               "an empty period (no report), 2 usage error or unreadable input.\n"
               "See duty-report(1) and duty-config(5).");
  }

  int run(CLI::App&) override
  {
    report::Request& req = m_req;
    req.settings.period = period_option(m_period);
    auto f = output::parse_format_for(m_format, kFormats);
    check_output(f, m_out_path);
    if (req.db.empty() == req.inputs.empty())
      throw UsageError(req.db.empty() ? "give order exports (INPUT...) or a case store (--db STORE)"
                                      : "give either order exports or --db STORE, not both");
    if (!req.db.empty() && !req.events.empty())
      throw UsageError("--events reads event files; a store's events are read with its orders");
    for (const auto* files : {&req.inputs, &req.events})
      if (std::find(files->begin(), files->end(), "-") != files->end())
        throw UsageError("the report reads its inputs twice (rates, then replay): give files, not '-'");
    req.as_of = as_of_option(m_as_of.empty() ? std::string() : checked_as_of(m_as_of),
                             after_month(req.settings.period));
    if (!req.db.empty() && !m_events_map_path.empty())
      throw UsageError("--events-map maps event files; a store's events are read with its orders");
    std::optional<cases::MapSpec> map, events_map;
    m_reading.apply(map, req.reader);
    ReadingOptions::apply_events(m_events_map_path, events_map, req.reader, req.events_reader);

    std::string dir = lists_dir(m_lists);
    lists::Config config = config_for(dir);
    auto ctx = load_lists(dir);
    ChosenProfile profile = load_profile(m_profile, config, ctx.get());
    req.lists = ctx.get();
    req.lists_path = dir;
    req.profile = &profile.profile;
    req.profile_source = profile.source;
    report::Made made = report::make_report(req);
    print_notes(made, req.settings.period);
    int rc = f == output::Format::xlsx
               ? emit_tables(output::document_tables(made.doc), f, m_out_path)
               : emit_text(f == output::Format::html ? output::render_html(made.doc)
                                                     : output::render_markdown(made.doc),
                           m_out_path);
    if (rc != exit_clean)
      return rc;
    return made.counted.bad_rows || made.replayed.read.bad_rows ? exit_findings : exit_clean;
  }

private:
  std::string m_lists, m_period, m_profile, m_format = "html", m_out_path, m_as_of, m_events_map_path;
  ReadingOptions m_reading;
  report::Request m_req;
};

} // namespace

std::unique_ptr<Tool>
make_report()
{
  return std::make_unique<Report>();
}

} // namespace duty::tools
