#include "cli.hpp"

#include "lists/profile.hpp"

#include "lists/load.hpp"
#include "output/report.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

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

std::unique_ptr<resolve::Context>
load_lists(const std::string& dir)
{
  lists::LoadResult loaded = lists::load_and_check({dir});
  if (loaded.unreadable || diag::count(loaded.diags).errors > 0) {
    diag::sort_diagnostics(loaded.diags);
    output::ReportContext ctx;
    ctx.color = output::use_color("auto", STDERR_FILENO);
    ctx.files = loaded.set.files.size();
    ctx.items = loaded.set.item_count();
    std::fputs(output::format_text(loaded.diags, ctx).c_str(), stderr);
    std::string message = dir + ": the list set has errors; see 'duty validate " + dir + "'";
    if (loaded.unreadable)
      throw UsageError(message);
    throw InputError(message);
  }
  return std::make_unique<resolve::Context>(std::move(loaded));
}

ChosenProfile
load_profile(const std::string& spec, const resolve::Context* lists)
{
  lists::ProfileChoice c = lists::choose_profile(spec, lists ? &lists->set() : nullptr);
  if (!c.profile) {
    diag::sort_diagnostics(c.diags);
    output::ReportContext ctx;
    ctx.color = output::use_color("auto", STDERR_FILENO);
    ctx.files = c.files.size();
    std::fputs(output::format_text(c.diags, ctx).c_str(), stderr);
    std::string message = "--profile " + spec + ": the profile has errors";
    if (c.unreadable)
      throw UsageError(message);
    throw InputError(message);
  }
  return {std::move(*c.profile), std::move(c.source)};
}

void
add_format_option(CLI::App& app, std::string& format, std::span<const output::Format> allowed,
                  std::string_view help)
{
  std::vector<output::Format> formats(allowed.begin(), allowed.end());
  app.add_option("-f,--format", format, std::string(help) + ": " + output::describe_formats(allowed))
    ->check([formats](const std::string& value) -> std::string {
      try {
        output::parse_format_for(value, formats);
        return {};
      } catch (const std::exception& e) {
        return e.what();
      }
    })
    ->capture_default_str();
}

void
add_color_option(CLI::App& app, std::string& color)
{
  app.add_option("--color", color, "Colour text output: auto, always, never")
    ->check(CLI::IsMember({"auto", "always", "never"}))
    ->capture_default_str();
}

void
add_report_options(CLI::App& app, std::string& format, std::string& color,
                   std::span<const output::Format> extra)
{
  std::vector<output::Format> formats(std::begin(output::kFindingFormats), std::end(output::kFindingFormats));
  formats.insert(formats.end(), extra.begin(), extra.end());
  add_format_option(app, format, formats,
                    "Output format (auto: github under GitHub Actions, else text)");
  add_color_option(app, color);
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
  auto f = output::parse_format_for(format, output::kFindingFormats);
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

util::Timestamp
as_of_option(const std::string& text, util::Timestamp fallback)
{
  if (text.empty())
    return fallback;
  auto t = util::parse_timestamp(text);
  if (!t)
    throw UsageError("--as-of " + util::quote(text) + ": expected YYYY-MM-DD, YYYY-MM-DD HH:MM or YYYY-MM-DD HH:MM:SS");
  return *t;
}

bool
write_stdout(const std::string& data)
{
  bool ok = std::fwrite(data.data(), 1, data.size(), stdout) == data.size();
  return std::fflush(stdout) == 0 && ok;
}

} // namespace duty::tools
