// duty gen cases: synthetic 12345 order exports and event logs against a list set.
#include "cli.hpp"
#include "commands.hpp"

#include "cases/stream.hpp"
#include "gen/cases_gen.hpp"
#include "util/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <memory>

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

class GenCases final : public Tool
{
public:
  void define(CLI::App& app) override
  {
    app.description("Write a synthetic 12345 order export (CSV with the Chinese export headers) "
                    "against a list set: realistic timing, wrong dispatches and returns, whistles, "
                    "return-visit answers and a small share of dirty rows.");
    add_lists_option(app, m_lists);
    app.add_option("--orders", m_spec.orders, "Orders to write")->capture_default_str();
    app.add_option("--seed", m_spec.seed, "Seed; the same seed gives the same bytes")->capture_default_str();
    app.add_option("--month", m_month, "Month the orders are received in (YYYY-MM)")->capture_default_str();
    app.add_option("--events", m_events_path, "Also write the event log (CSV) to FILE")->type_name("FILE");
    app.add_option("--encoding", m_encoding, "utf-8 or gbk")
      ->check(CLI::IsMember({"utf-8", "gbk"}))
      ->capture_default_str();
    app.add_option("--dirty", m_spec.dirty_per_mille, "Dirty rows per thousand")->capture_default_str();
    app.add_option("-o,--output", m_out_path, "Orders file ('-' for standard output)")
      ->capture_default_str()
      ->type_name("FILE");
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

    auto ctx = load_lists(lists_dir(m_lists));

    bool gbk = m_encoding == "gbk";
    File out, ev;
    out.open(m_out_path);
    if (!m_events_path.empty())
      ev.open(m_events_path);
    gen::TextSink to_orders = [&](std::string_view s) {
      out.write(gbk ? cases::encode_gb18030(s) : std::string(s));
    };
    gen::TextSink to_events = [&](std::string_view s) {
      ev.write(gbk ? cases::encode_gb18030(s) : std::string(s));
    };
    gen::CasesSummary sum =
      gen::generate_cases(ctx->set(), spec, to_orders, m_events_path.empty() ? nullptr : &to_events);
    out.close();
    if (!m_events_path.empty())
      ev.close();
    fmt::print(stderr, "wrote {} orders ({} dirty, {} returned, {} whistles){}\n", sum.orders, sum.dirty,
               sum.returned, sum.whistles, m_events_path.empty() ? "" : fmt::format(" and {} events", sum.events));
    return exit_clean;
  }

private:
  std::string m_lists, m_events_path, m_out_path = "-", m_encoding = "utf-8", m_month = "2025-03";
  gen::CasesSpec m_spec;
};

} // namespace

std::unique_ptr<Tool>
make_gen_cases()
{
  return std::make_unique<GenCases>();
}

} // namespace duty::tools
