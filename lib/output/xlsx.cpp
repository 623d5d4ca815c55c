#include "output/xlsx.hpp"

#include "util/text.hpp"
#include "xlsx/writer.hpp"

#include <algorithm>

namespace duty::output {

namespace {

// "0.0%" for a percentage shown as "98.5", "0.00" for a decimal shown as
// "3.25", "0" for one shown without decimals.
std::string
decimal_format(const Cell& c)
{
  size_t dot = c.text.find('.');
  size_t decimals = dot == std::string::npos ? 0 : c.text.size() - dot - 1;
  std::string f = decimals ? "0." + std::string(decimals, '0') : "0";
  return c.percent ? f + "%" : f;
}

void
write_cell(xlsx::BookWriter& w, uint32_t row, uint32_t col, const Cell& c, bool bold)
{
  xlsx::Style style;
  style.bold = bold;
  switch (c.kind) {
  case Cell::Kind::null: return;
  case Cell::Kind::integer: w.number(row, col, double(c.integer), style); return;
  case Cell::Kind::real: w.number(row, col, c.real, style); return;
  case Cell::Kind::decimal: {
    std::string f = decimal_format(c);
    style.num_format = f;
    w.number(row, col, c.real, style);
    return;
  }
  case Cell::Kind::text: w.text(row, col, c.text, style); return;
  }
}

void
write_table(xlsx::BookWriter& w, const Table& t)
{
  w.add_sheet(t.name.empty() ? "table" : t.name);
  std::vector<size_t> width(t.columns.size(), 4);
  for (size_t c = 0; c < t.columns.size(); ++c) {
    w.text(0, uint32_t(c), t.columns[c].header, xlsx::Style::strong());
    width[c] = std::max(width[c], util::display_width(t.columns[c].header));
  }
  for (size_t r = 0; r < t.rows.size(); ++r) {
    bool footer = r + t.footer >= t.rows.size();
    for (size_t c = 0; c < t.rows[r].size() && c < t.columns.size(); ++c) {
      write_cell(w, uint32_t(r + 1), uint32_t(c), t.rows[r][c], footer);
      width[c] = std::max(width[c], util::display_width(cell_display(t.rows[r][c])));
    }
  }
  for (size_t c = 0; c < width.size(); ++c)
    w.column_width(uint32_t(c), double(std::min<size_t>(width[c], 80)) + 2);
  w.freeze_rows(1);
  if (!t.columns.empty())
    w.autofilter(0, uint32_t(t.rows.size() - t.footer), uint32_t(t.columns.size() - 1));
}

// Provenance: which tables, from which lists and profile, by which duty.
void
write_about(xlsx::BookWriter& w, const std::vector<Table>& tables)
{
  w.add_sheet("说明 about");
  w.text(0, 0, "表 table", xlsx::Style::strong());
  w.text(0, 1, "项目 item", xlsx::Style::strong());
  w.text(0, 2, "值 value", xlsx::Style::strong());
  uint32_t row = 1;
  size_t widths[3] = {10, 10, 10};
  auto line = [&](const std::string& table, const std::string& key, const std::string& value) {
    w.text(row, 0, table);
    w.text(row, 1, key);
    w.text(row, 2, value);
    widths[0] = std::max(widths[0], util::display_width(table));
    widths[1] = std::max(widths[1], util::display_width(key));
    widths[2] = std::max(widths[2], util::display_width(value));
    ++row;
  };
  for (const auto& t : tables) {
    line(t.name, "rows", std::to_string(t.rows.size() - t.footer));
    for (const auto& [k, v] : t.meta)
      line(t.name, k, v);
  }
  line("", "generator", std::string("duty ") + DUTY_VERSION);
  for (uint32_t c = 0; c < 3; ++c)
    w.column_width(c, double(std::min<size_t>(widths[c], 100)) + 2);
  w.freeze_rows(1);
}

} // namespace

void
write_xlsx(const std::vector<Table>& tables, const std::string& path)
{
  auto w = xlsx::create_xlsx(path);
  for (const auto& t : tables)
    write_table(*w, t);
  write_about(*w, tables);
  w->close();
}

} // namespace duty::output
