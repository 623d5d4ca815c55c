#pragma once

#include "diag/diagnostic.hpp"
#include "output/format.hpp"
#include "util/json.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duty::output {

// The formats findings are written in.
inline constexpr Format kFindingFormats[] = {Format::automatic, Format::text, Format::json, Format::sarif,
                                             Format::github};

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
// format_text without the summary line.
std::string
format_text_body(const std::vector<diag::Diagnostic>& diags, const ReportContext& ctx);
std::string
format_json(const std::vector<diag::Diagnostic>& diags, const ReportContext& ctx);
std::string
format_sarif(const std::vector<diag::Diagnostic>& diags, const ReportContext& ctx);
std::string
format_github(const std::vector<diag::Diagnostic>& diags, const ReportContext& ctx);

// One finding as a JSON object, as format_json writes it.
void
write_diagnostic_json(util::JsonWriter& w, const diag::Diagnostic& d);

// Dispatches on a resolved format: text, json, sarif or github.
std::string
format_report(const std::vector<diag::Diagnostic>& diags, Format f, const ReportContext& ctx);

// "2 errors, 1 warning (3 suppressed) in 14 files, 3201 items" — one summary wording for all formats.
std::string
summary_line(const diag::Counts& c, const ReportContext& ctx);

} // namespace duty::output
