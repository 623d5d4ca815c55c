// duty ingest: load 12345 order exports and event logs into a SQLite case store.
#include "case_options.hpp"
#include "cli.hpp"
#include "commands.hpp"

#include "store/store.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

namespace duty::tools {

namespace {

class Ingest final : public Tool
{
public:
  void define(CLI::App& app) override
  {
    app.description("Load case logs (12345 order exports, event logs) into a SQLite case store. "
                    "CSV, TSV or JSON Lines (UTF-8 or GBK), or Excel workbooks (.xlsx, .xls); "
                    "'-' reads standard input.");
    app.add_option("--db", m_db, "The case store (created if missing)")->required()->type_name("FILE");
    add_lists_option(app, m_lists);
    m_case.add_to(app);
    app.add_option("inputs", m_inputs, "Export files ('-' for standard input)")->required()->type_name("FILE");
    app.footer("Exit status: 0 all rows stored, 1 bad rows (nothing stored, or set aside with "
               "--skip-bad), 2 usage error or unreadable input.\n"
               "See duty-ingest(1), duty-store(5) and duty-map(5).");
  }

  int run(CLI::App&) override
  {
    store::IngestOptions options;
    m_case.resolve(options);
    std::unique_ptr<resolve::Context> ctx;
    if (!m_lists.empty() || std::getenv("DUTY_LISTS")) {
      ctx = load_lists(lists_dir(m_lists));
      options.lists = &ctx->set();
      options.names = &ctx->names();
    }

    store::IngestSummary s = store::ingest_into(m_db, m_inputs, options);

    std::string out;
    for (const auto& f : s.files) {
      out += fmt::format("{}: {} row{} stored ({} new, {} updated)", f.path, f.rows, f.rows == 1 ? "" : "s",
                         f.inserted, f.updated);
      if (f.rejected)
        out += fmt::format(", {} rejected", f.rejected);
      out += f.encoding.empty() ? fmt::format(" [{}]\n", f.format)
                                : fmt::format(" [{}, {}]\n", f.format, f.encoding);
    }
    out += describe_problems(s);
    if (s.rejected)
      out += fmt::format("{} rejected row{} written to {} (table rejects)\n", s.rejected, s.rejected == 1 ? "" : "s",
                         m_case.skip_bad);
    write_stdout(out);
    return s.rejected ? exit_findings : exit_clean;
  }

private:
  std::string m_db, m_lists;
  std::vector<std::string> m_inputs;
  CaseOptions m_case;
};

} // namespace

std::unique_ptr<Tool>
make_ingest()
{
  return std::make_unique<Ingest>();
}

} // namespace duty::tools
