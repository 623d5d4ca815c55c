#include "output/report.hpp"
#include "util/text.hpp"

#include <fmt/color.h>
#include <fmt/format.h>

namespace duty::output {

namespace {

constexpr size_t kMaxEcho = 160; // code points of a source line we echo

struct Styles
{
  fmt::text_style error, warning, note, bold, dim;
};

Styles
make_styles(bool color)
{
  if (!color)
    return {};
  return {fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold,
          fmt::fg(fmt::terminal_color::yellow) | fmt::emphasis::bold,
          fmt::fg(fmt::terminal_color::cyan) | fmt::emphasis::bold, fmt::emphasis::bold,
          fmt::fg(fmt::terminal_color::bright_black)};
}

// Echoes the source line with a caret under the column; very long lines are
// cut to a window around the column so a huge scalar never floods the screen.
void
append_snippet(std::string& out, const diag::Location& loc, const Styles& st)
{
  if (loc.line <= 0 || (loc.source.empty() && loc.column <= 1))
    return;
  std::u32string line;
  for (size_t i = 0; i < loc.source.size();) {
    char32_t c = util::decode_utf8(loc.source, i);
    // Control bytes (a NUL in a binary file, ESC, C1, a bidi override) would garble
    // the terminal or reorder the line: show them as U+FFFD, one column each.
    line += c == '\t' ? U' ' : util::is_terminal_control(c) ? U'\uFFFD' : c;
  }
  size_t col = loc.column > 0 ? static_cast<size_t>(loc.column - 1) : 0;
  size_t begin = col > 60 ? col - 60 : 0;
  size_t end = std::min(line.size(), begin + kMaxEcho);
  std::string shown, before;
  if (begin > 0)
    shown += "…";
  for (size_t i = begin; i < end; ++i)
    util::append_utf8(shown, line[i]);
  if (end < line.size())
    shown += "…";
  if (begin > 0)
    before += "…";
  for (size_t i = begin; i < std::min(col, line.size()); ++i)
    util::append_utf8(before, line[i]);
  std::string num = std::to_string(loc.line);
  std::string gutter(num.size(), ' ');
  out += fmt::format(st.dim, "{} |\n", gutter);
  out += fmt::format(st.dim, "{} | ", num);
  out += shown + "\n";
  out += fmt::format(st.dim, "{} | ", gutter);
  size_t width = 1;
  if (loc.end_column > loc.column) {
    std::string span;
    for (size_t i = col; i < std::min<size_t>(loc.end_column - 1, line.size()); ++i)
      util::append_utf8(span, line[i]);
    width = std::max<size_t>(1, util::display_width(span));
  }
  out += std::string(util::display_width(before), ' ');
  out += fmt::format(st.bold, "^{}", std::string(width - 1, '~'));
  out += "\n";
}

} // namespace

std::string
format_text(const std::vector<diag::Diagnostic>& diags, const ReportContext& ctx)
{
  return format_text_body(diags, ctx) + summary_line(diag::count(diags), ctx) + "\n";
}

std::string
format_text_body(const std::vector<diag::Diagnostic>& diags, const ReportContext& ctx)
{
  Styles st = make_styles(ctx.color);
  std::string out;
  for (const auto& d : diags) {
    if (d.suppressed)
      continue;
    const auto& l = d.location;
    std::string where = util::terminal_safe(l.file);
    if (l.line > 0)
      where += fmt::format(":{}", l.line);
    if (l.column > 0)
      where += fmt::format(":{}", l.column);
    const fmt::text_style& sev = d.severity == diag::Severity::error     ? st.error
                                 : d.severity == diag::Severity::warning ? st.warning
                                                                         : st.note;
    out += fmt::format(st.bold, "{}:", where);
    out += " ";
    out += fmt::format(sev, "{}:", diag::severity_name(d.severity));
    out += fmt::format(" {} [{}]\n", util::terminal_safe(d.message), d.rule);
    append_snippet(out, l, st);
    for (const auto& r : d.related) {
      std::string rw = util::terminal_safe(r.location.file);
      if (r.location.line > 0)
        rw += fmt::format(":{}", r.location.line);
      if (r.location.column > 0)
        rw += fmt::format(":{}", r.location.column);
      out += fmt::format("  {}: {}\n", rw, util::terminal_safe(r.message));
    }
    if (!d.hint.empty())
      out += fmt::format("  = hint: {}\n", util::terminal_safe(d.hint));
  }
  return out;
}

} // namespace duty::output
