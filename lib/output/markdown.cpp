// A report document as GitHub-flavoured Markdown, for pasting into documents:
// the same sections and the same numbers as the HTML, charts as tables of
// their values, every table through the one table renderer.
#include "output/document.hpp"

#include "util/text.hpp"

#include <fmt/format.h>

namespace duty::output {

namespace {

// Text of ours or from the data outside a table: one line, nothing a
// terminal or a Markdown reader would act on beyond plain text.
std::string
plain(std::string_view s)
{
  std::string out;
  for (char ch : util::terminal_safe(s)) {
    if (ch == '<')
      out += "&lt;";
    else if (ch == '>')
      out += "&gt;";
    else
      out += ch;
  }
  return out;
}

Table
figures_table(const Figures& f)
{
  bool changes = false;
  for (const auto& fig : f.items)
    changes |= fig.change.kind != Cell::Kind::null;
  Table t;
  t.name = f.title;
  t.add_column("key", "指标");
  t.add_column("value", changes ? "本期" : "数值");
  if (changes)
    t.add_column("change", "较上期");
  for (const auto& fig : f.items) {
    auto& row = t.rows.emplace_back();
    row = {Cell::of(fig.label), fig.value};
    if (!changes)
      continue;
    Cell change = fig.change;
    if (change.kind != Cell::Kind::null && !fig.change_unit.empty())
      change = Cell::of(cell_display(change) + " " + fig.change_unit);
    row.push_back(change);
  }
  return t;
}

// A table with its caption as a bold line above it (Markdown tables have none).
void
table(std::string& out, const Table& t)
{
  if (!t.name.empty())
    out += "**" + plain(t.name) + "**\n\n";
  Table body = t;
  body.name.clear();
  out += render_md(body) + "\n";
}

} // namespace

std::string
render_markdown(const Document& doc)
{
  std::string out = "# " + plain(doc.title) + "\n\n";
  if (!doc.subtitle.empty())
    out += plain(doc.subtitle) + "\n\n";
  for (const auto& s : doc.sections) {
    out += fmt::format("<a id=\"{}\"></a>\n\n## {}\n\n", plain(s.id), plain(s.title));
    for (const auto& b : s.blocks) {
      if (auto f = std::get_if<Figures>(&b))
        table(out, figures_table(*f));
      else if (auto t = std::get_if<Table>(&b))
        table(out, *t);
      else if (auto c = std::get_if<Chart>(&b))
        table(out, chart_table(*c));
      else if (auto n = std::get_if<Note>(&b))
        out += plain(n->text) + "\n\n";
    }
  }
  out += "---\n\n";
  for (const auto& [label, value] : doc.stamp)
    out += "- " + plain(label) + ": " + plain(value) + "\n";
  return out;
}

} // namespace duty::output
