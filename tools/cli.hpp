#pragma once

// Shared plumbing for the subcommands' argument parsing. Only tools/ sees CLI11.
#include "diag/diagnostic.hpp"
#include "lists/model.hpp"

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

// Adds --format auto|text|json|sarif|github and --color auto|always|never.
void
add_report_options(CLI::App& app, std::string& format, std::string& color,
                   const std::vector<std::string>& extra_formats = {});

// Sorts and prints findings about a list set in the chosen format; returns
// the exit status: 2 if some input was unreadable (or stdout failed), 1 if
// any unsuppressed error, else 0.
int
report(std::vector<diag::Diagnostic>& diags, const lists::ListSet& set, const std::string& command,
       const std::string& format, const std::string& color, bool unreadable);

// Prints "duty: error: MSG" to stderr; returns 2.
int
usage_error(const std::string& message);

// Writes `data` to stdout in full; returns false on a write error (e.g. a closed pipe).
bool
write_stdout(const std::string& data);

} // namespace duty::tools
