// duty rates: the three rates (响应率, 解决率, 满意率), the composite score and
// the rankings of an assessment profile, from a case store or raw exports.
#include "book_output.hpp"
#include "case_options.hpp"
#include "cli.hpp"
#include "commands.hpp"

#include "cases/mapfile.hpp"
#include "lists/config.hpp"
#include "lists/profile.hpp"
#include "output/rates_table.hpp"
#include "rates/count.hpp"
#include "rates/provenance.hpp"
#include "rates/report.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <algorithm>
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

// What replaying for the on-time counts could not use.
void
print_clock_notes(const rates::Counted& n)
{
  if (n.replayed) {
    const replay::ReadReport& r = n.replayed->read;
    // Order rows it could not read are listed above (or were read here and have no clock, below).
    if (r.bad_event_rows) {
      fmt::print(stderr, "duty: {} event row{} could not be read and {} missing from the clocks:\n",
                 r.bad_event_rows, r.bad_event_rows == 1 ? "" : "s", r.bad_event_rows == 1 ? "is" : "are");
      for (const auto& b : r.listed_events)
        fmt::print(stderr, "  {}\n", util::terminal_safe(b));
      if (r.bad_event_rows > r.listed_events.size())
        fmt::print(stderr, "  … and {} more\n", r.bad_event_rows - r.listed_events.size());
    }
    if (r.stray_events)
      fmt::print(stderr, "duty: note: {} event{} of orders not in the input are left out\n", r.stray_events,
                 r.stray_events == 1 ? "" : "s");
  }
  if (n.unclocked)
    fmt::print(stderr, "duty: note: {} order{} counted have no clock from replay (a row it could not read); no "
                       "on-time clock is decided for {}\n",
               n.unclocked, n.unclocked == 1 ? "" : "s", n.unclocked == 1 ? "it" : "them");
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
  print_clock_notes(n);
}

constexpr output::Format kFormats[] = {output::Format::text, output::Format::csv, output::Format::json,
                                       output::Format::md, output::Format::xlsx};

class Rates final : public Tool
{
public:
  void define(CLI::App& app) override
  {
    app.description("The three rates (响应率, 解决率, 满意率), the composite score and the rankings of an "
                    "assessment profile, from a case store (--db) or order exports (CSV, TSV, JSON Lines, Excel "
                    ".xlsx/.xls; '-' reads standard input).");
    add_lists_option(app, m_lists);
    app.add_option("--profile", m_profile,
                   "Assessment profile: a profile id of the list set, a built-in (bj-practice, on-time) or a "
                   "file (FILE#ID); default: the config's profile, else bj-practice")
      ->type_name("PROFILE");
    app.add_option("--by", m_by, "Rows per unit (default), territory, matter, or unit,month")->type_name("GROUPING");
    app.add_option("--period", m_period, "Period YYYY-MM or YYYY-MM..YYYY-MM (default: every period in the input)")
      ->type_name("PERIOD");
    app.add_option("--compare", m_compare, "Add each row's change since this period (YYYY-MM[..YYYY-MM])")
      ->type_name("PERIOD");
    app.add_option("--unit", m_only, "Show only this unit (territory, matter); ranks stay the group's (repeatable)")
      ->allow_extra_args(false)
      ->type_name("UNIT");
    add_format_option(app, m_format, kFormats,
                      "Output format (table is text; xlsx: a workbook, one sheet per group and period)");
    add_output_option(app, m_out);
    app.add_option("--lang", m_lang, "Headers in zh (default) or en")->type_name("LANG:{zh,en}");
    app.add_option("--db", m_db, "A case store (duty ingest), opened read-only")->type_name("FILE");
    app.add_option("--events", m_events,
                   "Event logs (派单, 签收, 联系, 办结 …) of the orders, for a profile that counts from replay's "
                   "clocks (on-time); the files after it up to the next option")
      ->type_name("FILE");
    app.add_option("--as-of", m_as_of,
                   "With such a profile: the time clocks are judged at (YYYY-MM-DD [HH:MM[:SS]], Beijing time; "
                   "default: now)")
      ->type_name("TIME");
    m_reading.add_to(app, "YAML file mapping the export's headers (duty-map(5))");
    app.add_option("--events-map", m_events_map_path, "YAML file mapping the event logs' headers (duty-map(5))")
      ->type_name("FILE");
    app.add_option("inputs", m_inputs, "Order exports ('-' for standard input)")->type_name("FILE");
    app.footer("Exit status: 0 success, 1 bad rows (not counted), an empty period or unknown names, 2 usage "
               "error or unreadable input.\nSee duty-rates(1), duty-config(5) and duty-lists(5), PROFILES.");
  }

