#include "report/cells.hpp"

namespace duty::report {

using output::Cell;

std::optional<size_t>
column_of(const output::Table& t, std::string_view key)
{
  for (size_t c = 0; c < t.columns.size(); ++c)
    if (t.columns[c].key == key)
      return c;
  return std::nullopt;
}

Cell
cell_of(const output::Table& t, const std::vector<Cell>& row, std::string_view key)
{
  auto c = column_of(t, key);
  return c && *c < row.size() ? row[*c] : Cell::null();
}

int64_t
count_of(const output::Table& t, const std::vector<Cell>& row, std::string_view key)
{
  Cell c = cell_of(t, row, key);
  return c.kind == Cell::Kind::integer ? c.integer : 0;
}

std::string
meta_of(const output::Table& t, std::string_view key)
{
  for (const auto& [k, v] : t.meta)
    if (k == key)
      return v;
  return {};
}

output::Table
pick_columns(const output::Table& from, const std::vector<const std::vector<Cell>*>& rows,
             const std::vector<std::pair<std::string_view, std::string_view>>& keys_headers, size_t footer)
{
  output::Table t;
  t.add_column("rank", "序号");
  for (const auto& [key, header] : keys_headers)
    t.add_column(std::string(key), std::string(header));
  for (size_t i = 0; i < rows.size(); ++i) {
    auto& out = t.rows.emplace_back();
    bool total = i + footer >= rows.size();
    out.push_back(total ? Cell::null() : Cell::of(static_cast<int64_t>(i + 1)));
    for (const auto& [key, header] : keys_headers)
      out.push_back(cell_of(from, *rows[i], key));
  }
  t.footer = footer;
  return t;
}

} // namespace duty::report
