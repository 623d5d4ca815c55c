// duty ingest: load 12345 order exports and event logs into a SQLite case store.
#include "case_options.hpp"
#include "cli.hpp"
#include "commands.hpp"

#include "store/store.hpp"
#include "util/error.hpp"

#include <fmt/format.h>

namespace duty::tools {

int
cmd_ingest(int argc, char** argv)
{
  CLI::App app{"Load case logs (12345 order exports, event logs) into a SQLite case store. "
               "CSV, TSV or JSON Lines (UTF-8 or GBK), or Excel workbooks (.xlsx, .xls); "
               "'-' reads standard input.",
               "ingest"};
  std::string db, lists;
  std::vector<std::string> inputs;
  CaseOptions opts;
  app.add_option("--db", db, "The case store (created if missing)")->required();
  add_lists_option(app, lists);
  opts.add_to(app);
  app.add_option("inputs", inputs, "Export files ('-' for standard input)")->required();
  app.footer("Exit status: 0 all rows stored, 1 bad rows (nothing stored, or set aside with "
             "--skip-bad), 2 usage error or unreadable input.\n"
             "See duty-ingest(1), duty-store(5) and duty-map(5).");
  if (auto rc = parse(app, argc, argv))
    return *rc;

  store::IngestOptions options;
  opts.resolve(options);
  std::unique_ptr<resolve::Context> ctx;
  if (!lists.empty() || std::getenv("DUTY_LISTS")) {
    ctx = load_lists(lists_dir(lists));
    options.lists = &ctx->set();
    options.names = &ctx->names();
  }

  store::IngestSummary s = store::ingest_into(db, inputs, options);

  std::string out;
  for (const auto& f : s.files) {
    out += fmt::format("{}: {} row{} stored ({} new, {} updated)", f.path, f.rows,
                       f.rows == 1 ? "" : "s", f.inserted, f.updated);
    if (f.rejected)
      out += fmt::format(", {} rejected", f.rejected);
    out += f.encoding.empty() ? fmt::format(" [{}]\n", f.format)
                              : fmt::format(" [{}, {}]\n", f.format, f.encoding);
  }
  out += describe_problems(s);
  if (s.rejected)
    out += fmt::format("{} rejected row{} written to {} (table rejects)\n", s.rejected,
                       s.rejected == 1 ? "" : "s", opts.skip_bad);
  if (!write_stdout(out))
    return exit_usage;
  return s.rejected ? exit_findings : exit_clean;
}

} // namespace duty::tools
