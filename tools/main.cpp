// duty: one executable, git-style subcommands (see commands.cpp for the table).
#include "cli.hpp"
#include "commands.hpp"
#include "tool.hpp"

#include "util/error.hpp"
#include "util/spell.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fmt/format.h>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using namespace duty;
using tools::find_command;

std::string
usage()
{
  std::string out = "usage: duty [--version] [--help] COMMAND [ARGS...]\n\n"
                    "Audit government duty lists (权力清单, 责任清单, 任务清单, 主责清单) and the\n"
                    "complaint workflows that run on them (吹哨报到, 接诉即办).\n\n"
                    "Commands:\n";
  for (const auto& c : tools::commands())
    out += fmt::format("  {:<10}  {}\n", c.name, c.summary);
  out += "\n'duty help COMMAND' or 'duty COMMAND --help' shows a command's options;\n"
         "'man duty-COMMAND' its manual. 'duty NAME' runs 'duty-NAME' from PATH when\n"
         "NAME is not a built-in command.\n"
         "Exit status: 0 clean, 1 findings or errors in the input, 2 usage error or\n"
         "unreadable input.\n";
  return out;
}

// Searches PATH for an executable `duty-NAME`, as git does for git-NAME.
std::string
find_external(const std::string& name)
{
  const char* path = std::getenv("PATH");
  if (!path || name.find('/') != std::string::npos)
    return {};
  std::string_view rest(path);
  while (true) {
    size_t colon = rest.find(':');
    std::string dir(rest.substr(0, colon));
    if (dir.empty())
      dir = ".";
    std::string candidate = dir + "/duty-" + name;
    if (::access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate))
      return candidate;
    if (colon == std::string_view::npos)
      return {};
    rest.remove_prefix(colon + 1);
  }
}

// Runs `cmd`, turning what it throws into a message and an exit status.
int
run_command(const tools::Command& cmd, int argc, char** argv)
{
  try {
    return tools::run_tool(cmd.make(), "duty " + std::string(cmd.name), argc, argv);
  } catch (const tools::ClosedPipe&) {
    return exit_clean; // the reader has all it wanted (duty … | head)
  } catch (const UsageError& e) {
    fmt::print(stderr, "duty {}: error: {}\n", cmd.name, e.what());
    return exit_usage;
  } catch (const IoError& e) {
    fmt::print(stderr, "duty {}: error: {}\n", cmd.name, e.what());
    return exit_usage;
  } catch (const InputError& e) {
    fmt::print(stderr, "duty {}: error: {}\n", cmd.name, e.what());
    return exit_findings;
  } catch (const std::bad_alloc&) {
    fmt::print(stderr, "duty {}: error: out of memory\n", cmd.name);
    return exit_usage;
  } catch (const std::exception& e) {
    fmt::print(stderr, "duty {}: internal error: {}\n", cmd.name, e.what());
    return exit_usage;
  }
}

// Prints duty's own output (usage, help, version); a closed pipe ends it quietly.
int
print(const std::string& text, int status = exit_clean)
{
  try {
    tools::write_stdout(text);
  } catch (const tools::ClosedPipe&) {
    return exit_clean;
  } catch (const IoError& e) {
    fmt::print(stderr, "duty: error: {}\n", e.what());
    return exit_usage;
  }
  return status;
}

// Runs the external command `path` with `args` (args[0] is its name); returns only on failure.
int
exec_external(const std::string& path, std::vector<char*> args)
{
  args.push_back(nullptr);
  std::signal(SIGPIPE, SIG_DFL); // what we ignore, the child must not inherit
  ::execv(path.c_str(), args.data());
  fmt::print(stderr, "duty: error: cannot run {}: {}\n", path, std::strerror(errno));
  return exit_usage;
}

// An option before the command (duty --verbose validate): duty itself takes
// only --help and --version; say so, and whether the command has it.
int
option_before_command(int argc, char** argv)
{
  std::string option = argv[1];
  std::string name = option.substr(0, option.find('='));
  std::string message = fmt::format("duty: error: unknown option '{}': duty itself takes only --help and --version", name);
  for (int i = 2; i < argc; ++i) {
    const tools::Command* cmd = find_command(argv[i]);
    if (!cmd)
      continue;
    tools::Described d = tools::describe(cmd->make(), "duty " + std::string(cmd->name));
    bool has = false;
    try {
      has = d.app->get_option(name) != nullptr;
    } catch (const CLI::OptionNotFound&) {
    }
    if (has)
      message += fmt::format("; options go after the command: duty {} {}", cmd->name, option);
    else
      message += fmt::format(", and 'duty {}' has no {} either (see 'duty {} --help')", cmd->name, name, cmd->name);
    break;
  }
  fmt::print(stderr, "{}\n", message);
  return exit_usage;
}

