#include "cli.hpp"

#include "util/error.hpp"

#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>

namespace duty::tools {

std::optional<int>
parse(CLI::App& app, int argc, char** argv)
{
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    fmt::print("{}", app.help());
    return exit_clean;
  } catch (const CLI::CallForAllHelp&) {
    fmt::print("{}", app.help("", CLI::AppFormatMode::All));
    return exit_clean;
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "duty {}: error: {}\nTry 'duty {} --help'.\n", app.get_name(), e.what(),
               app.get_name());
    return exit_usage;
  }
  return std::nullopt;
}

void
add_lists_option(CLI::App& app, std::string& lists)
{
  app.add_option("--lists", lists, "List-set directory (default: $DUTY_LISTS)");
}

std::string
lists_dir(const std::string& lists)
{
  if (!lists.empty())
    return lists;
  const char* env = std::getenv("DUTY_LISTS");
  if (env && *env)
    return env;
  throw UsageError("no list set given: pass --lists DIR or set DUTY_LISTS");
}

int
usage_error(const std::string& message)
{
  fmt::print(stderr, "duty: error: {}\n", message);
  return exit_usage;
}

bool
write_stdout(const std::string& data)
{
  bool ok = std::fwrite(data.data(), 1, data.size(), stdout) == data.size();
  return std::fflush(stdout) == 0 && ok;
}

} // namespace duty::tools
