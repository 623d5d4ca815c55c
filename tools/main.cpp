// duty: one executable, git-style subcommands (see commands.cpp for the table).
#include "commands.hpp"

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

const tools::Command*
find_command(std::string_view name)
{
  for (const auto& c : tools::commands())
    if (c.name == name)
      return &c;
  return nullptr;
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
  if (first == "help") {
    if (argc < 3) {
      print_usage();
      return exit_clean;
    }
    if (const auto* cmd = find_command(argv[2])) {
      char help[] = "--help";
      char* args[] = {argv[2], help, nullptr};
      return run_command(*cmd, 2, args);
    }
    first = argv[2];
  } else if (const auto* cmd = find_command(first)) {
    return run_command(*cmd, argc - 1, argv + 1);
  } else if (!first.starts_with("-")) {
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
  std::vector<std::string_view> names;
  for (const auto& c : duty::tools::commands())
    names.push_back(c.name);
  names.push_back("help");
  fmt::print(stderr, "duty: '{}' is not a duty command. See 'duty --help'.\n", first);
  std::string s = duty::util::suggest(first, names);
  if (!s.empty())
    fmt::print(stderr, "\nThe most similar command is\n\t{}\n", s);
  return exit_usage;
}
