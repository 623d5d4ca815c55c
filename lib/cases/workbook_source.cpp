// A workbook sheet as case records. Platform exports put a title row, a
// blank row or a filter note above the header, merge header cells over two
// rows and hide columns; this finds the header row by the fields it names,
// folds a second header row into the first, and hands out each later row as
// a record of strings, date cells already written as times.
#include "cases/reader.hpp"
#include "cases/source.hpp"

#include "util/error.hpp"
#include "util/sha256.hpp"
#include "util/text.hpp"
#include "xlsx/book.hpp"
#include "xlsx/read_ahead.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <unistd.h>

namespace duty::cases {

namespace {

// How far down a sheet the header may start.
constexpr size_t kScanRows = 50;

struct Header
{
  std::map<uint32_t, std::string> names; // sheet column → header text
  uint32_t row = 0;
};

// Header text as written, line breaks inside the cell removed.
std::string
clean(std::string_view s)
{
  std::string out;
  for (char c : util::trim(s))
    if (c != '\n' && c != '\r')
      out += c;
  return out;
}

class WorkbookSource final : public RecordSource
{
public:
  WorkbookSource(const std::string& file, const std::string& name, const ReaderOptions& opt);
  const std::vector<std::string>&
  header() const override
  {
    return m_header;
  }
  bool next(Record& rec) override;
  Format
  format() const override
  {
    return m_format;
  }
  Encoding
  encoding() const override
  {
    return Encoding::utf8;
  }
  const std::string&
  name() const override
  {
    return m_where;
  }
  std::string where(uint64_t line, size_t column) const override;
  std::string content_hash() override;

private:
  std::vector<size_t> candidates(const std::string& wanted) const;
  bool find_header(size_t sheet);
  bool names_field(const std::string& text) const;
  std::optional<size_t> field_of(const std::string& text) const;
  bool required_present(const xlsx::SheetRow& row) const;
  bool is_sub_header(const xlsx::SheetRow& top, const xlsx::SheetRow& below) const;
  Header merge_header(const xlsx::SheetRow& top, const xlsx::SheetRow* below) const;
  void plan(const Header& h);
  size_t slot(uint32_t col);
  bool read_row(xlsx::SheetRow& row);