// A subcommand of `app` named `name` (duty gen lists), or nullptr.
CLI::App*
find_subcommand(CLI::App& app, std::string_view name)
{
  auto subs = app.get_subcommands([&](const CLI::App* a) { return a->get_name() == name; });
  return subs.empty() ? nullptr : subs.front();
}

int
not_a_command(const std::string& what, const std::string& noun, const std::string& name,
              std::vector<std::string_view> names, const std::string& see)
{
  fmt::print(stderr, "duty: '{}' is not a {}. See '{}'.\n", name, what, see);
  std::string s = duty::util::suggest(name, names);
  if (!s.empty())
    fmt::print(stderr, "\nThe most similar {} is\n\t{}\n", noun, s);
  return exit_usage;
}

std::vector<std::string_view>
command_names()
{
  std::vector<std::string_view> names;
  for (const auto& c : duty::tools::commands())
    names.push_back(c.name);
  names.push_back("help");
  return names;
}

// duty help [COMMAND [KIND]]: a built-in command's help (or its kind's), or
// `duty-NAME --help` for an external command.
int
help(int argc, char** argv)
{
  if (argc < 2)
    return print(usage());
  std::string name = argv[1];
  if (name == "help" || name == "--help" || name == "-h") {
    return print("usage: duty help [COMMAND [KIND]]\n\n"
                 "Shows a command's options ('duty help gen lists' shows a kind's), or runs\n"
                 "'duty-NAME --help' for an external command found on PATH. Without a\n"
                 "command, lists the commands. 'man duty-COMMAND' shows a command's manual.\n");
  }
  const tools::Command* cmd = find_command(name);
  if (cmd) {
    tools::Described d = tools::describe(cmd->make(), "duty " + name);
    CLI::App* app = d.app.get();
    std::string prev;
    for (int i = 2; i < argc; ++i) {
      CLI::App* sub = find_subcommand(*app, argv[i]);
      if (!sub) {
        std::vector<std::string_view> names;
        for (const CLI::App* a : app->get_subcommands([](const CLI::App*) { return true; }))
          names.push_back(a->get_name());
        if (names.empty()) {
          fmt::print(stderr, "duty: '{}' has no kinds or subcommands; see 'duty help {}'\n",
                     tools::full_name(*app), name);
          return exit_usage;
        }
        return not_a_command("kind of '" + tools::full_name(*app) + "'", "kind", argv[i], names,
                             tools::full_name(*app) + " --help");
      }
      prev = tools::full_name(*app);
      app = sub;
    }
    return print(prev.empty() ? app->help() : app->help(prev));
  }
  if (!name.starts_with("-")) {
    std::string external = find_external(name);
    if (!external.empty()) {
      char flag[] = "--help";
      return exec_external(external, {external.data(), flag});
    }
  }
  return not_a_command("duty command", "command", name, command_names(), "duty --help");
}

} // namespace

int
main(int argc, char** argv)
{
  // A closed pipe (duty … | head) should end us quietly with an error on write,
  // not kill us mid-transaction.
  std::signal(SIGPIPE, SIG_IGN);
  if (argc < 2)
    return print(usage(), exit_usage);
  std::string first = argv[1];
  if (first == "--version" || first == "-V")
    return print(fmt::format("duty {}\n", DUTY_VERSION));
  if (first == "--help" || first == "-h")
    return print(usage());
  if (first == "help")
    return help(argc - 1, argv + 1);
  if (const auto* cmd = find_command(first))
    return run_command(*cmd, argc - 1, argv + 1);
  if (!first.starts_with("-")) {
    std::string external = find_external(first);
    if (!external.empty()) {
      std::vector<char*> args(argv + 1, argv + argc);
      args[0] = external.data();
      return exec_external(external, std::move(args));
    }
  }
  if (first.size() > 1 && first[0] == '-')
    return option_before_command(argc, argv);
  return not_a_command("duty command", "command", first, command_names(), "duty --help");
}
