// .xlsx: the package parts and a streaming sheet reader that holds one row.
#include "xlsx/book.hpp"
#include "xlsx/parts.hpp"
#include "xlsx/xml.hpp"
#include "xlsx/zip.hpp"

#include "util/error.hpp"
#include "util/text.hpp"

#include <charconv>
#include <cstring>
#include <optional>

namespace duty::xlsx {

namespace {

class XlsxBook;

class XlsxSheet final : public Sheet, private XmlHandler
{
public:
  XlsxSheet(const XlsxBook& book, ZipPart part, std::string where);
  bool next(SheetRow& row) override;
  bool
  column_hidden(uint32_t col) const override
  {
    return col < m_hidden.size() && m_hidden[col];
  }

private:
  void start(std::string_view name, const char** attrs) override;
  void end(std::string_view name) override;
  void text(std::string_view s) override;
  void start_row(const char** attrs);
  void start_cell(const char** attrs);
  void end_cell();
  bool cell_value(Cell& cell);
  void fail(const std::string& what);

  const XlsxBook& m_book;
  std::string m_where;
  XmlStream m_xml;
  SheetRow* m_row = nullptr;
  std::vector<bool> m_hidden;
  bool m_in_data = false, m_in_cell = false, m_capture = false, m_in_inline = false;
  int m_phonetic = 0;
  uint32_t m_last_row = 0, m_next_col = 0, m_col = 0, m_style = 0;
  char m_type = 'n';
  std::string m_value;
  size_t m_row_bytes = 0;
};

class XlsxBook final : public Book
{
public:
  XlsxBook(ZipArchive zip);
  BookKind
  kind() const override
  {
    return BookKind::xlsx;
  }
  const std::vector<SheetInfo>&
  sheets() const override
  {
    return m_sheets;
  }
  std::unique_ptr<Sheet> open_sheet(size_t index) override;
  std::string
  where(size_t index) const override
  {
    return m_zip.name() + "[" + m_sheets.at(index).name + "]";
  }

