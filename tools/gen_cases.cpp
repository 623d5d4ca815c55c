// duty gen cases: synthetic 12345 order exports and event logs against a list set.
#include "book_output.hpp"
#include "cli.hpp"
#include "commands.hpp"

#include "cases/stream.hpp"
#include "gen/cases_gen.hpp"
#include "gen/export_book.hpp"
#include "util/error.hpp"
#include "xlsx/writer.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <algorithm>
#include <memory>
#include <optional>

namespace duty::tools {

namespace {

// An output file, or standard output ("-") through write_stdout, buffered.
struct File
{
  FILE* f = nullptr;
  std::string path;
  std::string buffer; // standard output's
  ~File()
  {
    if (f)
      std::fclose(f);
  }
  void write(std::string_view s)
  {
    if (!f) {
      buffer += s;
      if (buffer.size() >= (1u << 16)) {
        write_stdout(buffer);
        buffer.clear();
      }
      return;
    }
    if (std::fwrite(s.data(), 1, s.size(), f) != s.size())
      throw IoError(path + ": " + std::strerror(errno));
  }
  void open(const std::string& p)
  {
    path = p;
    if (p == "-")
      return;
    f = std::fopen(p.c_str(), "wb");
    if (!f)
      throw IoError(p + ": " + std::strerror(errno));
  }
  void close()
  {
    if (!f) {
      write_stdout(buffer);
      buffer.clear();
      return;
    }
    bool ok = std::fclose(f) == 0;
    f = nullptr;
    if (!ok)
      throw IoError(path + ": " + std::strerror(errno));
  }
};

bool
ends_with(std::string_view s, std::string_view ext)
{
  if (s.size() < ext.size())
    return false;
  for (size_t i = 0; i < ext.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - ext.size() + i])) != ext[i])
      return false;
  return true;
}

// The orders (and events) as workbooks, as a platform exports them.
gen::CasesSummary
write_books(const resolve::Context& ctx, const lists::Profile& profile, const gen::CasesSpec& spec, const std::string& format,
            const std::string& out_path, const std::string& events_path)
{
  auto create = [&](const std::string& path) {
    return format == "xls" ? xlsx::create_xls(path) : xlsx::create_xlsx(path);
  };
  std::string month = fmt::format("{}年{}月", spec.year, spec.month);
  std::string note = fmt::format("筛选条件：来电时间 {:04}-{:02}-01 起，本月全部工单；共 {} 条",
                                 spec.year, spec.month, spec.orders);
  BookOutput out(out_path);
  auto orders_writer = create(out.path());
  gen::ExportBook orders(*orders_writer, cases::Kind::orders, "工单明细",
                         "12345热线工单明细（" + month + "）", note);
  std::unique_ptr<xlsx::BookWriter> events_writer;
  std::optional<gen::ExportBook> events;
  if (!events_path.empty()) {
    events_writer = create(events_path);
    events.emplace(*events_writer, cases::Kind::events, "办理过程",
                   "12345热线工单办理过程（" + month + "）", "按工单编号、时间排列");
  }
  gen::RowSink to_orders = [&](const std::vector<std::string>& r) { orders.row(r); };
  gen::RowSink to_events = [&](const std::vector<std::string>& r) { events->row(r); };
  gen::CasesSummary sum = gen::generate_cases(ctx, profile, spec, to_orders, events ? &to_events : nullptr);
  orders.close();
  if (!out.finish())
    throw UsageError("standard output: cannot write the workbook");
  if (events)
    events->close();
  return sum;
}

// The orders (and events) as CSV, UTF-8 or GBK.
gen::CasesSummary
write_csv(const resolve::Context& ctx, const lists::Profile& profile, const gen::CasesSpec& spec, bool gbk,
          const std::string& out_path, const std::string& events_path)
{
  File out, ev;
  out.open(out_path);
  if (!events_path.empty())
    ev.open(events_path);
  gen::TextSink to_orders = [&](std::string_view s) {
    out.write(gbk ? cases::encode_gb18030(s) : std::string(s));
  };
  gen::TextSink to_events = [&](std::string_view s) {
    ev.write(gbk ? cases::encode_gb18030(s) : std::string(s));
  };
  gen::CasesSummary sum =
    gen::generate_cases(ctx, profile, spec, to_orders, events_path.empty() ? nullptr : &to_events);
  out.close();
  if (!events_path.empty())
    ev.close();
  return sum;
}

