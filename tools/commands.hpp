#pragma once

#include "tool.hpp"

#include <memory>
#include <span>
#include <string_view>

namespace duty::tools {

// One row per subcommand: its name, a one-line summary for `duty --help`, and
// how to make it. A Tool declares its options apart from running, so that
// help, completion and the man-page tests read them without running it.
struct Command
{
  std::string_view name;
  std::string_view summary;
  std::unique_ptr<Tool> (*make)() = nullptr;
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
std::unique_ptr<Tool> make_ingest();
std::unique_ptr<Tool> make_query();
std::unique_ptr<Tool> make_replay();
std::unique_ptr<Tool> make_rates();
std::unique_ptr<Tool> make_report();

} // namespace duty::tools
