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

#include <algorithm>
#include <cstdio>
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

// --as-of: a date (midnight) or a date and time, Beijing time; the stamp's
// form YYYY-MM-DD HH:MM:SS.
std::string
as_of_option(const std::string& value)
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
    app.add_option("--months", m_settings.months, "Periods in the trend charts, ending with --period (default 6)")
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
    app.add_option("--top", m_settings.top, "Rows in the 'most' tables (default 10)")
      ->check(CLI::Range(1, 1000))
      ->type_name("N");
    app.add_option("--cluster-min", m_settings.clusters.min_orders,
                   "未诉先办: at least this many orders about one matter at one place … (default 3)")
      ->check(CLI::Range(2, 1000))
      ->type_name("N");
    app.add_option("--cluster-days", m_settings.clusters.days, "… within this many days (default 7)")
      ->check(CLI::Range(1, 366))
      ->type_name("DAYS");
    app.add_option("--db", m_db, "A case store (duty ingest), opened read-only")->type_name("FILE");
    app.add_option("--map", m_map_path, "YAML file mapping the export's headers (duty-map(5))")->type_name("FILE");
    app.add_option("--encoding", m_encoding, "auto, utf-8, gbk/gb18030 or utf-16le (default: auto)")
      ->type_name("ENCODING:{auto,utf-8,gbk,gb18030,utf-16le}");
    app.add_option("--input-format", m_input_format,
                   "csv, tsv or jsonl (default: from the extension, else sniffed); workbooks are always recognised "
                   "by their bytes")
      ->type_name("FORMAT:{csv,tsv,jsonl}");
    app.add_option("--sheet", m_sheet,
                   "Workbooks: the sheet to read, by name or number from 1 (default: the first whose header names "
                   "the fields)")
      ->type_name("SHEET");
    app.add_option("inputs", m_inputs,
                   "Order exports (CSV, TSV, JSON Lines, Excel .xlsx/.xls; '-' for standard input)")
      ->type_name("FILE");
    app.footer("Exit status: 0 report written, 1 bad input (broken lists, bad rows, an empty period), 2 usage "
               "error or unreadable input.\nSee duty-report(1) and duty-config(5).");
  }

  int run(CLI::App&) override
  {
    m_settings.period = period_option(m_period);
    auto f = output::parse_format_for(m_format, kFormats);
    check_output(f, m_out_path);
    std::string as_of = m_as_of.empty() ? std::string() : as_of_option(m_as_of);
    if (!m_db.empty() && !m_inputs.empty())
      throw UsageError("give --db or order exports, not both");
    if (m_db.empty() && m_inputs.empty()) {
      if (::isatty(STDIN_FILENO))
        throw UsageError("no input: give --db STORE, order exports, or pipe an export in");
      m_inputs.push_back("-");
    }

    std::string dir = lists_dir(m_lists);
    lists::Config config = config_for(dir);
    auto ctx = load_lists(dir);
    ChosenProfile chosen = load_profile(lists::profile_spec(m_profile, config), ctx.get());
    const lists::Profile& profile = chosen.profile;
    util::Date end = month_end(m_settings.period);
    report::Data data;
    data.district = report::district_of(ctx->set());
    data.audit = report::audit_lists(*ctx, end);
    data.stamp.lists = dir;
    data.stamp.lists_hash = rates::lists_hash(ctx->set());
    data.stamp.profile = fmt::format("{} ({})", profile.id.value, chosen.source);
    data.stamp.calendar_years = report::calendar_years(ctx->set());
    data.stamp.as_of = as_of.empty() ? util::Date{end.days + 1}.str() + " 00:00:00" : as_of;
    data.stamp.version = DUTY_VERSION;

    report::RatesRequest req;
    req.count.profile = &profile;
    req.count.lists = ctx.get();
    req.count.db = m_db;
    req.count.inputs = m_inputs;
    std::optional<cases::MapSpec> map;
    if (!m_map_path.empty()) {
      map = cases::load_map(m_map_path);
      req.count.reader.map = &*map;
      if (m_encoding.empty())
        m_encoding = map->encoding;
    }
    if (!m_encoding.empty()) {
      auto e = cases::parse_encoding(m_encoding);
      if (!e)
        throw UsageError("unknown encoding " + util::quote(m_encoding) + " (auto, utf-8, gbk, gb18030, utf-16le)");
      req.count.reader.encoding = *e;
    }
    if (!m_input_format.empty()) {
      auto fmt_ = cases::parse_format(m_input_format);
      if (!fmt_)
        throw UsageError("unknown input format " + util::quote(m_input_format) + " (csv, tsv, jsonl)");
      req.count.reader.format = *fmt_;
    }
    req.count.reader.sheet = m_sheet;
    req.profile_source = chosen.source;
    req.period = m_settings.period;
    req.months = m_settings.months;
    report::RatesResult rates = report::compute_rates(std::move(req));
    print_notes(rates.counted);
    data.rates = std::move(rates.tables);

    output::Document doc = report::build_document(data, m_settings);
    int rc = exit_clean;
    if (f == output::Format::xlsx)
      rc = emit_tables(output::document_tables(doc), f, m_out_path);
    else
      rc = emit_text(f == output::Format::html ? output::render_html(doc) : output::render_markdown(doc), m_out_path);
    if (rc != exit_clean)
      return rc;
    return rates.counted.bad_rows ? exit_findings : exit_clean;
  }

private:
  std::string m_lists, m_period, m_profile, m_format = "html", m_out_path, m_db, m_as_of, m_map_path, m_encoding;
  std::string m_input_format, m_sheet;
  std::vector<std::string> m_inputs;
  report::Settings m_settings;
};

} // namespace

std::unique_ptr<Tool>
make_report()
{
  return std::make_unique<Report>();
}

} // namespace duty::tools
