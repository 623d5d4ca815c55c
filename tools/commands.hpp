#pragma once

#include "tool.hpp"

#include <memory>
#include <span>
#include <string_view>

namespace duty::tools {

// One row per subcommand: its name, a one-line summary for `duty --help`, and
// how to make it. A Tool declares its options apart from running (help and
// completion read them); `run` is the older form that parses its own argv.
struct Command
{
  std::string_view name;
  std::string_view summary;
  std::unique_ptr<Tool> (*make)() = nullptr;
  int (*run)(int argc, char** argv) = nullptr;
};

std::span<const Command>
commands();

// nullptr when `name` is no built-in command.
const Command*
find_command(std::string_view name);

std::unique_ptr<Tool> make_validate();
std::unique_ptr<Tool> make_audit();
std::unique_ptr<Tool> make_route();
std::unique_ptr<Tool> make_diff();
std::unique_ptr<Tool> make_schema();
std::unique_ptr<Tool> make_completion();
std::unique_ptr<Tool> make_gen();
// The kinds of duty gen (tools/gen.cpp, tools/gen_cases.cpp).
std::unique_ptr<Tool> make_gen_lists();
std::unique_ptr<Tool> make_gen_cases();
int cmd_ingest(int argc, char** argv);
int cmd_query(int argc, char** argv);
int cmd_rates(int argc, char** argv);
int cmd_report(int argc, char** argv);

} // namespace duty::tools
