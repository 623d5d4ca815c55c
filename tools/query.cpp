// duty query: run SQL over a case store, or over a log piped to standard input.
#include "book_output.hpp"
#include "case_options.hpp"
#include "cli.hpp"
#include "commands.hpp"

#include "output/tables.hpp"
#include "store/store.hpp"
#include "util/error.hpp"

#include <fmt/format.h>
#include <unistd.h>

namespace duty::tools {

int
cmd_query(int argc, char** argv)
{
  CLI::App app{"Run read-only SQL over a case store (--db), or over orders or events read "
               "from standard input into a scratch store.",
               "query"};
  std::string db, format = "table", sql, out;
  CaseOptions opts;
  app.add_option("--db", db, "The case store, opened read-only");
  static constexpr output::Format kFormats[] = {output::Format::text, output::Format::csv, output::Format::json,
                                                output::Format::jsonl, output::Format::md,
                                                output::Format::xlsx};
  add_format_option(app, format, kFormats, "Output format (table is text; xlsx: a workbook, one sheet per result)");
  add_output_option(app, out);
  opts.add_to(app);
  app.add_option("sql", sql, "SQL; tables orders, events, ingests, rejects, anomalies "
                             "(duty-store(5))")
    ->required();
  app.footer("Exit status: 0 success, 1 SQL error, a statement that writes, or bad input rows, "
             "2 usage error.\nSee duty-query(1) and duty-store(5).");
  if (auto rc = parse(app, argc, argv))
    return *rc;
  output::Format f = output::parse_format_for(format, kFormats);
  check_output(f, out);

  std::vector<store::ResultSet> results;
  std::string lists_hash;
  bool set_aside = false;
  if (!db.empty()) {
    // The reading options apply to a piped log only: with --db they would be ignored.
    if (auto ignored = opts.given(); !ignored.empty())
      throw UsageError(ignored.front() + " reads a log piped to standard input; with --db "
                       "(a store) it would be ignored: leave it out, or drop --db");
    store::Store st = store::Store::open_read(db);
    results = st.query(sql);
    if (f == output::Format::xlsx) // provenance for the workbook's about sheet
      for (const auto& rs : st.query("SELECT value FROM meta WHERE key = 'lists_sha256'"))
        for (const auto& row : rs.rows)
          if (auto v = std::get_if<std::string>(&row[0]))
            lists_hash = *v;
  } else {
    if (::isatty(STDIN_FILENO))
      throw UsageError("no --db and standard input is a terminal: pipe orders (or --events) in");
    store::IngestOptions options;
    opts.resolve(options);
    store::Store st = store::Store::open_write(":memory:");
    store::IngestSummary s = st.ingest({"-"}, options);
    std::string problems = describe_problems(s);
    if (s.rejected)
      problems += fmt::format("{} row{} set aside in {}: the results leave {} out\n", s.rejected,
                              s.rejected == 1 ? "" : "s", opts.skip_bad,
                              s.rejected == 1 ? "it" : "them");
    if (!problems.empty())
      fmt::print(stderr, "{}", problems);
    set_aside = s.rejected > 0;
    results = st.query(sql);
  }
  std::vector<output::Table> tables = output::results_tables(results);
  for (auto& t : tables) {
    t.meta.emplace_back("query", sql);
    t.meta.emplace_back("store", db.empty() ? "(standard input)" : db);
    if (!lists_hash.empty())
      t.meta.emplace_back("lists sha256", lists_hash);
  }
  if (int rc = emit_tables(tables, f, out); rc != exit_clean)
    return rc;
  return set_aside ? exit_findings : exit_clean;
}

} // namespace duty::tools
