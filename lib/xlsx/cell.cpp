#include "xlsx/cell.hpp"

#include <charconv>
#include <cmath>

namespace duty::xlsx {

Cell&
SheetRow::add()
{
  if (m_size == m_cells.size())
    m_cells.emplace_back();
  Cell& c = m_cells[m_size++];
  c.text.clear();
  c.type = CellType::text;
  return c;
}

const Cell*
SheetRow::find(uint32_t col) const
{
  for (size_t i = 0; i < m_size; ++i)
    if (m_cells[i].col == col)
      return &m_cells[i];
  return nullptr;
}

std::string
column_letters(uint32_t col)
{
  std::string s;
  uint64_t n = uint64_t(col) + 1;
  while (n > 0) {
    n -= 1;
    s.insert(s.begin(), char('A' + n % 26));
    n /= 26;
  }
  return s;
}

std::string
cell_name(uint32_t col, uint32_t row)
{
  return column_letters(col) + std::to_string(row);
}

std::optional<std::pair<uint32_t, uint32_t>>
parse_cell_ref(std::string_view ref)
{
  size_t i = 0;
  uint64_t col = 0;
  while (i < ref.size() && i < 4) {
    char c = ref[i];
    if (c >= 'a' && c <= 'z')
      c = char(c - 'a' + 'A');
    if (c < 'A' || c > 'Z')
      break;
    col = col * 26 + uint64_t(c - 'A' + 1);
    ++i;
  }
  if (i == 0 || col > kMaxColumns)
    return std::nullopt;
  uint64_t row = 0;
  size_t digits = 0;
  for (; i < ref.size(); ++i, ++digits) {
    if (ref[i] < '0' || ref[i] > '9' || digits == 8)
      return std::nullopt;
    row = row * 10 + uint64_t(ref[i] - '0');
  }
  if (row > kMaxRows || (digits > 0 && row == 0))
    return std::nullopt;
  return std::pair{uint32_t(col - 1), uint32_t(row)};
}

std::string
number_text(double v)
{
  char buf[64];
  if (std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 1e17) {
    auto r = std::to_chars(buf, buf + sizeof buf, int64_t(v));
    return std::string(buf, r.ptr);
  }
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

} // namespace duty::xlsx