  int run(CLI::App&) override
  {
    rates::ReportSpec spec = report_spec();
    auto format = output::parse_format_for(m_format, kFormats);
    check_output(format, m_out);
    if (!m_db.empty() && !m_inputs.empty())
      throw UsageError("give --db or order exports, not both");
    if (m_db.empty() && m_inputs.empty()) {
      if (::isatty(STDIN_FILENO))
        throw UsageError("no input: give --db STORE, order exports, or pipe an export in");
      m_inputs.push_back("-");
    }
    if (!m_db.empty() && (!m_events.empty() || !m_events_map_path.empty()))
      throw UsageError("--events reads event files; a store's events are read with its orders");
    if (std::count(m_inputs.begin(), m_inputs.end(), "-") + std::count(m_events.begin(), m_events.end(), "-") > 1)
      throw UsageError("standard input ('-') can be read only once");
    util::Timestamp as_of_time = as_of_option(m_as_of, util::now_beijing());

    std::unique_ptr<resolve::Context> ctx;
    bool have_lists = !m_lists.empty() || std::getenv("DUTY_LISTS");
    // The config's default profile is the list set's: read only with a list set.
    lists::Config config;
    if (have_lists) {
      config = config_for(lists_dir(m_lists));
      ctx = load_lists(lists_dir(m_lists));
    }
    output::RatesSource src;
    ChosenProfile chosen = load_profile(m_profile, config, ctx.get());
    src.profile = chosen.source;
    const lists::Profile* profile = &chosen.profile;
    check_profile(*profile, ctx != nullptr);
    if (ctx)
      src.lists = rates::lists_hash(ctx->set());

    rates::CountOptions co;
    co.profile = profile;
    co.lists = ctx.get();
    co.by = spec.by;
    co.db = m_db;
    co.inputs = m_inputs;
    std::optional<cases::MapSpec> map, events_map;
    m_reading.apply(map, co.reader);
    ReadingOptions::apply_events(m_events_map_path, events_map, co.reader, co.events_reader);
    co.events = m_events;
    co.as_of = as_of_time;
    if (rates::uses_clocks(*profile))
      src.as_of = as_of_time.str();
    rates::Counted counted = rates::count_orders(co);
    print_notes(counted);

    // --unit names resolve like the export's names do.
    for (auto& name : m_only)
      if (ctx) {
        auto units = ctx->names().units(name);
        if (units.size() == 1 && (spec.by == rates::By::unit || spec.by == rates::By::unit_month))
          name = units[0]->id.value;
      }
    spec.only = m_only;
    rates::Report report = rates::build_report(*profile, counted.totals, spec);
    output::Lang lang = m_lang == "zh" ? output::Lang::zh : output::Lang::en;
    int rc = format == output::Format::xlsx
               ? emit_tables(output::rates_tables(report, *profile, src, lang), format, m_out)
               : emit_text(output::render_rates(report, *profile, src, lang, format), m_out);
    if (rc != exit_clean)
      return rc;
    bool unread = counted.bad_rows || (counted.replayed && counted.replayed->read.bad_event_rows);
    return unread ? exit_findings : exit_clean;
  }

private:
  rates::ReportSpec report_spec() const
  {
    rates::ReportSpec spec;
    spec.by = parse_by(m_by);
    if (!m_period.empty())
      spec.span = span_option("--period", m_period);
    if (!m_compare.empty()) {
      if (spec.by == rates::By::unit_month)
        throw UsageError("--compare needs rows over one period: use --by unit, territory or matter");
      spec.compare = span_option("--compare", m_compare);
    }
    if (m_lang != "zh" && m_lang != "en")
      throw UsageError(fmt::format("--lang: {} is not zh or en", util::quote(m_lang)));
    return spec;
  }

  void check_profile(const lists::Profile& profile, bool have_lists) const
  {
    if (profile.attribution == lists::Attribution::lead && !have_lists)
      throw UsageError(fmt::format("the profile {} attributes orders to the lead the lists name: give --lists",
                                   profile.id.value));
    bool clocks = rates::uses_clocks(profile);
    if (!clocks && (!m_events.empty() || !m_events_map_path.empty() || !m_as_of.empty()))
      throw UsageError(fmt::format("--events, --events-map and --as-of are for a profile that counts from replay's "
                                   "clocks (such as on-time); {} counts none",
                                   profile.id.value));
    if (clocks && !have_lists)
      throw UsageError(fmt::format("the profile {} counts from replay's clocks, whose limits come from the lists: "
                                   "give --lists",
                                   profile.id.value));
  }


  std::string m_lists, m_profile, m_by = "unit", m_period, m_compare, m_format = "text", m_lang = "zh", m_db;
  ReadingOptions m_reading;
  std::string m_events_map_path, m_out, m_as_of;
  std::vector<std::string> m_inputs, m_events, m_only;
};

} // namespace

std::unique_ptr<Tool>
make_rates()
{
  return std::make_unique<Rates>();
}

} // namespace duty::tools
