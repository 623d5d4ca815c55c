// duty: one executable, git-style subcommands (see commands.cpp for the table).
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

void
print_usage()
{
  fmt::print("usage: duty [--version] [--help] COMMAND [ARGS...]\n\n"
             "Audit government duty lists (权力清单, 责任清单, 任务清单, 主责清单) and the\n"
             "complaint workflows that run on them (吹哨报到, 接诉即办).\n\n"
             "Commands:\n");
  for (const auto& c : tools::commands())
    fmt::print("  {:<10}  {}\n", c.name, c.summary);
  fmt::print("\n'duty help COMMAND' or 'duty COMMAND --help' shows a command's options;\n"
             "'man duty-COMMAND' its manual. 'duty NAME' runs 'duty-NAME' from PATH when\n"
             "NAME is not a built-in command.\n"
             "Exit status: 0 clean, 1 findings or errors in the input, 2 usage error or\n"
             "unreadable input.\n");
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

int
run_command(const tools::Command& cmd, int argc, char** argv)
{
  try {
    if (cmd.make)
      return tools::run_tool(cmd.make(), "duty " + std::string(cmd.name), argc, argv);
    return cmd.run(argc, argv);
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
  if (argc < 2) {
    print_usage();
    return exit_clean;
  }
  std::string name = argv[1];
  if (name == "help" || name == "--help" || name == "-h") {
    fmt::print("usage: duty help [COMMAND [KIND]]\n\n"
               "Shows a command's options ('duty help gen lists' shows a kind's), or runs\n"
               "'duty-NAME --help' for an external command found on PATH. Without a\n"
               "command, lists the commands. 'man duty-COMMAND' shows a command's manual.\n");
    return exit_clean;
  }
  const tools::Command* cmd = find_command(name);
  if (cmd && cmd->make) {
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
    fmt::print("{}", prev.empty() ? app->help() : app->help(prev));
    return exit_clean;
  }
  if (cmd) {
    char flag[] = "--help";
    char* args[] = {argv[1], flag, nullptr};
    return run_command(*cmd, 2, args);
  }
  if (!name.starts_with("-")) {
    std::string external = find_external(name);
    if (!external.empty()) {
      char flag[] = "--help";
      char* args[] = {external.data(), flag, nullptr};
      ::execv(external.c_str(), args);
      fmt::print(stderr, "duty: error: cannot run {}: {}\n", external, std::strerror(errno));
      return exit_usage;
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
  if (argc < 2) {
    print_usage();
    return exit_usage;
  }
  std::string first = argv[1];
  if (first == "--version" || first == "-V") {
    fmt::print("duty {}\n", DUTY_VERSION);
    return exit_clean;
  }
  if (first == "--help" || first == "-h") {
    print_usage();
    return exit_clean;
  }
  if (first == "help")
    return help(argc - 1, argv + 1);
  if (const auto* cmd = find_command(first))
    return run_command(*cmd, argc - 1, argv + 1);
  if (!first.starts_with("-")) {
    std::string external = find_external(first);
    if (!external.empty()) {
      std::vector<char*> args(argv + 1, argv + argc);
      args[0] = external.data();
      args.push_back(nullptr);
      ::execv(external.c_str(), args.data());
      fmt::print(stderr, "duty: error: cannot run {}: {}\n", external, std::strerror(errno));
      return exit_usage;
    }
  }
  return not_a_command("duty command", "command", first, command_names(), "duty --help");
}
