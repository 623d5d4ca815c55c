#include "output/report.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

namespace duty::output {

namespace {

// Workflow-command escaping: the message escapes %, CR and LF; property
// values additionally escape ':' and ','. Terminal controls from the data
// (tabs, ESC, bidi) are shown escaped first, as in every text output.
std::string
escape(std::string_view raw, bool property)
{
  std::string safe; // CR and LF stay, for the %0D and %0A below
  size_t start = 0;
  for (size_t i = 0; i <= raw.size(); ++i)
    if (i == raw.size() || raw[i] == '\r' || raw[i] == '\n') {
      safe += util::terminal_safe(raw.substr(start, i - start));
      if (i < raw.size())
        safe += raw[i];
      start = i + 1;
    }
  std::string out;
  for (char c : safe) {
    switch (c) {
    case '%': out += "%25"; break;
    case '\r': out += "%0D"; break;
    case '\n': out += "%0A"; break;
    case ':': out += property ? "%3A" : ":"; break;
    case ',': out += property ? "%2C" : ","; break;
    default: out += c;
    }
  }
  return out;
}

} // namespace

std::string
format_github(const std::vector<diag::Diagnostic>& diags, const ReportContext& ctx)
{
  std::string out;
  size_t errors = 0, warnings = 0, notes = 0;
  for (const auto& d : diags) {
    if (d.suppressed)
      continue;
    const char* cmd = d.severity == diag::Severity::error     ? "error"
                      : d.severity == diag::Severity::warning ? "warning"
                                                              : "notice";
    (d.severity == diag::Severity::error     ? errors
     : d.severity == diag::Severity::warning ? warnings
                                             : notes)++;
    std::string props = "file=" + escape(d.location.file, true);
    if (d.location.line > 0)
      props += fmt::format(",line={}", d.location.line);
    if (d.location.column > 0)
      props += fmt::format(",col={}", d.location.column);
    if (d.location.end_column > d.location.column)
      props += fmt::format(",endColumn={}", d.location.end_column);
    props += ",title=" + escape("duty " + d.rule, true);
    std::string msg = d.message;
    if (!d.hint.empty())
      msg += "\nhint: " + d.hint;
    out += fmt::format("::{} {}::{}\n", cmd, props, escape(msg, false));
  }
  size_t hidden = (errors > ctx.github_limit ? errors - ctx.github_limit : 0) +
                  (warnings > ctx.github_limit ? warnings - ctx.github_limit : 0) +
                  (notes > ctx.github_limit ? notes - ctx.github_limit : 0);
  if (hidden > 0)
    out += fmt::format("::notice title=duty::{}{} more findings than GitHub annotates (at most {} "
                       "per severity); the log above and --format sarif list them all\n",
                       escape(summary_line(diag::count(diags), ctx), false) + "%0A", hidden,
                       ctx.github_limit);
  else
    out += fmt::format("{}\n", summary_line(diag::count(diags), ctx));
  return out;
}

} // namespace duty::output