  ReaderOptions m_opt;
  std::string m_file, m_name, m_where;
  Format m_format;
  std::unique_ptr<xlsx::Book> m_book;
  std::unique_ptr<xlsx::Sheet> m_sheet;
  std::vector<std::string> m_header;
  std::vector<uint32_t> m_sheet_col; // record column → sheet column
  std::vector<uint32_t> m_slot;      // sheet column → record column + 1 (0: none yet)
  xlsx::SheetRow m_row, m_ahead;
  bool m_have_ahead = false;
  std::vector<std::string> m_first_rows; // per sheet tried: what its first row says
  std::string m_hash;
};

WorkbookSource::WorkbookSource(const std::string& file, const std::string& name, const ReaderOptions& opt)
    : m_opt(opt), m_file(file), m_name(name)
{
  m_book = xlsx::open_book(file, name);
  m_format = m_book->kind() == xlsx::BookKind::xlsx ? Format::xlsx : Format::xls;
  for (size_t i : candidates(opt.sheet))
    if (find_header(i))
      return;
  std::string need;
  for (const auto& f : fields(opt.kind))
    if (f.required)
      need += std::string(need.empty() ? "" : ", ") + std::string(f.name) + " (" +
              std::string(f.aliases.empty() ? f.name : f.aliases[0]) + ")";
  std::string seen;
  for (const auto& s : m_first_rows)
    seen += (seen.empty() ? "" : "; ") + s;
  throw InputError(
      name + ": no header row with a column for " + need + " in the first " + std::to_string(kScanRows) +
      " rows of " + (opt.sheet.empty() ? "any visible sheet" : "the sheet") + " (" + seen + "); " +
      (opt.sheet.empty() ? "pick the sheet with --sheet and " : "") + "name the columns in a --map file");
}

// The sheets to look at, in order: the one --sheet names (by name, or by
// number from 1), else every visible worksheet.
std::vector<size_t>
WorkbookSource::candidates(const std::string& wanted) const
{
  const auto& sheets = m_book->sheets();
  if (wanted.empty()) {
    std::vector<size_t> out;
    for (size_t i = 0; i < sheets.size(); ++i)
      if (sheets[i].worksheet && !sheets[i].hidden)
        out.push_back(i);
    if (out.empty())
      throw InputError(m_name + ": the workbook has no visible worksheet; name one with --sheet");
    return out;
  }
  for (size_t i = 0; i < sheets.size(); ++i)
    if (sheets[i].name == wanted)
      return {i};
  for (size_t i = 0; i < sheets.size(); ++i)
    if (normalize_header(sheets[i].name) == normalize_header(wanted))
      return {i};
  if (wanted.find_first_not_of("0123456789") == std::string::npos && wanted.size() < 6) {
    size_t n = std::stoul(wanted);
    if (n >= 1 && n <= sheets.size())
      return {n - 1};
  }
  std::string names;
  for (size_t i = 0; i < sheets.size(); ++i)
    names += (i ? ", " : "") + std::to_string(i + 1) + " " + util::quote(sheets[i].name);
  throw UsageError(m_name + ": no sheet " + util::quote(wanted) + " (the sheets are " + names + ")");
}

bool
WorkbookSource::names_field(const std::string& text) const
{
  std::string norm = normalize_header(text);
  if (norm.empty())
    return false;
  if (m_opt.map)
    for (const auto& fm : m_opt.map->fields)
      if (normalize_header(fm.header) == norm)
        return true;
  return header_field(m_opt.kind, norm) || category_level(norm);
}

// The canonical field a header names, through the map or by itself.
std::optional<size_t>
WorkbookSource::field_of(const std::string& text) const
{
  std::string norm = normalize_header(text);
  if (m_opt.map)
    for (const auto& fm : m_opt.map->fields)
      if (normalize_header(fm.header) == norm)
        if (auto f = field_index(m_opt.kind, fm.field))
          return f;
  return header_field(m_opt.kind, norm);
}

bool
WorkbookSource::required_present(const xlsx::SheetRow& row) const
{
  auto defs = fields(m_opt.kind);
  for (size_t f = 0; f < defs.size(); ++f) {
    if (!defs[f].required)
      continue;
    bool found = false;
    for (const auto& cell : row)
      found = found || (cell.type == xlsx::CellType::text && field_of(cell.text) == f);
    if (!found)
      return false;
  }
  return true;
}

bool
WorkbookSource::read_row(xlsx::SheetRow& row)
{
  if (m_have_ahead) {
    m_have_ahead = false;
    std::swap(row, m_ahead);
    return true;
  }
  return m_sheet->next(row);
}

bool
WorkbookSource::find_header(size_t sheet)
{
  m_sheet = m_book->open_sheet(sheet);
  m_have_ahead = false;
  std::string first;
  for (size_t n = 0; n < kScanRows && m_sheet->next(m_row); ++n) {
    if (first.empty()) {
      for (const auto& c : m_row)
        first += (first.empty() ? "" : ", ") + clean(c.text);
      first = "sheet " + util::quote(m_book->sheets()[sheet].name) + " row " + std::to_string(m_row.number) +
              " has " + util::quote(first, 80);
    }
    if (!required_present(m_row))
      continue;
    m_where = m_book->where(sheet);
    xlsx::SheetRow top = m_row;
    m_have_ahead = m_sheet->next(m_ahead);
    if (m_have_ahead && is_sub_header(top, m_ahead)) {
      plan(merge_header(top, &m_ahead));
      m_have_ahead = false;
    } else {
      plan(merge_header(top, nullptr));
    }
    // The data rows: parsed on a second thread while the rows before them are typed.
    m_sheet = xlsx::read_ahead(std::move(m_sheet));
    return true;
  }
  m_first_rows.push_back(first.empty() ? "sheet " + util::quote(m_book->sheets()[sheet].name) + " is empty"
                                       : first);
  return false;
}

// A second header row under merged cells: it leaves the id column empty
// (merged down from above), holds only text, and names a column the first
// row leaves empty (merged across from its left).
bool
WorkbookSource::is_sub_header(const xlsx::SheetRow& top, const xlsx::SheetRow& below) const
{
  if (below.number != top.number + 1)
    return false;
  bool fills_gap = false;
  for (const auto& c : below) {
    if (c.type != xlsx::CellType::text)
      return false;
    const xlsx::Cell* above = top.find(c.col);
    if (above) {
      auto f = field_of(above->text);
      if (f && fields(m_opt.kind)[*f].required)
        return false; // a value under a required field's header: a data row
    }
    if (!above)
      fills_gap = true;
  }
  return fills_gap;
}

Header
WorkbookSource::merge_header(const xlsx::SheetRow& top, const xlsx::SheetRow* below) const
{
  Header h;
  h.row = top.number;
  for (const auto& c : top)
    if (std::string t = clean(c.text); !t.empty())
      h.names[c.col] = t;
  if (!below)
    return h;
  // Under a merged parent ("问题分类" over 一级/二级/三级) a column takes the
  // name that a field recognises: the sub-header, parent + sub-header, or
  // parent/sub-header.
  std::map<uint32_t, std::string> merged = h.names;
  for (const auto& c : *below) {
    std::string sub = clean(c.text);
    if (sub.empty())
      continue;
    auto parent_it = h.names.upper_bound(c.col);
    std::string parent = parent_it == h.names.begin() ? "" : std::prev(parent_it)->second;
    if (names_field(sub))
      merged[c.col] = sub;
    else if (names_field(parent + sub))
      merged[c.col] = parent + sub;
    else
      merged[c.col] = parent.empty() ? sub : parent + "/" + sub;
  }
  h.names = std::move(merged);
  h.row = below->number;
  return h;
}

// Record columns: the header's columns, visible ones first so that a hidden
// duplicate never wins a field over the column the user sees.
void
WorkbookSource::plan(const Header& h)
{
  if (h.names.empty())
    return;
  uint32_t lo = h.names.begin()->first, hi = h.names.rbegin()->first;
  m_slot.assign(hi + 1, 0);
  for (int pass = 0; pass < 2; ++pass)
    for (uint32_t c = lo; c <= hi; ++c) {
      if (m_sheet->column_hidden(c) != (pass == 1))
        continue;
      auto it = h.names.find(c);
      m_header.push_back(it != h.names.end() ? it->second : "column " + xlsx::column_letters(c));
      m_sheet_col.push_back(c);
      m_slot[c] = uint32_t(m_header.size());
    }
}

// The record column for sheet column `col`, adding one for a value beyond
// the header (named by its letter, kept as an extra attribute).
size_t
WorkbookSource::slot(uint32_t col)
{
  if (col < m_slot.size() && m_slot[col] != 0)
    return m_slot[col] - 1;
  if (col >= m_slot.size())
    m_slot.resize(col + 1, 0);
  m_header.push_back("column " + xlsx::column_letters(col));
  m_sheet_col.push_back(col);
  m_slot[col] = uint32_t(m_header.size());
  return m_header.size() - 1;
}

bool
WorkbookSource::next(Record& rec)
{
  while (read_row(m_row)) {
    bool any = false;
    for (const auto& c : m_row)
      any = any || !util::trim(c.text).empty();
    if (!any)
      continue; // a blank row (formatted but empty cells, or spaces)
    for (const auto& c : m_row)
      if (c.col >= m_slot.size() || m_slot[c.col] == 0)
        slot(c.col);
    rec.values.resize(m_header.size());
    for (auto& v : rec.values)
      v.clear();
    // Swapped, not copied: the row's cells are refilled on the next read anyway.
    for (size_t i = 0; i < m_row.size(); ++i)
      rec.values[slot(m_row[i].col)].swap(m_row[i].text);
    rec.present.assign(m_header.size(), true);
    rec.line = m_row.number;
    rec.error.clear();
    return true;
  }
  return false;
}

std::string
WorkbookSource::where(uint64_t line, size_t column) const
{
  if (column < m_sheet_col.size())
    return m_where + "!" + xlsx::cell_name(m_sheet_col[column], uint32_t(line));
  return m_where + "!" + std::to_string(line) + ":" + std::to_string(line);
}

std::string
WorkbookSource::content_hash()
{
  if (!m_hash.empty())
    return m_hash;
  int fd = ::open(m_file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw UsageError(m_name + ": " + std::strerror(errno));
  util::Sha256 sha;
  std::string buf(1 << 20, '\0');
  ssize_t n;
  while ((n = ::read(fd, buf.data(), buf.size())) > 0)
    sha.update(std::string_view(buf.data(), size_t(n)));
  ::close(fd);
  m_hash = util::Sha256::hex(sha.finish());
  return m_hash;
}

} // namespace

std::unique_ptr<RecordSource>
open_workbook_records(const std::string& file, const std::string& name, const ReaderOptions& options)
{
  return std::make_unique<WorkbookSource>(file, name, options);
}

} // namespace duty::cases
