#pragma once

// The values a workbook reader hands out: one row of typed cells, and the
// names Excel gives to columns and cells.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace duty::xlsx {

enum class CellType : uint8_t {
  text,    // a shared, inline or formula string
  number,  // a number without a date format: text is its shortest decimal form
  boolean, // TRUE or FALSE
  date,    // a date cell: "YYYY-MM-DD HH:MM:SS", "YYYY-MM-DD" or "HH:MM:SS"
  error,   // a formula error such as #N/A
};

struct Cell
{
  uint32_t col = 0; // 0-based: A is 0
  CellType type = CellType::text;
  std::string text;
};

// One row of a sheet: only the cells that hold a value, in file order. The
// cell objects are reused from row to row so that reading allocates little.
class SheetRow
{
public:
  uint32_t number = 0; // 1-based, as Excel shows it
  bool hidden = false;

  size_t
  size() const
  {
    return m_size;
  }
  bool
  empty() const
  {
    return m_size == 0;
  }
  const Cell&
  operator[](size_t i) const
  {
    return m_cells[i];
  }
  Cell&
  operator[](size_t i)
  {
    return m_cells[i];
  }
  const Cell*
  begin() const
  {
    return m_cells.data();
  }
  const Cell*
  end() const
  {
    return m_cells.data() + m_size;
  }
  // A fresh cell at the end (its text cleared); drop it again with pop().
  Cell& add();
  void
  pop()
  {
    --m_size;
  }
  void
  clear()
  {
    m_size = 0;
  }
  // The cell in column `col`, or nullptr.
  const Cell* find(uint32_t col) const;

private:
  std::vector<Cell> m_cells;
  size_t m_size = 0;
};

// Excel's column limit (XFD) and row limit.
constexpr uint32_t kMaxColumns = 16384;
constexpr uint32_t kMaxRows = 1048576;

// "A", "Z", "AA", … for a 0-based column.
std::string column_letters(uint32_t col);

// "H12" for 0-based column 7, row 12.
std::string cell_name(uint32_t col, uint32_t row);

// Splits "H12" into (column 7, row 12); "H" alone gives row 0. nullopt when
// the text is not a cell reference within Excel's limits.
std::optional<std::pair<uint32_t, uint32_t>> parse_cell_ref(std::string_view ref);

// The text of a number as a CSV export would show it: integers without a
// fraction (ids such as 2025030100001 stay whole), others in the shortest
// form that reads back to the same double.
std::string number_text(double v);

} // namespace duty::xlsx
