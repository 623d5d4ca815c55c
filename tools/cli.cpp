#include "cli.hpp"

#include "output/report.hpp"
#include "util/error.hpp"

#include <unistd.h>

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

void
add_report_options(CLI::App& app, std::string& format, std::string& color,
                   const std::vector<std::string>& extra_formats)
{
  std::vector<std::string> formats{"auto", "text", "json", "sarif", "github"};
  formats.insert(formats.end(), extra_formats.begin(), extra_formats.end());
  std::string help = "Output format: auto (github under GitHub Actions, else text), text, json, sarif, github";
  for (const auto& f : extra_formats)
    help += ", " + f;
  app.add_option("-f,--format", format, help)->check(CLI::IsMember(formats))->capture_default_str();
  app.add_option("--color", color, "Colour text output: auto, always, never")
    ->check(CLI::IsMember({"auto", "always", "never"}))
    ->capture_default_str();
}

int
report(std::vector<diag::Diagnostic>& diags, const lists::ListSet& set, const std::string& command,
       const std::string& format, const std::string& color, bool unreadable)
{
  diag::sort_diagnostics(diags);
  output::ReportContext ctx;
  ctx.command = command;
  ctx.color = output::use_color(color, STDOUT_FILENO);
  ctx.files = set.files.size();
  ctx.items = set.item_count();
  auto f = output::resolve_format(*output::parse_format(format));
  if (!write_stdout(output::format_report(diags, f, ctx)))
    return exit_usage;
  if (unreadable)
    return exit_usage;
  return diag::count(diags).errors > 0 ? exit_findings : exit_clean;
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
