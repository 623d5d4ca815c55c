// .xls: BIFF8 records (the workbook globals, a shared-string table split
// over CONTINUE records, one substream per sheet) in a compound file. Only
// what an export needs: text, numbers, number formats, bold and larger
// fonts, merged cells, column widths. Record layouts follow [MS-XLS].
#include "xlsx/cfb.hpp"
#include "xlsx/writer.hpp"

#include "util/error.hpp"
#include "util/text.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace duty::xlsx {

namespace {

constexpr size_t kMaxRecord = 8224; // BIFF8 record data limit
constexpr uint32_t kMaxRows = 65536, kMaxCols = 256;
constexpr uint16_t kDefaultXf = 15; // after the 15 style XFs

// Little-endian record data.
struct Bytes
{
  std::string s;
  Bytes&
  u8(uint8_t v)
  {
    s += char(v);
    return *this;
  }
  Bytes&
  u16(uint16_t v)
  {
    return u8(uint8_t(v & 0xFF)).u8(uint8_t(v >> 8));
  }
  Bytes&
  u32(uint32_t v)
  {
    return u16(uint16_t(v & 0xFFFF)).u16(uint16_t(v >> 16));
  }
  Bytes&
  f64(double v)
  {
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    return u32(uint32_t(bits)).u32(uint32_t(bits >> 32));
  }
  Bytes&
  raw(std::string_view v)
  {
    s += v;
    return *this;
  }
};

void
record(std::string& out, uint16_t type, std::string_view data)
{
  Bytes b;
  b.u16(type).u16(uint16_t(data.size())).raw(data);
  out += b.s;
}

std::u16string
utf16(std::string_view s)
{
  std::u16string out;
  for (size_t i = 0; i < s.size();) {
    char32_t c = util::decode_utf8(s, i);
    if (c >= 0x10000) {
      c -= 0x10000;
      out += char16_t(0xD800 + (c >> 10));
      out += char16_t(0xDC00 + (c & 0x3FF));
    } else {
      out += char16_t(c);
    }
  }
  return out;
}

void
append_utf16(Bytes& b, std::u16string_view s)
{
  for (char16_t c : s)
    b.u16(uint16_t(c));
}

// A string with a one-byte length (sheet and font names).
Bytes&
short_string(Bytes& b, std::string_view s)
{
  std::u16string u = utf16(s);
  b.u8(uint8_t(u.size())).u8(1);
  append_utf16(b, u);
  return b;
}

struct Sheet
{
  std::string name;
  std::string cells;           // LABELSST, NUMBER and BLANK records, in write order
  uint32_t rows = 0, cols = 0; // one past the last used
  std::map<uint32_t, double> widths;
  std::vector<std::tuple<uint32_t, uint32_t, uint32_t>> merges; // row, first, last
};

class BiffWriter final : public BookWriter
{
public:
  explicit BiffWriter(std::string path) : m_path(std::move(path))
  {
    // Check now that the file can be written, as the xlsx writer does.
    std::ofstream probe(m_path, std::ios::binary);
    if (!probe)
      throw UsageError(m_path + ": " + std::strerror(errno));
  }

