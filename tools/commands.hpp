#pragma once

#include <span>
#include <string_view>

namespace duty::tools {

// One row per subcommand: its name, a one-line summary for `duty --help`,
// and its entry point, which parses its own arguments (argv[0] is the name).
struct Command
{
  std::string_view name;
  std::string_view summary;
  int (*run)(int argc, char** argv);
};

std::span<const Command>
commands();

int cmd_validate(int argc, char** argv);
int cmd_audit(int argc, char** argv);
int cmd_route(int argc, char** argv);
int cmd_ingest(int argc, char** argv);
int cmd_query(int argc, char** argv);
int cmd_replay(int argc, char** argv);
int cmd_rates(int argc, char** argv);
int cmd_gen(int argc, char** argv);
int cmd_report(int argc, char** argv);
// duty gen cases (tools/gen_cases.cpp), dispatched from cmd_gen.
int gen_cases(int argc, char** argv);

} // namespace duty::tools
