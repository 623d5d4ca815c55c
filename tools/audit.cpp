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

#include <algorithm>
#include <fmt/format.h>

namespace duty::tools {

namespace {

void
check_rule_names(const std::vector<std::string>& names, const char* option)
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

util::Date
parse_as_of(const std::string& s)
{
  if (s.empty())
    return util::today_shanghai();
  auto d = util::parse_date(s);
  if (!d)
    throw UsageError(fmt::format("--as-of: \"{}\" is not a date (YYYY-MM-DD)", s));
  return *d;
}

} // namespace

int
cmd_audit(int argc, char** argv)
{
  CLI::App app{"Validate a list set, then find overlapping and orphaned duties, leads without "
               "power, unused powers, retired units and other cross-list problems.",
               "audit"};
  std::vector<std::string> paths, only, skip;
  std::string lists, format = "auto", color = "auto", as_of, out;
  bool strict = false, matrix = false;
  app.add_option("paths", paths, "List-set directories or list files");
  add_lists_option(app, lists);
  // csv and md: --matrix only.
  static constexpr output::Format kMatrixOnly[] = {output::Format::csv, output::Format::md,
                                                   output::Format::xlsx};
  add_report_options(app, format, color, kMatrixOnly);
  app.add_option("--as-of", as_of, "Audit the lists as in force on this date (default: today)");
  app.add_flag("--strict", strict, "Treat warnings as errors");
  // One value per occurrence, so that "--only overlap lists/x" keeps lists/x a path.
  app.add_option("--only", only, "Report only this rule (repeatable)")->allow_extra_args(false);
  app.add_option("--skip", skip, "Do not report this rule (repeatable)")->allow_extra_args(false);
  app.add_flag("--matrix", matrix, "Print the coverage matrix (--format csv, md, json, text or xlsx) instead of findings");
  add_output_option(app, out);
  app.footer("Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 usage error or "
             "unreadable input.\nSee duty-audit(1) and duty-lists(5).");
  if (auto rc = parse(app, argc, argv))
    return *rc;
  if (paths.empty())
    paths.push_back(lists_dir(lists));
  check_rule_names(only, "--only");
  check_rule_names(skip, "--skip");
  audit::Options options{parse_as_of(as_of)};

  static constexpr output::Format kMatrixFormats[] = {output::Format::csv, output::Format::md,
                                                      output::Format::json, output::Format::text,
                                                      output::Format::xlsx};
  output::Format matrix_format = output::Format::csv;
  if (matrix && format != "auto")
    matrix_format = output::parse_format_for(format, kMatrixFormats);
  if (!matrix && (format == "csv" || format == "md" || format == "xlsx"))
    throw UsageError("--format " + format + " is for --matrix; findings print as text, json, sarif or github");
  if (!matrix && !out.empty())
    throw UsageError("-o is for --matrix; findings go to standard output");
  if (matrix)
    check_output(matrix_format, out);

  lists::LoadResult loaded = lists::load_and_check(paths);
  lists::Index index(loaded.set);
  if (matrix) {
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
    if (matrix_format == output::Format::json) { // one object, lists as arrays: not a table
      std::string json = output::render_matrix(rows, matrix_format);
      if (out.empty() || out == "-")
        return write_stdout(json) ? exit_clean : exit_usage;
      util::write_file_atomic(out, json);
      return exit_clean;
    }
    output::Table table = output::matrix_table(rows, matrix_format);
    for (const auto& p : paths)
      table.meta.emplace_back("lists", p);
    table.meta.emplace_back("lists sha256", store::list_set_hash(loaded.set));
    table.meta.emplace_back("as of", options.as_of.str());
    table.meta.emplace_back("files", std::to_string(loaded.set.files.size()));
    table.meta.emplace_back("items", std::to_string(loaded.set.item_count()));
    return emit_tables({table}, matrix_format, out);
  }

  auto found = audit::run_audit(loaded.set, index, options);
  auto& diags = loaded.diags;
  diags.insert(diags.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  audit::apply_suppressions(loaded.set, diags);
  audit::apply_filter(diags, {only, skip, strict});
  return report(diags, loaded.set, "audit", format, color, loaded.unreadable);
}

} // namespace duty::tools
