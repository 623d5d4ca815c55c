// .xlsx through libxlsxwriter, made deterministic: the document's creation
// time is fixed (libxlsxwriter writes zip entries with a fixed date).
#include "xlsx/writer.hpp"

#include "util/date.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>
#include <tuple>
#include <vector>
#include <xlsxwriter.h>

namespace duty::xlsx {

namespace {

// Sheet names are unique regardless of ASCII case.
std::string
folded(std::string s)
{
  for (char& c : s)
    if (c >= 'A' && c <= 'Z')
      c = char(c - 'A' + 'a');
  return s;
}

// 2025-01-01 00:00:00 UTC: a fixed creation time, so the same tables give the same bytes.
constexpr time_t kCreated = 1735689600;

class XlsxWriter final : public BookWriter
{
public:
  explicit XlsxWriter(const std::string& path) : m_path(path)
  {
    // libxlsxwriter finds out only when it closes: check now that the file can be written.
    if (FILE* probe = std::fopen(path.c_str(), "wb"))
      std::fclose(probe);
    else
      throw UsageError(path + ": " + std::strerror(errno));
    lxw_workbook_options opt{};
    opt.constant_memory = LXW_FALSE;
    m_book = workbook_new_opt(path.c_str(), &opt);
    if (!m_book)
      throw UsageError(path + ": cannot create the workbook");
    lxw_doc_properties props{};
    props.created = kCreated;
    workbook_set_properties(m_book, &props);
  }
  ~XlsxWriter() override
  {
    if (m_book) {
      workbook_close(m_book); // an unfinished writer still frees its memory
      std::remove(m_path.c_str());
    }
  }

  void
  add_sheet(std::string_view name) override
  {
    std::string n = valid_sheet_name(name);
    for (int i = 2; m_names.count(folded(n)); ++i)
      n = valid_sheet_name(std::string(name).substr(0, 27) + " (" + std::to_string(i) + ")");
    m_names.insert(folded(n));
    m_sheet = workbook_add_worksheet(m_book, n.c_str());
    if (!m_sheet)
      throw UsageError(m_path + ": cannot add sheet " + util::quote(n));
  }
  void
  text(uint32_t row, uint32_t col, std::string_view value, const Style& style) override
  {
    std::string v(value);
    check(worksheet_write_string(sheet(), row, lxw_col_t(col), v.c_str(), format(style)));
  }
  void
  number(uint32_t row, uint32_t col, double value, const Style& style) override
  {
    check(worksheet_write_number(sheet(), row, lxw_col_t(col), value, format(style)));
  }
  void
  merged_text(uint32_t row, uint32_t first_col, uint32_t last_col, std::string_view value,
              const Style& style) override
  {
    std::string v(value);
    check(worksheet_merge_range(sheet(), row, lxw_col_t(first_col), row, lxw_col_t(last_col), v.c_str(),
                                format(style)));
  }
  void
  column_width(uint32_t col, double chars) override
  {
    check(worksheet_set_column(sheet(), lxw_col_t(col), lxw_col_t(col), chars, nullptr));
  }
  void
  freeze_rows(uint32_t rows) override
  {
    worksheet_freeze_panes(sheet(), rows, 0);
  }
  void
  autofilter(uint32_t first_row, uint32_t last_row, uint32_t last_col) override
  {
    check(worksheet_autofilter(sheet(), first_row, 0, last_row, lxw_col_t(last_col)));
  }
  void
  close() override
  {
    lxw_error e = workbook_close(m_book);
    m_book = nullptr;
    if (e != LXW_NO_ERROR)
      throw UsageError(m_path + ": cannot write the workbook: " + lxw_strerror(e));
  }

private:
  lxw_worksheet*
  sheet()
  {
    if (!m_sheet)
      add_sheet("Sheet1");
    return m_sheet;
  }
  void
  check(lxw_error e)
  {
    if (e != LXW_NO_ERROR)
      throw UsageError(m_path + ": " + lxw_strerror(e));
  }
  lxw_format*
  format(const Style& s)
  {
    if (s.num_format.empty() && !s.bold && s.size == 0)
      return nullptr;
    auto key = std::make_tuple(std::string(s.num_format), s.bold, s.size);
    auto it = m_formats.find(key);
    if (it != m_formats.end())
      return it->second;
    lxw_format* f = workbook_add_format(m_book);
    if (!s.num_format.empty())
      format_set_num_format(f, std::get<0>(key).c_str());
    if (s.bold)
      format_set_bold(f);
    if (s.size > 0)
      format_set_font_size(f, s.size);
    m_formats.emplace(std::move(key), f);
    return f;
  }

  std::string m_path;
  lxw_workbook* m_book = nullptr;
  lxw_worksheet* m_sheet = nullptr;
  std::set<std::string> m_names;
  std::map<std::tuple<std::string, bool, double>, lxw_format*> m_formats;
};

} // namespace

std::unique_ptr<BookWriter>
create_xlsx(const std::string& path)
{
  return std::make_unique<XlsxWriter>(path);
}

std::optional<double>
text_serial(std::string_view s)
{
  auto num = [&](size_t at, size_t n) {
    if (at + n > s.size())
      return -1;
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9')
        return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  if (s.size() != 10 && s.size() != 16 && s.size() != 19)
    return std::nullopt;
  int y = num(0, 4), mo = num(5, 2), d = num(8, 2);
  if (y < 1900 || mo < 0 || d < 0 || s[4] != '-' || s[7] != '-' || !util::valid_ymd(y, mo, d))
    return std::nullopt;
  int h = 0, mi = 0, sec = 0;
  if (s.size() > 10) {
    h = num(11, 2);
    mi = num(14, 2);
    if (s[10] != ' ' || s[13] != ':' || h < 0 || h > 23 || mi < 0 || mi > 59)
      return std::nullopt;
    if (s.size() == 19) {
      sec = num(17, 2);
      if (s[16] != ':' || sec < 0 || sec > 59)
        return std::nullopt;
    }
  }
  int32_t days = util::Date::from_ymd(y, mo, d).days - util::Date::from_ymd(1899, 12, 30).days;
  if (days < 61)
    return std::nullopt; // before 1900-03-01, where Excel's fictitious 29 February intrudes
  return days + (h * 3600 + mi * 60 + sec) / 86400.0;
}

std::string
valid_sheet_name(std::string_view name)
{
  std::string out;
  size_t units = 0;
  for (size_t i = 0; i < name.size();) {
    size_t start = i;
    char32_t c = util::decode_utf8(name, i);
    size_t u = c >= 0x10000 ? 2 : 1;
    if (units + u > 31)
      break;
    units += u;
    if (c < 0x20 || std::string_view("[]:*?/\\").find(char(c)) != std::string_view::npos)
      out += '_';
    else
      out.append(name.substr(start, i - start));
  }
  // Excel refuses a name that starts or ends with an apostrophe.
  if (!out.empty() && out.front() == '\'')
    out.front() = '_';
  if (!out.empty() && out.back() == '\'')
    out.back() = '_';
  return out.empty() ? "Sheet" : out;
}

} // namespace duty::xlsx
