#pragma once

// Shared plumbing for the subcommands' argument parsing. Only tools/ sees CLI11.
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace duty::tools {

// Parses argv into `app`. Returns an exit code when the tool should stop now:
// 0 after --help, 2 after a usage error (CLI11's own codes are not ours).
std::optional<int>
parse(CLI::App& app, int argc, char** argv);

// Adds --lists DIR (default $DUTY_LISTS) in the same way to every tool that reads a list set.
void
add_lists_option(CLI::App& app, std::string& lists);

// The list set to read: `lists`, else $DUTY_LISTS; throws UsageError when neither is set.
std::string
lists_dir(const std::string& lists);

// Prints "duty: error: MSG" to stderr; returns 2.
int
usage_error(const std::string& message);

// Writes `data` to stdout in full; returns false on a write error (e.g. a closed pipe).
bool
write_stdout(const std::string& data);

} // namespace duty::tools
