// duty replay: judge every work order and whistle of a case log against the lists.
#include "book_output.hpp"
#include "case_options.hpp"
#include "cli.hpp"
#include "commands.hpp"

#include "lists/calendar.hpp"
#include "output/replay.hpp"
#include "replay/run.hpp"
#include "replay/save.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <optional>

namespace duty::tools {

namespace {

constexpr output::Format kFormats[] = {output::Format::jsonl, output::Format::csv, output::Format::text,
                                       output::Format::json, output::Format::md, output::Format::xlsx};

struct Args
{
  std::string lists, db, profile, as_of, format, out, memory = "256M";
  std::vector<std::string> inputs, events;
  bool summary = false, save = false, format_given = false;
  CaseOptions cases;        // the orders' reading options
  CaseOptions event_cases;  // the events': their own map, the orders' encoding and format
};

// "256M", "1G", "512k", "1048576" → bytes.
size_t
parse_size(const std::string& s)
{
  size_t i = 0;
  uint64_t n = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && n < (uint64_t(1) << 50))
    n = n * 10 + uint64_t(s[i++] - '0');
  std::string unit = s.substr(i);
  uint64_t mul = unit.empty() || unit == "B"                   ? 1
                 : unit == "k" || unit == "K" || unit == "KiB" ? 1024
                 : unit == "M" || unit == "m" || unit == "MiB" ? 1024 * 1024
                 : unit == "G" || unit == "g" || unit == "GiB" ? uint64_t(1024) * 1024 * 1024
                                                               : 0;
  if (i == 0 || mul == 0 || n * mul < (8u << 20))
    throw UsageError("--memory " + util::quote(s) + ": expected a size of at least 8M, such as 256M or 1G");
  return size_t(n * mul);
}

// Checks the combination of options; returns the output format.
output::Format
check(const Args& a)
{
  if (a.db.empty() == a.inputs.empty())
    throw UsageError(a.db.empty() ? "give order exports (INPUT...) or a case store (--db STORE)"
                                  : "give either order exports or --db STORE, not both");
  if (!a.db.empty() && !a.events.empty())
    throw UsageError("--events reads event files; a store's events are read with its orders");
  if (a.save && a.db.empty())
    throw UsageError("--save writes into the store the orders came from: give --db STORE");
  if (std::count(a.inputs.begin(), a.inputs.end(), "-") + std::count(a.events.begin(), a.events.end(), "-") >
      1)
    throw UsageError("standard input ('-') can be read only once");
  std::string name = !a.format.empty() ? a.format : a.summary ? "table" : "jsonl";
  output::Format f = output::parse_format_for(name, kFormats);
  if ((f == output::Format::json || f == output::Format::md || f == output::Format::xlsx) && !a.summary)
    throw UsageError("--format " + name + " is for --summary; the verdicts are JSON Lines, CSV or a table");
  check_output(f, a.out);
  if (f == output::Format::jsonl && a.summary)
    throw UsageError("--summary prints a table: --format table, csv, md or json");
  return f;
}

std::unique_ptr<replay::CaseSource>
open_source(Args& a, const resolve::Context& lists)
{
  if (!a.db.empty())
    return replay::open_store(a.db);
  replay::FileInputs in;
  store::IngestOptions io;
  a.cases.resolve(io);
  in.orders_reader = io.reader;
  // The events are read as the orders (encoding, format), through their own map.
  a.event_cases.reading.encoding = a.cases.reading.encoding;
  a.event_cases.reading.input_format = a.cases.reading.input_format;
  store::IngestOptions eo;
  a.event_cases.resolve(eo);
  in.events_reader = eo.reader;
  in.orders_reader.pii = in.events_reader.pii = nullptr; // replay never reads personal columns
  in.orders = a.inputs;
  in.events = a.events;
  in.memory = parse_size(a.memory);
  in.lists = &lists.set();
  in.names = &lists.names();
  return replay::open_files(in);
}

// Where the verdicts go: standard output (JSON Lines, CSV in pieces, or a
// table at the end) and the store (--save).
class Sinks
{
public:
  // `out`: a file written under a temporary name and renamed by commit(), or
  // empty (or "-") for standard output.
  Sinks(output::Format f, bool print, store::VerdictWriter* saver, const std::string& out)
    : m_f(f), m_print(print), m_saver(saver)
  {
    m_rows = output::verdicts_table(f);
    if (!out.empty() && out != "-")
      m_file = util::PendingFile(out);
  }
  bool
  renders() const
  {
    return m_saver || (m_print && m_f == output::Format::jsonl);
  }

  static void
  render(const replay::Judgement& j, std::string& text)
  {
    // The order's line, then one line per whistle: the records of the output and of the store.
    output::append_order_json(text, j.order);
    text += '\n';
    for (const auto& w : j.whistles) {
      output::append_whistle_json(text, w);
      text += '\n';
    }
  }