class GenCases final : public Tool
{
public:
  void define(CLI::App& app) override
  {
    app.description("Write a synthetic 12345 order export (CSV with the Chinese export headers, or "
                    "an Excel workbook as a platform exports it) against a list set: realistic "
                    "timing, wrong dispatches and returns, whistles, return-visit answers and a "
                    "small share of dirty rows.");
    add_lists_option(app, m_lists);
    app.add_option("--orders", m_spec.orders, "Orders to write")->capture_default_str()->type_name("N");
    app.add_option("--seed", m_spec.seed, "Seed; the same seed gives the same bytes")
      ->capture_default_str()
      ->type_name("N");
    app.add_option("--month", m_month, "Month the orders are received in (YYYY-MM)")
      ->capture_default_str()
      ->type_name("MONTH");
    app.add_option("--events", m_events_path, "Also write the event log to FILE (same format)")->type_name("FILE");
    app.add_option("--format", m_format, "csv, xlsx or xls (default: from the -o extension, "
                                         "else csv); workbooks have a title row and date cells")
      ->check(CLI::IsMember({"csv", "xlsx", "xls"}));
    app.add_option("--encoding", m_encoding, "CSV: utf-8 (default) or gbk")
      ->check(CLI::IsMember({"utf-8", "gbk"}));
    app.add_option("--dirty", m_spec.dirty_per_mille, "Dirty rows per thousand")->capture_default_str()->type_name("N");
    app.add_option("--deadlines", m_spec.deadline_per_mille,
                   "Orders per thousand that carry their own deadline (办理时限)")
      ->check(CLI::Range(0u, 1000u))
      ->capture_default_str()
      ->type_name("N");
    app.add_option("-o,--output", m_out_path, "Orders file ('-' for standard output)")
      ->capture_default_str()
      ->type_name("FILE");
    app.add_option("--planted", m_planted_path,
                   "Write the planted deviations to FILE, one per line: 'ID KIND [UNIT]' (needs --events)")
      ->type_name("FILE");
    app.add_option("--profile", m_profile, "Assessment profile whose time limits the clocks follow "
                                           "(as duty replay --profile; default: bj-practice)")
      ->type_name("PROFILE");
    app.add_option("--as-of", m_as_of, "The time the planted list holds at (default: the first day of the second "
                                       "month after --month)")
      ->type_name("TIME");
    app.footer("Exit status: 0 written, 2 usage error or a file that cannot be written.\n"
               "See duty-gen(1).");
  }

  int run(CLI::App&) override
  {
    gen::CasesSpec& spec = m_spec;
    int y = 0, m = 0;
    if (std::sscanf(m_month.c_str(), "%d-%d", &y, &m) != 2 || m < 1 || m > 12 || y < 1990 || y > 2200)
      throw UsageError("--month wants YYYY-MM, not '" + m_month + "'");
    spec.year = y;
    spec.month = m;

    if (!m_planted_path.empty() && m_events_path.empty())
      throw UsageError("--planted lists deviations of the event log: give --events FILE too");
    if (!m_as_of.empty()) {
      spec.as_of = util::parse_timestamp(m_as_of);
      if (!spec.as_of)
        throw UsageError("--as-of wants YYYY-MM-DD [HH:MM[:SS]], not '" + m_as_of + "'");
    }
    std::string format = m_format;
    if (format.empty())
      format = ends_with(m_out_path, ".xlsx") ? "xlsx" : ends_with(m_out_path, ".xls") ? "xls" : "csv";
    if (format != "csv" && !m_encoding.empty())
      throw UsageError("--encoding is for CSV; a workbook holds Unicode text");

    auto ctx = load_lists(lists_dir(m_lists));
    lists::Profile profile = load_profile(m_profile, ctx.get()).profile;
    gen::CasesSummary sum = format != "csv"
                              ? write_books(*ctx, profile, spec, format, m_out_path, m_events_path)
                              : write_csv(*ctx, profile, spec, m_encoding == "gbk", m_out_path, m_events_path);
    if (!m_planted_path.empty())
      write_planted(sum);
    size_t planted = std::count_if(sum.planted.begin(), sum.planted.end(),
                                   [](const gen::Planted& p) { return p.kind != "dirty"; });
    fmt::print(stderr, "wrote {} orders ({} dirty, {} returned, {} whistles){}; planted {} deviations as of {}{}\n",
               sum.orders, sum.dirty, sum.returned, sum.whistles,
               m_events_path.empty() ? "" : fmt::format(" and {} events", sum.events), planted, sum.as_of.str(),
               format == "csv" ? "" : " [" + format + "]");
    return exit_clean;
  }

private:
  void write_planted(const gen::CasesSummary& sum) const
  {
    File pl;
    pl.open(m_planted_path);
    std::string text = "# deviations planted by duty gen cases, one per line: ID KIND [UNIT], as duty replay "
                       "names them\n# as-of " + sum.as_of.str() + "\n";
    for (const auto& p : sum.planted)
      text += p.line() + "\n";
    pl.write(text);
    pl.close();
  }

  std::string m_lists, m_events_path, m_out_path = "-", m_encoding, m_month = "2025-03", m_planted_path, m_profile,
                                      m_as_of, m_format;
  gen::CasesSpec m_spec;
};

} // namespace

std::unique_ptr<Tool>
make_gen_cases()
{
  return std::make_unique<GenCases>();
}

} // namespace duty::tools
