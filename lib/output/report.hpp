#pragma once

#include "diag/diagnostic.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duty::output {

enum class Format { automatic, text, json, sarif, github };

std::optional<Format>
parse_format(std::string_view name);

// `auto` is github under GitHub Actions (GITHUB_ACTIONS=true), text otherwise.
Format
resolve_format(Format f);

// Whether to colour text output: only on a terminal, never with NO_COLOR set
// or TERM=dumb; `choice` is "auto", "always" or "never".
bool
use_color(std::string_view choice, int fd);

struct ReportContext
{
  std::string command;   // "validate", "audit": named in summaries
  bool color = false;
  size_t files = 0;      // list files read
  size_t items = 0;      // items loaded
  size_t github_limit = 10; // annotations GitHub shows per severity and step
};

std::string
format_text(const std::vector<diag::Diagnostic>& diags, const ReportContext& ctx);
std::string
format_json(const std::vector<diag::Diagnostic>& diags, const ReportContext& ctx);
std::string
format_sarif(const std::vector<diag::Diagnostic>& diags, const ReportContext& ctx);
std::string
format_github(const std::vector<diag::Diagnostic>& diags, const ReportContext& ctx);

// Dispatches on a resolved format (not automatic).
std::string
format_report(const std::vector<diag::Diagnostic>& diags, Format f, const ReportContext& ctx);

// "2 errors, 1 warning (3 suppressed) in 14 files, 3201 items" — one summary wording for all formats.
std::string
summary_line(const diag::Counts& c, const ReportContext& ctx);

} // namespace duty::output