  void
  emit(const replay::Judgement& j, const std::string& text)
  {
    if (m_print && m_f == output::Format::jsonl)
      add(text);
    if (m_saver)
      save(j, text);
    if (m_print && (m_f == output::Format::csv || m_f == output::Format::text)) {
      output::add_verdict_row(m_rows, j, m_f);
      // CSV goes out in pieces; a table is aligned over all its rows and waits.
      if (m_f == output::Format::csv && m_rows.rows.size() >= 4096)
        flush_rows();
    }
  }

  void
  finish()
  {
    if (m_print && m_f == output::Format::csv)
      flush_rows();
    else if (m_print && m_f == output::Format::text)
      add(output::render_text(m_rows));
  }

  void
  add(std::string_view s)
  {
    m_buf += s;
    if (m_buf.size() > (1 << 20))
      flush();
  }
  void
  flush()
  {
    if (m_file.active())
      m_file.write(m_buf);
    else
      write_stdout(m_buf);
    m_buf.clear();
  }
  // The file, complete, under its name (nothing to do for standard output).
  void
  commit()
  {
    flush();
    if (m_file.active())
      m_file.commit();
  }

private:
  void
  save(const replay::Judgement& j, const std::string& text)
  {
    size_t end = text.find('\n');
    m_saver->add(replay::saved_order(j, text.substr(0, end)));
    for (size_t i = 0; i < j.whistles.size(); ++i) {
      size_t start = end + 1;
      end = text.find('\n', start);
      m_saver->add(replay::saved_whistle(j.whistles[i], int64_t(i), text.substr(start, end - start)));
    }
  }
  void
  flush_rows()
  {
    add(output::render_csv(m_rows, !m_header_done));
    m_header_done = true;
    m_rows.rows.clear();
  }

  output::Format m_f;
  bool m_print;
  store::VerdictWriter* m_saver;
  output::Table m_rows;
  bool m_header_done = false;
  std::string m_buf;
  util::PendingFile m_file;
};

std::string
describe_read(const replay::ReadReport& r,
              const std::map<std::pair<std::string, std::string>, uint64_t>& unresolved)
{
  std::string out;
  if (r.bad_rows) {
    out += fmt::format("{} row{} could not be read and {} left out:\n", r.bad_rows,
                       r.bad_rows == 1 ? "" : "s", r.bad_rows == 1 ? "was" : "were");
    for (const auto& l : r.listed)
      out += "  " + l + "\n";
    if (r.bad_rows > r.listed.size())
      out += fmt::format("  … and {} more\n", r.bad_rows - r.listed.size());
  }
  if (r.duplicate_orders)
    out += fmt::format("{} order id{} given more than once: the later row counts\n", r.duplicate_orders,
                       r.duplicate_orders == 1 ? " was" : "s were");
  if (r.stray_events)
    out += fmt::format("{} event{} of {} id{} that no order has {} left out\n", r.stray_events,
                       r.stray_events == 1 ? "" : "s", r.stray_ids, r.stray_ids == 1 ? "" : "s",
                       r.stray_events == 1 ? "was" : "were");
  if (!unresolved.empty()) {
    std::vector<std::pair<std::pair<std::string, std::string>, uint64_t>> v(unresolved.begin(),
                                                                            unresolved.end());
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    out += fmt::format("names the lists do not know ({} distinct):\n", v.size());
    for (size_t i = 0; i < v.size() && i < 20; ++i)
      out += fmt::format("  {:<9} {}  {}×\n", v[i].first.first, util::quote(v[i].first.second), v[i].second);
    if (v.size() > 20)
      out += fmt::format("  … and {} more\n", v.size() - 20);
  }
  return out;
}

void
add_options(CLI::App& app, Args& a)
{
  add_lists_option(app, a.lists);
  app.add_option("--db", a.db, "Read orders and events from this case store (duty-store(5))")->type_name("FILE");
  app.add_option("inputs", a.inputs, "Order exports ('-' for standard input), in any order")->type_name("FILE");
  app.add_option("--events", a.events,
                 "Event logs (派单, 签收, 退单, 吹哨, 报到 …) for the orders; the files "
                 "after it up to the next option")
      ->type_name("FILE");
  a.cases.reading.add_to(app, "YAML file mapping the order exports' headers (duty-map(5))");
  app.add_option("--events-map", a.event_cases.reading.map_path,
                 "YAML file mapping the event logs' headers (duty-map(5))")
      ->type_name("FILE");
  app.add_option("--profile", a.profile,
                 "Assessment profile: a profile id of the lists, a built-in "
                 "(bj-practice, on-time) or a file (default: the config's profile, else bj-practice)")
      ->type_name("PROFILE");
  app.add_option("--as-of", a.as_of,
                 "The time the log is judged at: clocks not done by then are overdue "
                 "or open (YYYY-MM-DD [HH:MM[:SS]], Beijing time; default: now)")
      ->type_name("TIME");
  add_format_option(
      app, a.format, kFormats,
      "Output format (default: jsonl, or table with --summary; json, md and xlsx only with --summary)");
  add_output_option(app, a.out);
  app.add_flag("--summary", a.summary, "Print deviations per unit and per matter instead of the verdicts");
  app.add_flag("--save", a.save, "Save the verdicts into the store given with --db (table verdicts)");
  app.add_option("--memory", a.memory, "Memory for sorting file inputs; beyond it, temporary files ($TMPDIR)")
      ->capture_default_str()
      ->type_name("SIZE");
  app.footer("Exit status: 0 no deviation, 1 deviations or unreadable rows in the log (or errors in the "
             "lists), 2 usage error or unreadable input.\nSee duty-replay(1).");
}

int
run_replay(Args& a);

class Replay final : public Tool
{
public:
  void define(CLI::App& app) override
  {
    app.description("Judge every 12345 work order and every whistle (吹哨) of a case log against the lists: "
                    "the first dispatch, returns, the sign, contact and close clocks, the lifecycle, and "
                    "whether the summoned departments reported. One JSON line per order and per whistle.");
    add_options(app, m_args);
  }

