// duty audit: validate, then the cross-list rules over every slice; or the coverage matrix.
#include "book_output.hpp"
#include "cli.hpp"
#include "commands.hpp"

#include "audit/audit.hpp"
#include "audit/matrix.hpp"
#include "diag/rules.hpp"
#include "lists/index.hpp"
#include "lists/load.hpp"
#include "output/report.hpp"
#include "output/tables.hpp"
#include "resolve/resolver.hpp"
#include "store/store.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/spell.hpp"

#include <fmt/format.h>

namespace duty::tools {

namespace {

// csv, md and xlsx: --matrix only.
constexpr output::Format kMatrixOnly[] = {output::Format::csv, output::Format::md, output::Format::xlsx};
constexpr output::Format kMatrixFormats[] = {output::Format::csv, output::Format::md, output::Format::json,
                                             output::Format::text, output::Format::xlsx};

class Audit final : public Tool
{
public:
  void define(CLI::App& app) override
  {
    app.description("Validate a list set, then find overlapping and orphaned duties, leads without "
                    "power, unused powers, retired units and other cross-list problems.");
    app.add_option("paths", m_paths, "List-set directories or list files")->type_name("PATH");
    add_lists_option(app, m_lists);
    add_report_options(app, m_format, m_color, kMatrixOnly);
    add_as_of_option(app, m_as_of);
    m_strict.add_to(app);
    // One value per occurrence, so that "--only overlap lists/x" keeps lists/x a path.
    app.add_option("--only", m_filter.only, "Report only this rule (repeatable)")
      ->allow_extra_args(false)
      ->type_name("RULE");
    app.add_option("--skip", m_filter.skip, "Do not report this rule (repeatable)")
      ->allow_extra_args(false)
      ->type_name("RULE");
    app.add_flag("--matrix", m_matrix, "Print the coverage matrix (--format csv, md, json, text or xlsx) instead of findings");
    add_output_option(app, m_out);
    app.footer("Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 usage error or "
               "unreadable input.\nSee duty-audit(1), duty-lists(5) and duty-config(5).");
  }

  int run(CLI::App&) override
  {
    if (m_paths.empty())
      m_paths.push_back(lists_dir(m_lists));
    check_rule_names(m_filter.only, "--only");
    check_rule_names(m_filter.skip, "--skip");
    output::Format matrix_format = output::Format::csv;
    if (m_matrix && m_format != "auto")
      matrix_format = output::parse_format_for(m_format, kMatrixFormats);
    if (!m_matrix && (m_format == "csv" || m_format == "md" || m_format == "xlsx"))
      throw UsageError("--format " + m_format + " is for --matrix; findings print as text, json, sarif or github");
    if (!m_matrix && !m_out.empty())
      throw UsageError("-o is for --matrix; findings go to standard output");
    if (m_matrix)
      check_output(matrix_format, m_out);
    lists::Config config = config_for(m_paths.front() == "-" ? "." : m_paths.front());
    audit::Options options{lists::resolve_as_of(m_as_of, config.as_of)};
    m_filter.strict = m_strict.resolve(config);

    lists::LoadResult loaded = lists::load_and_check(m_paths);
    lists::Index index(loaded.set);
    if (m_matrix)
      return matrix(loaded, index, options, matrix_format);
    auto diags = audit::audit_findings(loaded.set, index, options, std::move(loaded.diags));
    audit::select_findings(diags, config, m_filter);
    return report(diags, loaded.set, "audit", m_format, m_color, loaded.unreadable);
  }

private:
  int matrix(lists::LoadResult& loaded, const lists::Index& index, const audit::Options& options,
             output::Format format)
  {
    if (diag::count(loaded.diags).errors > 0 || loaded.unreadable) {
      // The matrix of a broken set would mislead: show why instead, on stderr.
      diag::sort_diagnostics(loaded.diags);
      output::ReportContext ctx;
      ctx.files = loaded.set.files.size();
      ctx.items = loaded.set.item_count();
      std::fputs(output::format_text(loaded.diags, ctx).c_str(), stderr);
      return loaded.unreadable ? exit_usage : exit_findings;
    }
    resolve::Resolver resolver(loaded.set, index);
    auto rows = audit::coverage_matrix(resolver, options.as_of);
    if (format == output::Format::json) { // one object, lists as arrays: not a table
      std::string json = output::render_matrix(rows, format);
      if (m_out.empty() || m_out == "-") {
        write_stdout(json);
        return exit_clean;
      }
      util::write_file_atomic(m_out, json);
      return exit_clean;
    }
    output::Table table = output::matrix_table(rows, format);
    for (const auto& p : m_paths)
      table.meta.emplace_back("lists", p);
    table.meta.emplace_back("lists sha256", store::list_set_hash(loaded.set));
    table.meta.emplace_back("as of", options.as_of.str());
    table.meta.emplace_back("files", std::to_string(loaded.set.files.size()));
    table.meta.emplace_back("items", std::to_string(loaded.set.item_count()));
    return emit_tables({table}, format, m_out);
  }

  std::vector<std::string> m_paths;
  std::string m_lists, m_format = "auto", m_color = "auto", m_as_of, m_out;
  StrictOption m_strict;
  audit::Filter m_filter;
  bool m_matrix = false;
};

} // namespace

std::unique_ptr<Tool>
make_audit()
{
  return std::make_unique<Audit>();
}

} // namespace duty::tools
