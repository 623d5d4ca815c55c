#include "output/report.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <unistd.h>

namespace duty::output {

std::optional<Format>
parse_format(std::string_view name)
{
  if (name == "auto")
    return Format::automatic;
  if (name == "text")
    return Format::text;
  if (name == "json")
    return Format::json;
  if (name == "sarif")
    return Format::sarif;
  if (name == "github")
    return Format::github;
  return std::nullopt;
}

Format
resolve_format(Format f)
{
  if (f != Format::automatic)
    return f;
  const char* gha = std::getenv("GITHUB_ACTIONS");
  return gha && std::string_view(gha) == "true" ? Format::github : Format::text;
}

bool
use_color(std::string_view choice, int fd)
{
  if (choice == "always")
    return true;
  if (choice == "never")
    return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color)
    return false;
  const char* term = std::getenv("TERM");
  if (term && std::string_view(term) == "dumb")
    return false;
  return ::isatty(fd) == 1;
}

std::string
format_report(const std::vector<diag::Diagnostic>& diags, Format f, const ReportContext& ctx)
{
  switch (f) {
  case Format::json: return format_json(diags, ctx);
  case Format::sarif: return format_sarif(diags, ctx);
  case Format::github: return format_github(diags, ctx);
  case Format::text:
  case Format::automatic: break;
  }
  return format_text(diags, ctx);
}

std::string
summary_line(const diag::Counts& c, const ReportContext& ctx)
{
  auto plural = [](size_t n, const char* word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  std::string s = fmt::format("{}, {}", plural(c.errors, "error"), plural(c.warnings, "warning"));
  if (c.suppressed)
    s += fmt::format(" ({} suppressed)", c.suppressed);
  s += fmt::format(" in {}, {}", plural(ctx.files, "file"), plural(ctx.items, "item"));
  return s;
}

} // namespace duty::output