  const SharedStrings&
  strings() const
  {
    return m_strings;
  }
  DateKind
  date_kind(uint32_t style) const
  {
    return style < m_styles.size() ? m_styles[style] : DateKind::none;
  }
  bool
  date1904() const
  {
    return m_book.date1904;
  }
  const Limits&
  limits() const
  {
    return m_zip.limits();
  }

private:
  ZipArchive m_zip;
  WorkbookPart m_book;
  std::vector<Relationship> m_rels;
  std::vector<SheetInfo> m_sheets;
  std::string m_styles_part, m_strings_part;
  bool m_loaded = false;
  std::vector<DateKind> m_styles;
  SharedStrings m_strings;
};

std::string
office_document(const ZipArchive& zip)
{
  for (const auto& r : read_relationships(zip, ""))
    if (relationship_kind(r.type) == "officeDocument")
      return r.target;
  if (zip.find("xl/workbook.xml"))
    return "xl/workbook.xml";
  if (zip.find("content.xml") && zip.find("mimetype"))
    throw InputError(zip.name() + ": an OpenDocument file (.ods), not an Excel workbook: save "
                                  "it as .xlsx");
  if (zip.find("word/document.xml"))
    throw InputError(zip.name() + ": a Word document, not an Excel workbook");
  throw InputError(zip.name() + ": a zip archive but not an Excel workbook (it has no "
                                "xl/workbook.xml)");
}

XlsxBook::XlsxBook(ZipArchive zip) : m_zip(std::move(zip))
{
  std::string part = office_document(m_zip);
  m_book = read_workbook(m_zip, part);
  m_rels = read_relationships(m_zip, part);
  for (const auto& r : m_rels) {
    auto kind = relationship_kind(r.type);
    if (kind == "styles")
      m_styles_part = r.target;
    else if (kind == "sharedStrings")
      m_strings_part = r.target;
  }
  for (const auto& s : m_book.sheets) {
    SheetInfo info{s.name, s.hidden, true};
    for (const auto& r : m_rels)
      if (r.id == s.rel_id)
        info.worksheet = relationship_kind(r.type) == "worksheet";
    m_sheets.push_back(std::move(info));
  }
  if (m_sheets.empty())
    throw InputError(m_zip.name() + ": the workbook has no sheets");
}

std::unique_ptr<Sheet>
XlsxBook::open_sheet(size_t index)
{
  const SheetEntry& s = m_book.sheets.at(index);
  const Relationship* rel = nullptr;
  for (const auto& r : m_rels)
    if (r.id == s.rel_id)
      rel = &r;
  if (!rel)
    throw InputError(where(index) + ": the workbook lists this sheet, but its part (relationship " +
                     util::quote(s.rel_id) + ") is not in the package");
  auto part = m_zip.find(rel->target);
  if (!part)
    throw InputError(where(index) + ": the workbook lists this sheet, but its part " + rel->target +
                     " is missing");
  if (!m_loaded) {
    m_loaded = true;
    if (!m_styles_part.empty())
      m_styles = read_styles(m_zip, m_styles_part);
    if (!m_strings_part.empty())
      m_strings.load(m_zip, m_strings_part);
  }
  return std::make_unique<XlsxSheet>(*this, m_zip.open(*part), where(index));
}

XlsxSheet::XlsxSheet(const XlsxBook& book, ZipPart part, std::string where)
    : m_book(book), m_where(std::move(where)), m_xml(std::move(part), *this, m_where, book.limits())
{
}

bool
XlsxSheet::next(SheetRow& row)
{
  m_row = &row;
  row.clear();
  return m_xml.run();
}

void
XlsxSheet::fail(const std::string& what)
{
  m_xml.fail(m_where + "!" + cell_name(m_col, m_row ? m_row->number : 0) + ": " + what);
}

bool
parse_u32(std::string_view v, uint32_t& out)
{
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  return ec == std::errc() && p == v.data() + v.size();
}

// The local name of an attribute when it is one letter ("r", "s", "t", or
// "x:r"), else 0: cells carry only these, and this runs for every cell.
char
short_attr(const char* name)
{
  if (name[0] && !name[1])
    return name[0];
  const char* colon = std::strchr(name, ':');
  return colon && colon[1] && !colon[2] ? colon[1] : 0;
}

// Integers written plainly ("188006", "-3") are already as an export shows them.
bool
plain_integer(std::string_view v)
{
  size_t i = v.starts_with('-') ? 1 : 0;
  if (v.size() <= i || v.size() - i > 15 || (v[i] == '0' && v.size() > i + 1))
    return false;
  for (; i < v.size(); ++i)
    if (v[i] < '0' || v[i] > '9')
      return false;
  return true;
}

void
XlsxSheet::start(std::string_view name, const char** attrs)
{
  if (!m_in_data) {
    if (name == "sheetData") {
      m_in_data = true;
    } else if (name == "col") {
      uint32_t lo = 0, hi = 0;
      const char* h = attr(attrs, "hidden");
      const char* a = attr(attrs, "min");
      const char* b = attr(attrs, "max");
      if (h && (std::strcmp(h, "1") == 0 || std::strcmp(h, "true") == 0) && a && b && parse_u32(a, lo) &&
          parse_u32(b, hi) && lo >= 1 && lo <= hi) {
        hi = std::min(hi, kMaxColumns);
        if (m_hidden.size() < hi)
          m_hidden.resize(hi, false);
        for (uint32_t c = lo - 1; c < hi; ++c)
          m_hidden[c] = true;
      }
    }
    return;
  }
  if (name == "c")
    start_cell(attrs);
  else if (name == "v")
    m_capture = m_in_cell;
  else if (name == "row")
    start_row(attrs);
  else if (name == "is")
    m_in_inline = m_in_cell;
  else if (name == "t")
    m_capture = m_in_inline && m_phonetic == 0;
  else if (name == "rPh")
    ++m_phonetic;
}

void
XlsxSheet::start_row(const char** attrs)
{
  m_row->clear();
  m_row_bytes = 0;
  m_next_col = 0;
  uint32_t r = m_last_row + 1;
  if (const char* v = attr(attrs, "r"); v && (!parse_u32(v, r) || r == 0 || r > kMaxRows)) {
    m_col = 0;
    fail("a row number " + util::quote(v) + " outside 1…1048576");
    return;
  }
  m_row->number = r;
  const char* h = attr(attrs, "hidden");
  m_row->hidden = h && (std::strcmp(h, "1") == 0 || std::strcmp(h, "true") == 0);
}

void
XlsxSheet::start_cell(const char** attrs)
{
  m_in_cell = true;
  m_value.clear();
  m_type = 'n';
  m_style = 0;
  m_col = m_next_col;
  for (const char** a = attrs; *a; a += 2) {
    char key = short_attr(a[0]);
    const char* v = a[1];
    if (key == 'r') {
      auto ref = parse_cell_ref(v);
      if (!ref) {
        fail("a cell reference " + util::quote(v) + " outside A1…XFD1048576");
        return;
      }
      m_col = ref->first;
    } else if (key == 't') {
      std::string_view t(v);
      m_type = t == "s"           ? 's'
               : t == "inlineStr" ? 'i'
               : t == "str"       ? 'f'
               : t == "b"         ? 'b'
               : t == "e"         ? 'e'
               : t == "d"         ? 'd'
                                  : 'n';
    } else if (key == 's') {
      parse_u32(v, m_style);
    }
  }
  if (m_col >= kMaxColumns)
    fail("a cell beyond column XFD, Excel's last");
}

void
XlsxSheet::text(std::string_view s)
{
  if (!m_capture)
    return;
  if (m_value.size() + s.size() > m_book.limits().max_cell_bytes) {
    fail("a cell of more than " + std::to_string(m_book.limits().max_cell_bytes) +
         " bytes (Excel holds 32767 characters)");
    m_capture = false;
    return;
  }
  m_value += s;
}

void
XlsxSheet::end(std::string_view name)
{
  if (!m_in_data)
    return;
  if (name == "c") {
    end_cell();
  } else if (name == "v" || name == "t") {
    m_capture = false;
  } else if (name == "row") {
    m_last_row = m_row->number;
    if (!m_row->empty())
      m_xml.suspend();
  } else if (name == "is") {
    m_in_inline = false;
  } else if (name == "rPh") {
    --m_phonetic;
  } else if (name == "sheetData") {
    m_xml.finish(); // merged cells, filters and the rest follow: not needed
  }
}

void
XlsxSheet::end_cell()
{
  m_in_cell = false;
  m_in_inline = false;
  m_capture = false;
  m_next_col = m_col + 1;
  Cell& cell = m_row->add();
  cell.col = m_col;
  if (!cell_value(cell) || cell.text.empty()) {
    m_row->pop();
    return;
  }
  m_row_bytes += cell.text.size();
  if (m_row_bytes > m_book.limits().max_row_bytes)
    fail("a row of more than " + std::to_string(m_book.limits().max_row_bytes) + " bytes");
}

// Types the captured value into `cell`; false for a cell without a value.
bool
XlsxSheet::cell_value(Cell& cell)
{
  switch (m_type) {
  case 's': {
    if (m_value.empty())
      return false;
    uint32_t i;
    const auto& sst = m_book.strings();
    if (!parse_u32(m_value, i) || i >= sst.size()) {
      fail("shared string " + util::quote(m_value) + " does not exist (the table holds " +
           std::to_string(sst.size()) + ")");
      return false;
    }
    cell.text.assign(sst[i]);
    return true;
  }
  case 'i':
  case 'f':
    decode_xstring(m_value);
    cell.text.swap(m_value);
    return true;
  case 'b':
    if (m_value.empty())
      return false;
    if (m_value != "0" && m_value != "1") {
      fail("a boolean " + util::quote(m_value) + " that is neither 0 nor 1");
      return false;
    }
    cell.type = CellType::boolean;
    cell.text = m_value == "1" ? "TRUE" : "FALSE";
    return true;
  case 'e':
    cell.type = CellType::error;
    cell.text.swap(m_value);
    return true;
  case 'd': {
    if (m_value.empty())
      return false;
    auto t = iso_date_text(util::trim(m_value));
    if (!t) {
      fail("a date " + util::quote(m_value) + " that is not ISO 8601");
      return false;
    }
    cell.type = CellType::date;
    cell.text = *t;
    return true;
  }
  default: break;
  }
  std::string_view v = util::trim(m_value);
  if (v.empty())
    return false;
  DateKind k = m_book.date_kind(m_style);
  if (k == DateKind::none && plain_integer(v)) {
    cell.type = CellType::number;
    cell.text.assign(v);
    return true;
  }
  double d = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc() || p != v.data() + v.size()) {
    fail("a number " + util::quote(v) + " that is not a number");
    return false;
  }
  if (k != DateKind::none) {
    if (auto t = serial_text(d, k, m_book.date1904())) {
      cell.type = CellType::date;
      cell.text = std::move(*t);
      return true;
    }
  }
  cell.type = CellType::number;
  cell.text = number_text(d);
  return true;
}

} // namespace

std::unique_ptr<Book>
open_xlsx(const std::string& path, const std::string& name, const Limits& limits)
{
  return std::make_unique<XlsxBook>(ZipArchive::open_file(path, name, limits));
}

std::unique_ptr<Book>
open_xlsx_memory(std::string_view bytes, const std::string& name, const Limits& limits)
{
  return std::make_unique<XlsxBook>(ZipArchive::open_memory(bytes, name, limits));
}

} // namespace duty::xlsx
