// duty report: the monthly assessment report as one HTML file (or Markdown).
#include "cli.hpp"
#include "commands.hpp"

#include "lists/profile.hpp"
#include "output/document.hpp"
#include "report/build.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/text.hpp"

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

// The last day of the month YYYY-MM: the lists are audited as in force then.
util::Date
month_end(const std::string& period)
{
  int y = std::stoi(period.substr(0, 4)), m = std::stoi(period.substr(5, 2));
  util::Date next = m == 12 ? util::Date::from_ymd(y + 1, 1, 1) : util::Date::from_ymd(y, m + 1, 1);
  return util::Date{next.days - 1};
}

} // namespace

int
cmd_report(int argc, char** argv)
{
  CLI::App app{"The monthly assessment report: headline figures, the rankings of streets and "
               "departments, charts of the three rates and their trend, late and returned orders, "
               "未诉先办 clusters, whistles, and the audit of the lists — as one self-contained HTML file "
               "(inline CSS and SVG, prints on A4) or as Markdown.",
               "report"};
  std::string lists, period, profile_spec, format = "html", out_path, db, as_of;
  std::vector<std::string> inputs;
  report::Settings settings;
  add_lists_option(app, lists);
  app.add_option("--period", period, "The month reported on, YYYY-MM")->required();
  app.add_option("--months", settings.months, "Periods in the trend charts, ending with --period (default 6)")
    ->check(CLI::Range(1, 36));
  app.add_option("--profile", profile_spec,
                 "Assessment profile: a profile id of the list set, a built-in (bj-practice, on-time) or a "
                 "file (FILE#ID); default bj-practice");
  static constexpr output::Format kFormats[] = {output::Format::html, output::Format::md};
  add_format_option(app, format, kFormats);
  app.add_option("-o,--output", out_path, "Write the report to FILE (atomically) instead of standard output");
  app.add_option("--as-of", as_of, "Judge open orders as of this time (default: the end of the period)");
  app.add_option("--top", settings.top, "Rows in the 'most' tables (default 10)")->check(CLI::Range(1, 1000));
  app.add_option("--cluster-min", settings.clusters.min_orders,
                 "未诉先办: at least this many orders about one matter at one place … (default 3)")
    ->check(CLI::Range(2, 1000));
  app.add_option("--cluster-days", settings.clusters.days, "… within this many days (default 7)")
    ->check(CLI::Range(1, 366));
  app.add_option("--db", db, "A case store (duty ingest), opened read-only");
  app.add_option("inputs", inputs, "Order exports (CSV, TSV, JSON Lines)");
  app.footer("Exit status: 0 report written, 1 bad input (broken lists, bad rows, an empty period), 2 usage "
             "error or unreadable input.\nSee duty-report(1).");
  if (auto rc = parse(app, argc, argv))
    return *rc;
  settings.period = period_option(period);
  auto f = output::parse_format_for(format, kFormats);
  if (!db.empty() && !inputs.empty())
    throw UsageError("give --db or order exports, not both");

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
  data.stamp.lists_hash = report::lists_hash(ctx->set());
  data.stamp.profile = fmt::format("{} ({})", profile.id.value, choice.source);
  data.stamp.calendar_years = report::calendar_years(ctx->set());
  data.stamp.as_of = as_of.empty() ? util::Date{month_end(settings.period).days + 1}.str() + " 00:00:00" : as_of;
  data.stamp.version = DUTY_VERSION;
  output::Document doc = report::build_document(data, settings);
  std::string text = f == output::Format::html ? output::render_html(doc) : output::render_markdown(doc);
  if (!out_path.empty()) {
    util::write_file_atomic(out_path, text);
    return exit_clean;
  }
  return write_stdout(text) ? exit_clean : exit_usage;
}

} // namespace duty::tools
