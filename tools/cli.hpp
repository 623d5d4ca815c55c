#pragma once

// Shared plumbing for the subcommands' argument parsing. Only tools/ sees CLI11.
#include "diag/diagnostic.hpp"
#include "lists/config.hpp"
#include "lists/model.hpp"
#include "output/format.hpp"
#include "resolve/context.hpp"
#include "util/time.hpp"

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <span>
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

// The one way a command loads the list set it works against: everything
// `duty validate` checks. A set with errors is reported on standard error as
// validate reports it, then the command stops: InputError (exit 1) for errors
// in the lists, UsageError (exit 2) when a file could not be read.
// `color` (auto, always, never) colours that report.
std::unique_ptr<resolve::Context>
load_lists(const std::string& dir, const std::string& color = "auto");

// The assessment profile --profile SPEC names (lists::choose_profile: a
// profile id of `lists`, a built-in, or a file); `source` says where it came
// from. A profile file with errors is reported on standard error as
// load_lists reports a broken set: InputError, or UsageError when unreadable.
struct ChosenProfile
{
  lists::Profile profile;
  std::string source;
};
ChosenProfile
load_profile(const std::string& spec, const resolve::Context* lists);
// The profile a command uses: --profile when given, else the config's (a
// problem with it is then named at the config's line), else the default.
ChosenProfile
load_profile(const std::string& given, const lists::Config& config, const resolve::Context* lists);

// Checks rule ids given to --only or --skip (`option`): an unknown one is a
// usage error with a did-you-mean.
void
check_rule_names(const std::vector<std::string>& names, const char* option);

// Adds -f/--format with the names of `allowed` (one vocabulary for every
// command, output/format.hpp); the value is checked by output::parse_format_for.
void
add_format_option(CLI::App& app, std::string& format, std::span<const output::Format> allowed,
                  std::string_view help = "Output format");

// Adds --color auto|always|never.
void
add_color_option(CLI::App& app, std::string& color);

// Adds --format (the finding formats, plus `extra`) and --color.
void
add_report_options(CLI::App& app, std::string& format, std::string& color,
                   std::span<const output::Format> extra = {});

// Sorts and prints findings about a list set in the chosen format; returns
// the exit status: 2 if some input was unreadable (or stdout failed), 1 if
// any unsuppressed error, else 0.
int
report(std::vector<diag::Diagnostic>& diags, const lists::ListSet& set, const std::string& command,
       const std::string& format, const std::string& color, bool unreadable);

// The same with the counts of files and items the summary names.
int
report(std::vector<diag::Diagnostic>& diags, size_t files, size_t items, const std::string& command,
       const std::string& format, const std::string& color, bool unreadable);

// The config file of the list set at `dir` (duty-config(5)); an empty config
// when there is none. A config with errors is a usage error: its findings go
// to stderr and UsageError is thrown.
lists::Config
config_for(const std::string& dir);

// --as-of DATE, the date the lists are read as in force on.
CLI::Option*
add_as_of_option(CLI::App& app, std::string& as_of);

// --strict / --no-strict; unset, the config file decides.
struct StrictOption
{
  bool value = false;
  CLI::Option* option = nullptr;

  void add_to(CLI::App& app);
  bool resolve(const lists::Config& config) const;
};

// Prints "duty: error: MSG" to stderr; returns 2.
int
usage_error(const std::string& message);

// The time of --as-of (YYYY-MM-DD [HH:MM[:SS]], Beijing time), or `fallback`
// when not given; throws UsageError for anything else.
util::Timestamp
as_of_option(const std::string& text, util::Timestamp fallback);

// Thrown when the reader of standard output has gone (`duty … | head`):
// the command stops and duty exits 0, quietly.
struct ClosedPipe
{};

// The one way a command writes to standard output: all of `data`, or a
// ClosedPipe, or an IoError naming the failure (a full disk, /dev/full: exit 2).
void
write_stdout(std::string_view data);

} // namespace duty::tools