  int run(CLI::App& app) override
  {
    m_args.format_given = app.count("--format") > 0;
    return run_replay(m_args);
  }

private:
  Args m_args;
};

int
run_replay(Args& a)
{
  output::Format f = check(a);
  util::Timestamp as_of = as_of_option(a.as_of, util::now_beijing());
  parse_size(a.memory); // a bad size is a usage error before anything is read

  std::string dir = lists_dir(a.lists);
  lists::Config config = config_for(dir);
  auto ctx = load_lists(dir);
  lists::Profile profile = load_profile(a.profile, config, ctx.get()).profile;
  util::WorkCalendar calendar = lists::work_calendar(ctx->set());
  std::string hash = store::list_set_hash(ctx->set()); // as the store's meta keeps it
  auto source = open_source(a, *ctx);
  std::optional<store::VerdictWriter> saver;
  if (a.save)
    saver.emplace(a.db, hash, profile.id.value, as_of.str());

  // With --save alone the verdicts go to the store; an explicit --format or -o prints them too.
  bool print = !a.summary && !(a.save && !a.format_given && a.out.empty());
  bool book = a.summary && f == output::Format::xlsx;
  Sinks out(f, print, saver ? &*saver : nullptr, book ? std::string() : a.out);
  if (print && f == output::Format::jsonl) {
    std::string header;
    output::append_header_json(header, {hash, profile.id.value, calendar.years(), as_of,
                                        std::string(replay::kTieRule), DUTY_VERSION});
    out.add(header + "\n");
  }
  replay::RunOptions run;
  replay::Summary sum;
  if (a.summary)
    run.summary = &sum;
  run.attribution = profile.attribution;
  if (out.renders())
    run.render = &Sinks::render;
  run.emit = [&](const replay::Judgement& j, const std::string& text) { out.emit(j, text); };
  replay::RunTotals totals = replay::run(*source, {*ctx, profile, calendar, as_of}, run);
  out.finish();
  if (book) {
    output::Table t = output::summary_table(sum, f);
    t.meta = {{"lists sha256", hash},
              {"profile", profile.id.value},
              {"as of", as_of.str()},
              {"calendar years", fmt::format("{}", fmt::join(calendar.years(), ", "))}};
    if (emit_tables({t}, f, a.out) != exit_clean)
      return exit_usage;
  }
  if (a.summary && !book)
    out.add(output::render_table(output::summary_table(sum, f), f));
  if (saver)
    saver->commit();
  out.commit();

  const auto& read = source->report();
  std::string note = describe_read(read, totals.unresolved);
  note += fmt::format("replayed {} order{} ({} deviating) and {} whistle{} ({} deviating) as of {}{}\n",
                      totals.orders, totals.orders == 1 ? "" : "s", totals.deviating_orders, totals.whistles,
                      totals.whistles == 1 ? "" : "s", totals.deviating_whistles, as_of.str(),
                      saver ? fmt::format("; saved to {} (lists {}…)", a.db, hash.substr(0, 12)) : "");
  std::fputs(util::terminal_safe_lines(note).c_str(), stderr); // file names and rows come from the user
  bool findings = read.bad_rows > 0 || totals.deviating_orders > 0 || totals.deviating_whistles > 0;
  return findings ? exit_findings : exit_clean;
}

} // namespace

std::unique_ptr<Tool>
make_replay()
{
  return std::make_unique<Replay>();
}

} // namespace duty::tools
