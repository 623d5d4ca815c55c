// duty replay: judge every work order and whistle of a case log against the lists.
#include "case_options.hpp"
#include "cli.hpp"
#include "commands.hpp"

#include "lists/calendar.hpp"
#include "output/replay.hpp"
#include "replay/run.hpp"
#include "replay/save.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <fmt/format.h>
#include <optional>

namespace duty::tools {

namespace {

// "256M", "1G", "512k", "1048576" → bytes.
size_t
parse_size(const std::string& s)
{
  size_t i = 0;
  uint64_t n = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9' && n < (uint64_t(1) << 50))
    n = n * 10 + uint64_t(s[i++] - '0');
  std::string unit = s.substr(i);
  uint64_t mul = unit.empty() || unit == "B" ? 1
                 : unit == "k" || unit == "K" || unit == "KiB" ? 1024
                 : unit == "M" || unit == "m" || unit == "MiB" ? 1024 * 1024
                 : unit == "G" || unit == "g" || unit == "GiB" ? uint64_t(1024) * 1024 * 1024
                                                               : 0;
  if (i == 0 || mul == 0 || n * mul < (8u << 20))
    throw UsageError("--memory " + util::quote(s) + ": expected a size of at least 8M, such as 256M or 1G");
  return size_t(n * mul);
}

// Writes to standard output in large pieces.
class Out
{
public:
  void add(std::string_view s)
  {
    m_buf += s;
    if (m_buf.size() > (1 << 20))
      flush();
  }
  std::string& buffer() { return m_buf; }
  void maybe_flush()
  {
    if (m_buf.size() > (1 << 20))
      flush();
  }
  void flush()
  {
    if (!write_stdout(m_buf))
      throw UsageError("standard output: write failed");
    m_buf.clear();
  }

private:
  std::string m_buf;
};

std::string
describe_read(const replay::ReadReport& r, const std::map<std::pair<std::string, std::string>, uint64_t>& unresolved)
{
  std::string out;
  if (r.bad_rows) {
    out += fmt::format("{} row{} could not be read and {} left out:\n", r.bad_rows, r.bad_rows == 1 ? "" : "s",
                       r.bad_rows == 1 ? "was" : "were");
    for (const auto& l : r.listed)
      out += "  " + util::terminal_safe(l) + "\n";
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
    std::vector<std::pair<std::pair<std::string, std::string>, uint64_t>> v(unresolved.begin(), unresolved.end());
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    out += fmt::format("names the lists do not know ({} distinct):\n", v.size());
    for (size_t i = 0; i < v.size() && i < 20; ++i)
      out += fmt::format("  {:<9} {}  {}×\n", v[i].first.first, util::quote(v[i].first.second), v[i].second);
    if (v.size() > 20)
      out += fmt::format("  … and {} more\n", v.size() - 20);
  }
  return out;
}

} // namespace

int
cmd_replay(int argc, char** argv)
{
  CLI::App app{"Judge every 12345 work order and every whistle (吹哨) of a case log against the lists: "
               "the first dispatch, returns, the sign, contact and close clocks, the lifecycle, and "
               "whether the summoned departments reported. One JSON line per order and per whistle.",
               "replay"};
  std::string lists, db, profile_spec, as_of_text, format, memory = "256M";
  std::vector<std::string> inputs, events;
  bool summary = false, save = false;
  CaseOptions opts;
  add_lists_option(app, lists);
  app.add_option("--db", db, "Read orders and events from this case store (duty-store(5))");
  app.add_option("inputs", inputs, "Order exports ('-' for standard input), in any order");
  app.add_option("--events", events, "Event logs (派单, 签收, 退单, 吹哨, 报到 …) for the orders; the files "
                                     "after it up to the next option");
  app.add_option("--map", opts.map_path, "YAML file mapping the exports' headers (duty-map(5))");
  app.add_option("--encoding", opts.encoding, "auto, utf-8, gbk/gb18030 or utf-16le (default: auto)");
  app.add_option("--input-format", opts.input_format, "csv, tsv or jsonl (default: from the extension)");
  app.add_option("--profile", profile_spec, "Assessment profile: a profile id of the lists, a built-in "
                                            "(bj-practice, on-time) or a file (default: bj-practice)");
  app.add_option("--as-of", as_of_text, "The time the log is judged at: clocks not done by then are overdue "
                                        "or open (YYYY-MM-DD [HH:MM[:SS]], Beijing time; default: now)");
  static constexpr output::Format kFormats[] = {output::Format::jsonl, output::Format::csv, output::Format::text,
                                                output::Format::json, output::Format::md};
  add_format_option(app, format, kFormats,
                    "Output format (default: jsonl, or table with --summary; json and md only with --summary)");
  app.add_flag("--summary", summary, "Print deviations per unit and per matter instead of the verdicts");
  app.add_flag("--save", save, "Save the verdicts into the store given with --db (table verdicts)");
  app.add_option("--memory", memory, "Memory for sorting file inputs; beyond it, temporary files ($TMPDIR)")
    ->capture_default_str();
  app.footer("Exit status: 0 no deviation, 1 deviations or unreadable rows in the log (or errors in the "
             "lists), 2 usage error or unreadable input.\nSee duty-replay(1).");
  if (auto rc = parse(app, argc, argv))
    return *rc;

  if (db.empty() == inputs.empty())
    throw UsageError(db.empty() ? "give order exports (INPUT...) or a case store (--db STORE)"
                                : "give either order exports or --db STORE, not both");
  if (!db.empty() && !events.empty())
    throw UsageError("--events reads event files; a store's events are read with its orders");
  if (save && db.empty())
    throw UsageError("--save writes into the store the orders came from: give --db STORE");
  if (std::count(inputs.begin(), inputs.end(), "-") + std::count(events.begin(), events.end(), "-") > 1)
    throw UsageError("standard input ('-') can be read only once");
  if (format.empty())
    format = summary ? "table" : "jsonl";
  output::Format f = output::parse_format_for(format, kFormats);
  if ((f == output::Format::json || f == output::Format::md) && !summary)
    throw UsageError("--format " + format + " is for --summary; the verdicts are JSON Lines, CSV or a table");
  if (f == output::Format::jsonl && summary)
    throw UsageError("--summary prints a table: --format table, csv or json");
  util::Timestamp as_of = util::now_beijing();
  if (!as_of_text.empty()) {
    auto t = util::parse_timestamp(as_of_text);
    if (!t)
      throw UsageError("--as-of " + util::quote(as_of_text) + ": expected YYYY-MM-DD, YYYY-MM-DD HH:MM or "
                       "YYYY-MM-DD HH:MM:SS");
    as_of = *t;
  }
  size_t memory_bytes = parse_size(memory);

  auto ctx = load_lists(lists_dir(lists));
  lists::Profile profile = load_profile(profile_spec, ctx.get()).profile;
  util::WorkCalendar calendar = lists::work_calendar(ctx->set());
  std::string hash = replay::lists_hash(ctx->set());

  std::unique_ptr<replay::CaseSource> source;
  if (!db.empty()) {
    source = replay::open_store(db);
  } else {
    store::IngestOptions io;
    opts.resolve(io);
    replay::FileInputs in;
    in.orders = inputs;
    in.events = events;
    in.reader = io.reader;
    in.reader.pii = nullptr;
    in.memory = memory_bytes;
    source = replay::open_files(in);
  }
  std::optional<store::VerdictWriter> saver;
  if (save)
    saver.emplace(db, hash, profile.id.value, as_of.str());

  // With --save alone the verdicts go to the store; an explicit --format prints them too.
  bool print = !summary && !(save && !app.count("--format"));
  bool jsonl = print && f == output::Format::jsonl;
  Out out;
  output::Table rows = output::verdicts_table(f);
  bool header_done = false;
  if (jsonl) {
    output::append_header_json(out.buffer(), {hash, profile.id.value, calendar.years(), as_of,
                                              std::string(replay::kTieRule), DUTY_VERSION});
    out.add("\n");
  }
  replay::RunOptions run;
  replay::Summary sum;
  if (summary)
    run.summary = &sum;
  run.attribution = profile.attribution;
  if (jsonl || saver)
    run.render = [](const replay::Judgement& j, std::string& text) {
      // The order's line, then one line per whistle: the records of the output and of the store.
      output::append_order_json(text, j.order);
      text += '\n';
      for (const auto& w : j.whistles) {
        output::append_whistle_json(text, w);
        text += '\n';
      }
    };
  run.emit = [&](const replay::Judgement& j, const std::string& text) {
    if (jsonl)
      out.add(text);
    if (saver) {
      size_t end = text.find('\n');
      saver->add(replay::saved_order(j, text.substr(0, end)));
      for (size_t i = 0; i < j.whistles.size(); ++i) {
        size_t start = end + 1;
        end = text.find('\n', start);
        saver->add(replay::saved_whistle(j.whistles[i], int64_t(i), text.substr(start, end - start)));
      }
    }
    if (print && f == output::Format::csv) {
      output::add_verdict_row(rows, j, f);
      if (rows.rows.size() >= 4096) {
        out.add(output::render_csv(rows, !header_done));
        header_done = true;
        rows.rows.clear();
      }
    } else if (print && f == output::Format::text) {
      output::add_verdict_row(rows, j, f); // a table is aligned over all its rows: held to the end
    }
  };
  replay::RunTotals totals = replay::run(*source, {*ctx, profile, calendar, as_of}, run);
  if (print && f == output::Format::csv)
    out.add(output::render_csv(rows, !header_done));
  else if (print && f == output::Format::text)
    out.add(output::render_text(rows));
  if (summary)
    out.add(output::render_table(output::summary_table(sum, f), f));
  if (saver)
    saver->commit();
  out.flush();

  const auto& read = source->report();
  std::string note = describe_read(read, totals.unresolved);
  note += fmt::format("replayed {} order{} ({} deviating) and {} whistle{} ({} deviating) as of {}{}\n",
                      totals.orders, totals.orders == 1 ? "" : "s", totals.deviating_orders, totals.whistles,
                      totals.whistles == 1 ? "" : "s", totals.deviating_whistles, as_of.str(),
                      saver ? fmt::format("; saved to {} (lists {}…)", db, hash.substr(0, 12)) : "");
  std::fputs(note.c_str(), stderr);
  bool findings = read.bad_rows > 0 || totals.deviating_orders > 0 || totals.deviating_whistles > 0;
  return findings ? exit_findings : exit_clean;
}

} // namespace duty::tools
