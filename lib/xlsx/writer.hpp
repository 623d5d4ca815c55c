#pragma once

// Writing workbooks: .xlsx through libxlsxwriter, .xls (BIFF8) with our own
// small writer (biff_writer.cpp). Both take cells one at a time, row by row,
// and produce the same bytes for the same calls: no timestamps, no host names.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace duty::xlsx {

// How a cell looks: a number format code ("0.0%", "yyyy-mm-dd hh:mm:ss"; empty
// for General), bold, and a font size in points (0: the default).
struct Style
{
  std::string_view num_format;
  bool bold = false;
  double size = 0;

  static Style
  strong(double size = 0)
  {
    return {{}, true, size};
  }
  static Style
  format(std::string_view code)
  {
    return {code, false, 0};
  }
};

inline constexpr std::string_view kDateTimeFormat = "yyyy-mm-dd hh:mm:ss";
inline constexpr std::string_view kDateFormat = "yyyy-mm-dd";

class BookWriter
{
public:
  virtual ~BookWriter() = default;
  // Starts a new sheet; later cells go there. The name is made valid
  // (31 characters at most, none of []:*?/\) and unique.
  virtual void add_sheet(std::string_view name) = 0;
  virtual void text(uint32_t row, uint32_t col, std::string_view value, const Style& style = {}) = 0;
  virtual void number(uint32_t row, uint32_t col, double value, const Style& style = {}) = 0;
  // Text in columns first..last of a row merged into one cell (a title across the table).
  virtual void merged_text(uint32_t row, uint32_t first_col, uint32_t last_col, std::string_view value,
                           const Style& style = {}) = 0;
  // Column width in characters of the default font.
  virtual void column_width(uint32_t col, double chars) = 0;
  // Keeps the first `rows` rows in view when scrolling (xlsx only).
  virtual void freeze_rows(uint32_t rows) = 0;
  // An autofilter over a header row and the rows below it (xlsx only).
  virtual void autofilter(uint32_t first_row, uint32_t last_row, uint32_t last_col) = 0;
  // Writes the file. Throws UsageError when it cannot.
  virtual void close() = 0;
};

// A writer for `path`. Throws UsageError when the file cannot be created.
std::unique_ptr<BookWriter> create_xlsx(const std::string& path);

std::unique_ptr<BookWriter> create_xls(const std::string& path);

// Excel's day serial (1900 date system) for "YYYY-MM-DD", "YYYY-MM-DD HH:MM"
// or "YYYY-MM-DD HH:MM:SS"; nullopt for any other text or an invalid date.
std::optional<double> text_serial(std::string_view text);

// A sheet name Excel accepts: forbidden characters replaced by '_', at most
// 31 UTF-16 units, never empty.
std::string valid_sheet_name(std::string_view name);

} // namespace duty::xlsx
