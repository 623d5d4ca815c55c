// duty validate: check list files for everything one pass can see.
#include "cli.hpp"
#include "commands.hpp"

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
  std::string lists, format = "auto", color = "auto";
  app.add_option("paths", paths, "List-set directories or list files");
  add_lists_option(app, lists);
  add_report_options(app, format, color);
  app.footer("Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error or "
             "unreadable input.\nSee duty-validate(1) and duty-lists(5).");
  if (auto rc = parse(app, argc, argv))
    return *rc;
  if (paths.empty())
    paths.push_back(lists_dir(lists));

  lists::LoadResult loaded = lists::load_and_check(paths);
  return report(loaded.diags, loaded.set, "validate", format, color, loaded.unreadable);
}

} // namespace duty::tools
