// duty schema: the JSON Schema of list files, for editors (yaml-language-server).
#include "cli.hpp"
#include "commands.hpp"

#include "lists/json_schema.hpp"
#include "util/error.hpp"

namespace duty::tools {

namespace {

class Schema final : public Tool
{
public:
  void define(CLI::App& app) override
  {
    app.description("Print a JSON Schema (draft 2020-12) for list files, generated from the schema table "
                    "duty validate uses, so that editors with yaml-language-server validate and complete "
                    "list files while you type. It checks each file's shape; references across files are "
                    "for duty validate.");
    app.footer("Save it and point a modeline at it, first line of a list file:\n"
               "  # yaml-language-server: $schema=../duty-lists.schema.json\n"
               "Exit status: 0 printed, 2 usage error or a failed write.\n"
               "See duty-schema(1) and duty-lists(5), EDITORS.");
  }

  int run(CLI::App&) override
  {
    write_stdout(lists::json_schema());
    return exit_clean;
  }
};

} // namespace

std::unique_ptr<Tool>
make_schema()
{
  return std::make_unique<Schema>();
}

} // namespace duty::tools
