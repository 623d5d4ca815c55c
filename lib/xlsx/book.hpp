#pragma once

// Workbooks as a case reader sees them: a list of sheets, each a stream of
// rows of typed cells. .xlsx is read by streaming its sheet XML (libzip +
// expat), .xls through FreeXL; which one is decided by the file's first
// bytes, never by its name.
#include "xlsx/cell.hpp"
#include "xlsx/limits.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace duty::xlsx {

enum class BookKind { xlsx, xls };

// What a file's first bytes say it is.
enum class Magic {
  text,   // anything else: CSV, TSV, JSON Lines
  zip,    // PK\3\4: .xlsx (or another zip)
  cfb,    // D0 CF 11 E0: .xls (or an encrypted .xlsx, or a Word file)
  markup, // "<": an HTML table or SpreadsheetML 2003 saved under an .xls name
};

Magic sniff(std::string_view head);

struct SheetInfo
{
  std::string name;
  bool hidden = false;
  bool worksheet = true; // false for chart sheets and macro sheets
};

class Sheet
{
public:
  virtual ~Sheet() = default;
  // The next row that holds at least one cell; false at the end of the
  // sheet. Throws InputError naming the file, the sheet and the cell.
  virtual bool next(SheetRow& row) = 0;
  // Whether column `col` is hidden (known once next() was called).
  virtual bool column_hidden(uint32_t col) const = 0;
};

class Book
{
public:
  virtual ~Book() = default;
  virtual BookKind kind() const = 0;
  virtual const std::vector<SheetInfo>& sheets() const = 0;
  // Throws InputError when the sheet is referenced but missing or unreadable.
  virtual std::unique_ptr<Sheet> open_sheet(size_t index) = 0;
  // How messages name a sheet: "工单.xlsx[工单明细]".
  virtual std::string where(size_t index) const = 0;
};

// Opens a workbook file of either kind; `name` is how messages call it.
// Throws InputError when the file is not a readable workbook.
std::unique_ptr<Book> open_book(const std::string& path, const std::string& name, const Limits& limits = {});

// Opens an .xlsx held in memory (for fuzzing); `bytes` must outlive the book.
std::unique_ptr<Book> open_xlsx_memory(std::string_view bytes, const std::string& name,
                                       const Limits& limits = {});

std::unique_ptr<Book> open_xlsx(const std::string& path, const std::string& name, const Limits& limits);

std::unique_ptr<Book> open_xls(const std::string& path, const std::string& name, const Limits& limits);

} // namespace duty::xlsx
