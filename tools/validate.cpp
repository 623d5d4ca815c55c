// duty validate: check list files for everything one pass can see.
#include "cli.hpp"
#include "commands.hpp"

#include "lists/check.hpp"
#include "lists/index.hpp"
#include "lists/load.hpp"
#include "output/report.hpp"
#include "util/error.hpp"

#include <unistd.h>

namespace duty::tools {

int
cmd_validate(int argc, char** argv)
{
  CLI::App app{"Check list files: YAML syntax, schema, duplicate keys and ids, references, "
               "calendars and the matter tree.",
               "validate"};
  std::vector<std::string> paths;
  std::string format = "auto", color = "auto";
  app.add_option("paths", paths, "List-set directories or list files (default: $DUTY_LISTS)");
  app.add_option("-f,--format", format, "Output format")
    ->check(CLI::IsMember({"auto", "text", "json", "sarif", "github"}))
    ->capture_default_str();
  app.add_option("--color", color, "Colour text output")
    ->check(CLI::IsMember({"auto", "always", "never"}))
    ->capture_default_str();
  app.footer("Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error or "
             "unreadable input.\nSee duty-validate(1) and duty-lists(5).");
  if (auto rc = parse(app, argc, argv))
    return *rc;
  if (paths.empty())
    paths.push_back(lists_dir(""));

  lists::LoadResult loaded = lists::load_list_set(paths);
  lists::Index index(loaded.set);
  auto more = lists::check_list_set(loaded.set, index);
  loaded.diags.insert(loaded.diags.end(), std::make_move_iterator(more.begin()),
                      std::make_move_iterator(more.end()));
  diag::sort_diagnostics(loaded.diags);

  output::ReportContext ctx;
  ctx.command = "validate";
  ctx.color = output::use_color(color, STDOUT_FILENO);
  ctx.files = loaded.set.files.size();
  ctx.items = loaded.set.item_count();
  auto fmt = output::resolve_format(*output::parse_format(format));
  if (!write_stdout(output::format_report(loaded.diags, fmt, ctx)))
    return exit_usage;
  if (loaded.unreadable)
    return exit_usage;
  return diag::count(loaded.diags).errors > 0 ? exit_findings : exit_clean;
}

} // namespace duty::tools
