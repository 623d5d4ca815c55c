// .xls (BIFF5/BIFF8 in a compound file) through FreeXL, which decodes the
// strings to UTF-8 and types date cells by their format (and the 1904 flag).
#include "xlsx/book.hpp"

#include "util/error.hpp"
#include "xlsx/cfb.hpp"

#include <fmt/format.h>
#include <fstream>

#include <freexl.h>

namespace duty::xlsx {

namespace {

std::string
freexl_error(int code)
{
  switch (code) {
  case FREEXL_FILE_NOT_FOUND: return "cannot open the file";
  case FREEXL_INSUFFICIENT_MEMORY: return "out of memory";
  case FREEXL_INVALID_CFBF_HEADER:
  case FREEXL_CFBF_INVALID_SIGNATURE:
  case FREEXL_CFBF_INVALID_SECTOR_SIZE: return "its compound-file header is damaged";
  case FREEXL_CFBF_READ_ERROR:
  case FREEXL_CFBF_SEEK_ERROR:
  case FREEXL_CFBF_EMPTY_FAT_CHAIN:
  case FREEXL_CFBF_ILLEGAL_FAT_ENTRY:
  case FREEXL_INVALID_MINI_STREAM:
  case FREEXL_CFBF_ILLEGAL_MINI_FAT_ENTRY: return "its compound-file structure is damaged";
  case FREEXL_BIFF_INVALID_BOF: return "its BIFF records are damaged";
  case FREEXL_BIFF_INVALID_SST:
  case FREEXL_BIFF_ILLEGAL_SST_INDEX: return "its shared-string table is damaged";
  case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
    return "it holds no Excel workbook stream (a password-protected .xlsx and a Word .doc "
           "look like this too)";
  case FREEXL_INVALID_CHARACTER: return "it holds text that is not in its code page";
  case FREEXL_UNSUPPORTED_CHARSET: return "it uses a code page iconv cannot convert";
  case FREEXL_CRAFTED_FILE: return "it is damaged beyond reading (or crafted)";
  default: return "FreeXL error " + std::to_string(code);
  }
}

uint32_t
le(std::string_view s, size_t at, int bytes)
{
  uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i)
    v = v << 8 | uint8_t(s[at + size_t(i)]);
  return v;
}

// FreeXL allocates every sheet's cells when it opens a file, by the size each
// sheet claims (its DIMENSIONS record): a 6 KB file can claim 21 sheets of
// 65536 × 256 cells, 5 GB. So read the claims first and refuse such a file.
void
check_claims(const std::string& path, const std::string& name, const Limits& limits)
{
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto cf = read_compound_file(bytes, {"Workbook", "Book"});
  if (!cf)
    return; // FreeXL says what is wrong with the container
  if (!cf->stream) {
    for (const auto& n : cf->names)
      if (n == "EncryptedPackage")
        throw InputError(name + ": a password-protected workbook: open it in Excel or WPS and "
                                "save it without a password");
    return;
  }
  std::string_view s(*cf->stream);
  uint64_t cells = 0;
  for (size_t at = 0; at + 4 <= s.size();) {
    uint32_t type = le(s, at, 2), len = le(s, at + 2, 2);
    if (at + 4 + len > s.size())
      break;
    if (type == 0x0200 && len >= 14) // BIFF8 DIMENSIONS: 32-bit rows
      cells += uint64_t(le(s, at + 8, 4)) * le(s, at + 14, 2);
    else if (type == 0x0200 && len >= 10) // BIFF5
      cells += uint64_t(le(s, at + 6, 2)) * le(s, at + 10, 2);
    at += 4 + len;
  }
  if (cells > limits.max_xls_cells)
    throw InputError(fmt::format("{}: its sheets claim {} cells, more than the {} FreeXL may "
                                 "allocate for them: a damaged or hostile .xls (save a real "
                                 "one of this size as .xlsx)",
                                 name, cells, limits.max_xls_cells));
}

class XlsSheet final : public Sheet
{
public:
  XlsSheet(const void* handle, std::string where, uint32_t rows, uint32_t cols)
      : m_handle(handle), m_where(std::move(where)), m_rows(rows), m_cols(cols)
  {
  }
  bool next(SheetRow& row) override;
  bool
  column_hidden(uint32_t) const override
  {
    return false;
  } // FreeXL does not say

private:
  const void* m_handle;
  std::string m_where;
  uint32_t m_rows, m_cols, m_next = 0;
};

bool
XlsSheet::next(SheetRow& row)
{
  while (m_next < m_rows) {
    uint32_t r = m_next++;
    row.clear();
    row.number = r + 1;
    row.hidden = false;
    for (uint32_t c = 0; c < m_cols; ++c) {
      FreeXL_CellValue v;
      int rc = freexl_get_cell_value(m_handle, r, uint16_t(c), &v);
      if (rc != FREEXL_OK)
        throw InputError(m_where + "!" + cell_name(c, r + 1) + ": " + freexl_error(rc));
      if (v.type == FREEXL_CELL_NULL)
        continue;
      Cell& cell = row.add();
      cell.col = c;
      switch (v.type) {
      case FREEXL_CELL_INT:
        cell.type = CellType::number;
        cell.text = std::to_string(v.value.int_value);
        break;
      case FREEXL_CELL_DOUBLE:
        cell.type = CellType::number;
        cell.text = number_text(v.value.double_value);
        break;
      case FREEXL_CELL_DATE:
      case FREEXL_CELL_DATETIME:
      case FREEXL_CELL_TIME:
        cell.type = CellType::date;
        cell.text = v.value.text_value ? v.value.text_value : "";
        break;
      default:
        cell.type = CellType::text;
        cell.text = v.value.text_value ? v.value.text_value : "";
        break;
      }
      if (cell.text.empty())
        row.pop();
    }
    if (!row.empty())
      return true;
  }
  return false;
}

class XlsBook final : public Book
{
public:
  XlsBook(const std::string& path, std::string name, const Limits& limits) : m_name(std::move(name))
  {
    check_claims(path, m_name, limits);
    int rc = freexl_open(path.c_str(), &m_handle);
    if (rc != FREEXL_OK) {
      if (m_handle)
        freexl_close(m_handle);
      m_handle = nullptr;
      if (rc == FREEXL_FILE_NOT_FOUND)
        throw UsageError(m_name + ": cannot open the file");
      throw InputError(m_name + ": a damaged .xls workbook: " + freexl_error(rc));
    }
    unsigned int count = 0;
    freexl_get_info(m_handle, FREEXL_BIFF_SHEET_COUNT, &count);
    for (unsigned int i = 0; i < count && i < 65536; ++i) {
      const char* n = nullptr;
      freexl_get_worksheet_name(m_handle, uint16_t(i), &n);
      m_sheets.push_back({n ? n : "Sheet" + std::to_string(i + 1), false, true});
    }
    // FreeXL 1.0.6 also stops short (and finds no sheets) at a shared string
    // spread over three or more records: a cell of more than about 8000 characters.
    if (m_sheets.empty())
      throw InputError(m_name + ": FreeXL finds no sheets in the workbook (a damaged .xls, or a "
                                "cell of more than about 8000 characters, which FreeXL cannot "
                                "read: save it as .xlsx)");
  }
  ~XlsBook() override
  {
    if (m_handle)
      freexl_close(m_handle);
  }
  BookKind
  kind() const override
  {
    return BookKind::xls;
  }
  const std::vector<SheetInfo>&
  sheets() const override
  {
    return m_sheets;
  }
  std::string
  where(size_t index) const override
  {
    return m_name + "[" + m_sheets.at(index).name + "]";
  }
  std::unique_ptr<Sheet>
  open_sheet(size_t index) override
  {
    int rc = freexl_select_active_worksheet(m_handle, uint16_t(index));
    unsigned int rows = 0;
    unsigned short cols = 0;
    if (rc == FREEXL_OK)
      rc = freexl_worksheet_dimensions(m_handle, &rows, &cols);
    if (rc != FREEXL_OK)
      throw InputError(where(index) + ": " + freexl_error(rc));
    return std::make_unique<XlsSheet>(m_handle, where(index), rows, cols);
  }

private:
  const void* m_handle = nullptr;
  std::string m_name;
  std::vector<SheetInfo> m_sheets;
};

} // namespace

std::unique_ptr<Book>
open_xls(const std::string& path, const std::string& name, const Limits& limits)
{
  return std::make_unique<XlsBook>(path, name, limits);
}

} // namespace duty::xlsx