  void
  add_sheet(std::string_view name) override
  {
    std::string n = valid_sheet_name(name);
    for (int i = 2; taken(n); ++i)
      n = valid_sheet_name(std::string(name).substr(0, 27) + " (" + std::to_string(i) + ")");
    m_sheets.push_back({n, {}, 0, 0, {}, {}});
  }
  void
  text(uint32_t row, uint32_t col, std::string_view value, const Style& style) override
  {
    Bytes b;
    b.u16(uint16_t(row)).u16(uint16_t(col)).u16(xf(style, row, col)).u32(string_index(value));
    record(sheet().cells, 0x00FD, b.s); // LABELSST
  }
  void
  number(uint32_t row, uint32_t col, double value, const Style& style) override
  {
    Bytes b;
    b.u16(uint16_t(row)).u16(uint16_t(col)).u16(xf(style, row, col)).f64(value);
    record(sheet().cells, 0x0203, b.s); // NUMBER
  }
  void
  merged_text(uint32_t row, uint32_t first_col, uint32_t last_col, std::string_view value,
              const Style& style) override
  {
    text(row, first_col, value, style);
    for (uint32_t c = first_col + 1; c <= last_col; ++c) {
      Bytes b;
      b.u16(uint16_t(row)).u16(uint16_t(c)).u16(xf(style, row, c));
      record(sheet().cells, 0x0201, b.s); // BLANK
    }
    sheet().merges.emplace_back(row, first_col, last_col);
  }
  void
  column_width(uint32_t col, double chars) override
  {
    if (col < kMaxCols)
      sheet().widths[col] = chars;
  }
  void
  freeze_rows(uint32_t) override
  {
  }
  void
  autofilter(uint32_t, uint32_t, uint32_t) override
  {
  }
  void close() override;

private:
  Sheet&
  sheet()
  {
    if (m_sheets.empty())
      add_sheet("Sheet1");
    return m_sheets.back();
  }
  bool
  taken(const std::string& n) const
  {
    for (const auto& s : m_sheets)
      if (s.name == n)
        return true;
    return false;
  }
  uint16_t xf(const Style& style, uint32_t row, uint32_t col);
  uint32_t string_index(std::string_view s);
  std::string globals(const std::vector<uint32_t>& offsets) const;
  std::string substream(const Sheet& s, bool first) const;
  std::string shared_strings() const;

