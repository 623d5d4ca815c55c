#include "output/report.hpp"

#include <fmt/format.h>

namespace duty::output {

std::string
format_report(const std::vector<diag::Diagnostic>& diags, Format f, const ReportContext& ctx)
{
  switch (f) {
  case Format::json: return format_json(diags, ctx);
  case Format::sarif: return format_sarif(diags, ctx);
  case Format::github: return format_github(diags, ctx);
  default: break;
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
