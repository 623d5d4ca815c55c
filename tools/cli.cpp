#include "cli.hpp"
#include "tool.hpp"

#include "diag/rules.hpp"
#include "lists/profile.hpp"

#include "lists/load.hpp"
#include "output/report.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include "util/spell.hpp"
#include "util/text.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>

namespace duty::tools {

namespace {

// The options of `app` by their long and short names ("--format", "-f").
std::vector<std::string>
option_names(const CLI::App& app)
{
  std::vector<std::string> names;
  for (const CLI::Option* o : app.get_options()) {
    if (o->get_positional() || o->get_group().empty())
      continue;
    for (const auto& l : o->get_lnames())
      names.push_back("--" + l);
    for (const auto& s : o->get_snames())
      names.push_back("-" + s);
  }
  return names;
}

// CLI11 reports an unknown option with whatever else it could not place
// ("The following arguments were not expected: 城管 --color"), which blames
// innocent arguments: the unknown option is the cause, so name it alone.
std::string
explain_extras(const CLI::App& app, const CLI::ParseError& e)
{
  for (const std::string& arg : app.remaining()) {
    if (arg.size() < 2 || arg[0] != '-' || arg == "--")
      continue;
    std::string name = arg.substr(0, arg.find('='));
    std::vector<std::string> names = option_names(app);
    std::vector<std::string_view> candidates(names.begin(), names.end());
    std::string hint = util::did_you_mean(name, candidates);
    return "unknown option " + util::quote(name) + (hint.empty() ? "" : "; " + hint);
  }
  return e.what();
}

} // namespace

std::optional<int>
parse(CLI::App& app, int argc, char** argv)
{
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    write_stdout(app.help());
    return exit_clean;
  } catch (const CLI::CallForAllHelp&) {
    write_stdout(app.help("", CLI::AppFormatMode::All));
    return exit_clean;
  } catch (const CLI::ParseError& e) {
    CLI::App& where = selected(app);
    std::string name = full_name(where);
    if (!name.starts_with("duty "))
      name = "duty " + name;
    // (CLI11 names an ExtrasError after the app, not the error: test the type.)
    std::string message = dynamic_cast<const CLI::ExtrasError*>(&e) ? explain_extras(where, e) : e.what();
    fmt::print(stderr, "{}: error: {}\nTry '{} --help'.\n", name, message, name);
    return exit_usage;
  }
  return std::nullopt;
}

void
add_lists_option(CLI::App& app, std::string& lists)
{
  app.add_option("--lists", lists, "List-set directory (default: $DUTY_LISTS)")->type_name("DIR");
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
load_lists(const std::string& dir, const std::string& color)
{
  lists::LoadResult loaded = lists::load_and_check({dir});
  if (loaded.unreadable || diag::count(loaded.diags).errors > 0) {
    diag::sort_diagnostics(loaded.diags);
    output::ReportContext ctx;
    ctx.color = output::use_color(color, STDERR_FILENO);
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

ChosenProfile
load_profile(const std::string& given, const lists::Config& config, const resolve::Context* lists)
{
  std::string spec = lists::profile_spec(given, config);
  if (!given.empty() || config.profile.empty())
    return load_profile(spec, lists);
  // "--profile[ SPEC]: why" was not given: the config's line said it.
  auto reworded = [&](std::string_view why) {
    if (why.starts_with("--profile") && why.find(": ") != std::string_view::npos)
      why.remove_prefix(why.find(": ") + 2);
    const diag::Location& at = config.profile_at;
    return fmt::format("{}:{}:{}: profile: {}{}", at.file, at.line, at.column,
                       spec == config.profile ? "" : spec + ": ", why);
  };
  try {
    return load_profile(spec, lists);
  } catch (const UsageError& e) {
    throw UsageError(reworded(e.what()));
  } catch (const InputError& e) {
    throw InputError(reworded(e.what()));
  }
}

void
check_rule_names(const std::vector<std::string>& names, const char* option)
{
  std::vector<std::string_view> ids;
  for (const auto& r : diag::all_rules())
    ids.push_back(r.id);
  for (const auto& n : names)
    if (!diag::find_rule(n)) {
      std::string hint = util::did_you_mean(n, ids);
      throw UsageError(fmt::format("{}: unknown rule \"{}\"{}", option, n, hint.empty() ? "" : "; " + hint));
    }
}

void
add_format_option(CLI::App& app, std::string& format, std::span<const output::Format> allowed,
                  std::string_view help)
{
  std::vector<output::Format> formats(allowed.begin(), allowed.end());
  // The names in the type name, as CLI11 shows an IsMember set: for the help and
  // for the completion scripts, which read choices from it.
  std::string names;
  for (output::Format f : allowed)
    names += (names.empty() ? "" : ",") + std::string(output::format_name(f));
  app.add_option("-f,--format", format, std::string(help) + ": " + output::describe_formats(allowed))
    ->type_name("FORMAT:{" + names + "}")
    ->check([formats](const std::string& value) -> std::string {
      try {
        output::parse_format_for(value, formats);
        return {};
      } catch (const std::exception& e) {
        // CLI11 names the option itself.
        std::string_view why = e.what();
        if (why.starts_with("--format: "))
          why.remove_prefix(10);
        return std::string(why);
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
  return report(diags, set.files.size(), set.item_count(), command, format, color, unreadable);
}

int
report(std::vector<diag::Diagnostic>& diags, size_t files, size_t items, const std::string& command,
       const std::string& format, const std::string& color, bool unreadable)
{
  diag::sort_diagnostics(diags);
  output::ReportContext ctx;
  ctx.command = command;
  ctx.color = output::use_color(color, STDOUT_FILENO);
  ctx.files = files;
  ctx.items = items;
  auto f = output::parse_format_for(format, output::kFindingFormats);
  write_stdout(output::format_report(diags, f, ctx));
  if (unreadable)
    return exit_usage;
  return diag::count(diags).errors > 0 ? exit_findings : exit_clean;
}

lists::Config
config_for(const std::string& dir)
{
  lists::ConfigResult r = lists::load_config(dir);
  if (diag::count(r.diags).errors == 0)
    return r.config;
  diag::sort_diagnostics(r.diags);
  output::ReportContext ctx;
  ctx.files = 1;
  std::string text = output::format_text(r.diags, ctx);
  text.erase(text.rfind('\n', text.size() - 2) + 1); // the summary line speaks of lists
  std::fputs(text.c_str(), stderr);
  throw UsageError("the config file " + r.config.path + " has errors; see duty-config(5)");
}

CLI::Option*
add_as_of_option(CLI::App& app, std::string& as_of)
{
  return app.add_option("--as-of", as_of,
                        "Read the lists as in force on this date, YYYY-MM-DD (default: the config's "
                        "as-of, else today)")
    ->type_name("DATE");
}

void
StrictOption::add_to(CLI::App& app)
{
  option = app.add_flag("--strict,!--no-strict", value,
                        "Treat warnings as errors (--no-strict: not even if the config file says so)");
}

bool
StrictOption::resolve(const lists::Config& config) const
{
  if (option && option->count() > 0)
    return value;
  return config.strict.value_or(false);
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

void
write_stdout(std::string_view data)
{
  std::fflush(stdout); // whatever went through stdio first
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(STDOUT_FILENO, data.data() + done, data.size() - done);
    if (n >= 0) {
      done += static_cast<size_t>(n);
      continue;
    }
    if (errno == EINTR)
      continue;
    if (errno == EPIPE)
      throw ClosedPipe();
    throw IoError(std::string("cannot write to standard output: ") + std::strerror(errno));
  }
}

} // namespace duty::tools
