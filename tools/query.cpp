// duty query: run SQL over a case store, or over a log piped to standard input.
#include "case_options.hpp"
#include "cli.hpp"
#include "commands.hpp"

#include "output/tables.hpp"
#include "store/store.hpp"
#include "util/error.hpp"

#include <fmt/format.h>
#include <unistd.h>

namespace duty::tools {

namespace {

constexpr output::Format kFormats[] = {output::Format::text, output::Format::csv, output::Format::json,
                                       output::Format::jsonl, output::Format::md};

class Query final : public Tool
{
public:
  void define(CLI::App& app) override
  {
    app.description("Run read-only SQL over a case store (--db), or over orders or events read from standard "
                    "input into a scratch store.");
    app.add_option("--db", m_db, "The case store, opened read-only")->type_name("FILE");
    add_format_option(app, m_format, kFormats, "Output format (table is another name for text)");
    m_case.add_to(app);
    app.add_option("sql", m_sql, "SQL; tables orders, events, ingests, rejects, anomalies (duty-store(5))")
      ->required()
      ->type_name("SQL");
    app.footer("Exit status: 0 success, 1 bad input rows, 2 usage error (an SQL error, or a statement that "
               "writes) or unreadable input.\nSee duty-query(1) and duty-store(5).");
  }

  int run(CLI::App&) override
  {
    output::Format format = output::parse_format_for(m_format, kFormats);
    std::vector<store::ResultSet> results;
    bool set_aside = false;
    if (!m_db.empty()) {
      // The reading options apply to a piped log only: with --db they would be ignored.
      if (auto ignored = m_case.given(); !ignored.empty())
        throw UsageError(ignored.front() + " reads a log piped to standard input; with --db "
                                           "(a store) it would be ignored: leave it out, or drop --db");
      store::Store st = store::Store::open_read(m_db);
      results = st.query(m_sql);
    } else {
      if (::isatty(STDIN_FILENO))
        throw UsageError("no --db and standard input is a terminal: pipe orders (or --events) in");
      store::IngestOptions options;
      m_case.resolve(options);
      store::Store::check_query(m_sql); // before reading all of standard input
      store::Store st = store::Store::open_write(":memory:");
      store::IngestSummary s = st.ingest({"-"}, options);
      std::string problems = describe_problems(s);
      if (s.rejected)
        problems += fmt::format("{} row{} set aside in {}: the results leave {} out\n", s.rejected,
                                s.rejected == 1 ? "" : "s", m_case.skip_bad, s.rejected == 1 ? "it" : "them");
      if (!problems.empty())
        fmt::print(stderr, "{}", problems);
      set_aside = s.rejected > 0;
      results = st.query(m_sql);
    }
    write_stdout(output::render_results(results, format));
    return set_aside ? exit_findings : exit_clean;
  }

private:
  std::string m_db, m_format = "text", m_sql;
  CaseOptions m_case;
};

} // namespace

std::unique_ptr<Tool>
make_query()
{
  return std::make_unique<Query>();
}

} // namespace duty::tools