  std::string m_path;
  std::vector<Sheet> m_sheets;
  std::vector<std::u16string> m_strings;
  std::unordered_map<std::string, uint32_t> m_string_index;
  uint32_t m_string_uses = 0;
  std::vector<std::pair<bool, double>> m_fonts;     // beyond the four defaults
  std::vector<std::string> m_formats;               // custom codes from id 164
  std::vector<std::pair<uint16_t, uint16_t>> m_xfs; // cell XFs from 16: font, format
  std::map<std::tuple<std::string, bool, double>, uint16_t> m_xf_index;
};

uint16_t
BiffWriter::xf(const Style& style, uint32_t row, uint32_t col)
{
  if (row >= kMaxRows || col >= kMaxCols)
    throw UsageError(m_path + ": an .xls sheet holds 65536 rows and 256 columns; write .xlsx "
                              "for more");
  Sheet& s = sheet();
  s.rows = std::max(s.rows, row + 1);
  s.cols = std::max(s.cols, col + 1);
  if (style.num_format.empty() && !style.bold && style.size == 0)
    return kDefaultXf;
  auto key = std::make_tuple(std::string(style.num_format), style.bold, style.size);
  if (auto it = m_xf_index.find(key); it != m_xf_index.end())
    return it->second;
  uint16_t font = 0;
  if (style.bold && style.size == 0) {
    font = 1; // the default bold font
  } else if (style.bold || style.size != 0) {
    std::pair<bool, double> f{style.bold, style.size};
    size_t i = 0;
    while (i < m_fonts.size() && m_fonts[i] != f)
      ++i;
    if (i == m_fonts.size())
      m_fonts.push_back(f);
    font = uint16_t(5 + i); // font index 4 does not exist in BIFF
  }
  uint16_t format = 0;
  if (!style.num_format.empty()) {
    size_t i = 0;
    while (i < m_formats.size() && m_formats[i] != style.num_format)
      ++i;
    if (i == m_formats.size())
      m_formats.emplace_back(style.num_format);
    format = uint16_t(164 + i);
  }
  m_xfs.emplace_back(font, format);
  uint16_t index = uint16_t(16 + m_xfs.size() - 1);
  m_xf_index.emplace(std::move(key), index);
  return index;
}

uint32_t
BiffWriter::string_index(std::string_view s)
{
  ++m_string_uses;
  auto [it, fresh] = m_string_index.try_emplace(std::string(s), uint32_t(m_strings.size()));
  if (fresh) {
    std::u16string u = utf16(s);
    if (u.size() > 32767)
      throw UsageError(m_path + ": a cell of more than 32767 characters cannot go into .xls");
    m_strings.push_back(std::move(u));
  }
  return it->second;
}

Bytes
font_record(bool bold, double size)
{
  Bytes b;
  // Bit 0 of the options repeats the weight; older readers look only there.
  b.u16(uint16_t(size > 0 ? size * 20 : 220)).u16(bold ? 1 : 0).u16(0x7FFF).u16(bold ? 700 : 400);
  b.u16(0).u8(0).u8(0).u8(0x86).u8(0); // no escapement or underline; GB2312 charset
  return short_string(b, "宋体");
}

Bytes
xf_record(uint16_t font, uint16_t format, bool style, uint8_t used)
{
  Bytes b;
  b.u16(font).u16(format).u16(style ? 0xFFF5 : 0x0001); // locked; a style XF has no parent
  b.u8(0x20).u8(0).u8(0).u8(used);                      // bottom-aligned
  b.u32(0).u32(0).u16(0x20C0);                          // no borders, default pattern colours
  return b;
}

std::string
BiffWriter::shared_strings() const
{
  // SST, then CONTINUE records. A string's 3-byte header never splits; when
  // its characters do, the CONTINUE starts with the option byte again.
  std::string out;
  Bytes cur;
  cur.u32(m_string_uses).u32(uint32_t(m_strings.size()));
  bool first = true;
  auto flush = [&] {
    record(out, first ? 0x00FC : 0x003C, cur.s);
    first = false;
    cur.s.clear();
  };
  // Records a string of `n` characters spans when it starts at byte `at` of a record.
  auto spans = [](size_t at, size_t n) {
    size_t first = at + 3 + 2 > kMaxRecord ? 0 : (kMaxRecord - at - 3) / 2;
    size_t rest = n > first ? n - first : 0;
    return 1 + (rest + (kMaxRecord - 1) / 2 - 1) / ((kMaxRecord - 1) / 2);
  };
  for (const auto& s : m_strings) {
    // A string goes to a fresh record when that saves it a record: FreeXL
    // (1.0.6) misreads a string spread over three records.
    if (cur.s.size() + 3 + (s.empty() ? 0 : 2) > kMaxRecord ||
        (cur.s.size() > 0 && spans(cur.s.size(), s.size()) > spans(0, s.size())))
      flush();
    cur.u16(uint16_t(s.size())).u8(1);
    size_t done = 0;
    while (done < s.size()) {
      size_t room = (kMaxRecord - cur.s.size()) / 2;
      if (room == 0) {
        flush();
        cur.u8(1);
        room = (kMaxRecord - 1) / 2;
      }
      size_t n = std::min(room, s.size() - done);
      append_utf16(cur, std::u16string_view(s).substr(done, n));
      done += n;
    }
  }
  flush();
  return out;
}

std::string
BiffWriter::globals(const std::vector<uint32_t>& offsets) const
{
  std::string out;
  Bytes b;
  record(out, 0x0809, b.u16(0x0600).u16(0x0005).u16(0x0DBB).u16(0x07CC).u32(0).u32(6).s); // BOF
  record(out, 0x0042, Bytes().u16(1200).s);                                               // CODEPAGE: UTF-16
  record(out, 0x003D,
         Bytes()
             .u16(0)
             .u16(0)
             .u16(0x4000)
             .u16(0x2000)
             .u16(0x0038)
             .u16(0)
             .u16(0)
             .u16(1)
             .u16(0x0258)
             .s);                        // WINDOW1
  record(out, 0x0022, Bytes().u16(0).s); // DATEMODE: 1900
  for (bool bold : {false, true, false, false})
    record(out, 0x0031, font_record(bold, 0).s);
  for (const auto& [bold, size] : m_fonts)
    record(out, 0x0031, font_record(bold, size).s);
  for (size_t i = 0; i < m_formats.size(); ++i) {
    std::u16string code = utf16(m_formats[i]);
    Bytes f;
    f.u16(uint16_t(164 + i)).u16(uint16_t(code.size())).u8(1);
    append_utf16(f, code);
    record(out, 0x041E, f.s); // FORMAT
  }
  record(out, 0x00E0, xf_record(0, 0, true, 0x00).s);
  for (int i = 1; i < 15; ++i)
    record(out, 0x00E0, xf_record(i < 3 ? 1 : i < 5 ? 2 : 0, 0, true, 0xF4).s);
  record(out, 0x00E0, xf_record(0, 0, false, 0x00).s); // XF 15: the default cell format
  for (const auto& [font, format] : m_xfs)
    record(out, 0x00E0, xf_record(font, format, false, 0xFC).s);
  record(out, 0x0293, Bytes().u16(0x8000).u8(0).u8(0xFF).s); // STYLE: Normal
  for (size_t i = 0; i < m_sheets.size(); ++i) {
    Bytes s;
    s.u32(offsets.empty() ? 0 : offsets[i]).u8(0).u8(0);
    record(out, 0x0085, short_string(s, m_sheets[i].name).s); // BOUNDSHEET
  }
  out += shared_strings();
  record(out, 0x000A, {}); // EOF
  return out;
}

std::string
BiffWriter::substream(const Sheet& s, bool first) const
{
  std::string out;
  record(out, 0x0809, Bytes().u16(0x0600).u16(0x0010).u16(0x0DBB).u16(0x07CC).u32(0).u32(6).s);
  for (const auto& [col, chars] : s.widths)
    record(out, 0x007D,
           Bytes()
               .u16(uint16_t(col))
               .u16(uint16_t(col))
               .u16(uint16_t(std::min(chars, 255.0) * 256))
               .u16(kDefaultXf)
               .u16(0)
               .u16(0)
               .s); // COLINFO
  record(out, 0x0200, Bytes().u32(0).u32(s.rows).u16(0).u16(uint16_t(s.cols)).u16(0).s);
  out += s.cells;
  record(out, 0x023E,
         Bytes().u16(first ? 0x06B6 : 0x00B6).u16(0).u16(0).u32(0x40).u16(0).u16(0).u32(0).s); // WINDOW2
  if (!s.merges.empty()) {
    Bytes m;
    m.u16(uint16_t(s.merges.size()));
    for (const auto& [row, a, b] : s.merges)
      m.u16(uint16_t(row)).u16(uint16_t(row)).u16(uint16_t(a)).u16(uint16_t(b));
    record(out, 0x00E5, m.s); // MERGEDCELLS
  }
  record(out, 0x000A, {});
  return out;
}

void
BiffWriter::close()
{
  sheet();
  std::vector<std::string> subs;
  for (size_t i = 0; i < m_sheets.size(); ++i)
    subs.push_back(substream(m_sheets[i], i == 0));
  // Each BOUNDSHEET holds its substream's offset: the globals' size does not
  // depend on the offsets' values, so measure first, then write.
  std::vector<uint32_t> offsets;
  uint64_t at = globals({}).size();
  for (const auto& s : subs) {
    offsets.push_back(uint32_t(at));
    at += s.size();
  }
  std::string stream = globals(offsets);
  for (const auto& s : subs)
    stream += s;
  std::string file = compound_file("Workbook", std::move(stream));
  std::ofstream out(m_path, std::ios::binary | std::ios::trunc);
  out.write(file.data(), std::streamsize(file.size()));
  out.close();
  if (!out)
    throw UsageError(m_path + ": cannot write the workbook: " + std::strerror(errno));
}

} // namespace

std::unique_ptr<BookWriter>
create_xls(const std::string& path)
{
  return std::make_unique<BiffWriter>(path);
}

} // namespace duty::xlsx
