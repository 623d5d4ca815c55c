// A report document as a list of tables: what a workbook of the report holds.
// The numbers are the document's own cells, so a rate in the workbook is the
// value shown in the HTML and the Markdown.
#include "output/document.hpp"

namespace duty::output {

namespace {

// Figures keep their change a number (a spreadsheet can sort and sum it);
// the unit ("个百分点", "分", "件") goes in a column of its own.
Table
figures_sheet(const Figures& f)
{
  bool changes = false;
  for (const auto& fig : f.items)
    changes |= fig.change.kind != Cell::Kind::null;
  Table t;
  t.name = f.title;
  t.add_column("key", "指标");
  t.add_column("value", changes ? "本期" : "数值");
  if (changes) {
    t.add_column("change", "较上期");
    t.add_column("change_unit", "单位");
  }
  for (const auto& fig : f.items) {
    auto& row = t.rows.emplace_back();
    row = {Cell::of(fig.label), fig.value};
    if (!changes)
      continue;
    bool has = fig.change.kind != Cell::Kind::null;
    row.push_back(fig.change);
    row.push_back(has && !fig.change_unit.empty() ? Cell::of(fig.change_unit) : Cell::null());
  }
  return t;
}

} // namespace

std::vector<Table>
document_tables(const Document& doc)
{
  std::vector<Table> out;
  for (const auto& s : doc.sections) {
    for (const auto& b : s.blocks) {
      Table t;
      if (auto f = std::get_if<Figures>(&b))
        t = figures_sheet(*f);
      else if (auto tab = std::get_if<Table>(&b))
        t = *tab;
      else if (auto c = std::get_if<Chart>(&b); c && !c->of_table)
        t = chart_table(*c);
      else
        continue; // a note (prose), or a chart whose numbers are a table's
      if (t.name.empty())
        t.name = s.title;
      out.push_back(std::move(t));
    }
  }
  if (out.empty())
    return out;
  auto& meta = out.front().meta;
  std::vector<std::pair<std::string, std::string>> head;
  head.emplace_back("report", doc.subtitle.empty() ? doc.title : doc.title + " " + doc.subtitle);
  head.insert(head.end(), doc.stamp.begin(), doc.stamp.end());
  meta.insert(meta.begin(), head.begin(), head.end());
  return out;
}

} // namespace duty::output
