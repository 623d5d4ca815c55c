// duty audit: validate, then the cross-list rules over every slice; or the coverage matrix.
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
#include "util/error.hpp"
#include "util/spell.hpp"

#include <fmt/format.h>

namespace duty::tools {

namespace {

// csv and md: --matrix only.
constexpr output::Format kMatrixOnly[] = {output::Format::csv, output::Format::md};
constexpr output::Format kMatrixFormats[] = {output::Format::csv, output::Format::md, output::Format::json,
                                             output::Format::text};

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
    app.add_flag("--matrix", m_matrix, "Print the coverage matrix (--format csv, md, json or text) instead of findings");
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
    if (!m_matrix && (m_format == "csv" || m_format == "md"))
      throw UsageError("--format " + m_format + " is for --matrix; findings print as text, json, sarif or github");
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
  static void check_rule_names(const std::vector<std::string>& names, const char* option)
  {
    std::vector<std::string_view> ids;
    for (const auto& r : diag::all_rules())
      ids.push_back(r.id);
    for (const auto& n : names)
      if (!diag::find_rule(n)) {
        std::string hint = util::did_you_mean(n, ids);
        throw UsageError(fmt::format("{}: unknown rule \"{}\"{}", option, n, hint.empty() ? "" : "; " + hint));
      }
  }

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
    write_stdout(output::render_matrix(rows, format));
    return exit_clean;
  }

  std::vector<std::string> m_paths;
  std::string m_lists, m_format = "auto", m_color = "auto", m_as_of;
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
