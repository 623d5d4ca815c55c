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

namespace {

constexpr output::Format kFormats[] = {output::Format::text, output::Format::csv,  output::Format::json,
                                       output::Format::jsonl, output::Format::md, output::Format::xlsx};

class Query final : public Tool
{
public:
  void define(CLI::App& app) override
  {
    app.description("Run read-only SQL over a case store (--db), or over orders or events read from standard "
                    "input into a scratch store.");
    app.add_option("--db", m_db, "The case store, opened read-only")->type_name("FILE");
    add_format_option(app, m_format, kFormats,
                      "Output format (table is text; xlsx: a workbook, one sheet per result)");
    add_output_option(app, m_out);
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
    check_output(format, m_out);
    std::vector<store::ResultSet> results;
    std::string lists_hash;
    bool set_aside = false;
    if (!m_db.empty()) {
      // The reading options apply to a piped log only: with --db they would be ignored.
      if (auto ignored = m_case.given(); !ignored.empty())
        throw UsageError(ignored.front() + " reads a log piped to standard input; with --db "
                                           "(a store) it would be ignored: leave it out, or drop --db");
      store::Store st = store::Store::open_read(m_db);
      results = st.query(m_sql);
      if (format == output::Format::xlsx) // provenance for the workbook's about sheet
        for (const auto& rs : st.query("SELECT value FROM meta WHERE key = 'lists_sha256'"))
          for (const auto& row : rs.rows)
            if (auto v = std::get_if<std::string>(&row[0]))
              lists_hash = *v;
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
    std::vector<output::Table> tables = output::results_tables(results);
    for (auto& t : tables) {
      t.meta.emplace_back("query", m_sql);
      t.meta.emplace_back("store", m_db.empty() ? "(standard input)" : m_db);
      if (!lists_hash.empty())
        t.meta.emplace_back("lists sha256", lists_hash);
    }
    if (int rc = emit_tables(tables, format, m_out); rc != exit_clean)
      return rc;
    return set_aside ? exit_findings : exit_clean;
  }

private:
  std::string m_db, m_format = "text", m_sql, m_out;
  CaseOptions m_case;
};

} // namespace

std::unique_ptr<Tool>
make_query()
{
  return std::make_unique<Query>();
}

} // namespace duty::tools
