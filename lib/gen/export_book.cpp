#include "gen/export_book.hpp"

#include "cases/values.hpp"
#include "util/text.hpp"

#include <algorithm>

namespace duty::gen {

ExportBook::ExportBook(xlsx::BookWriter& out, cases::Kind kind, std::string sheet, std::string title,
                       std::string note)
    : m_out(out), m_kind(kind), m_title(std::move(title)), m_note(std::move(note))
{
  m_out.add_sheet(sheet);
}

void
ExportBook::row(const std::vector<std::string>& fields)
{
  auto widen = [&](size_t c, std::string_view v) {
    if (m_width.size() <= c)
      m_width.resize(c + 1, 0);
    m_width[c] = std::max(m_width[c], std::min<size_t>(util::display_width(v), 60));
  };
  if (m_row == 0) {
    uint32_t last = uint32_t(std::max<size_t>(fields.size(), 1) - 1);
    m_out.merged_text(0, 0, last, m_title, xlsx::Style::strong(14));
    m_out.text(1, 0, m_note);
    for (size_t c = 0; c < fields.size(); ++c) {
      auto f = cases::header_field(m_kind, cases::normalize_header(fields[c]));
      m_time.push_back(f && cases::fields(m_kind)[*f].type == cases::FieldType::time);
      m_out.text(2, uint32_t(c), fields[c], xlsx::Style::strong());
      widen(c, fields[c]);
    }
    m_row = 3;
    return;
  }
  static const cases::TimeSpec kNaive;
  for (size_t c = 0; c < fields.size(); ++c) {
    const std::string& v = fields[c];
    if (v.empty())
      continue;
    if (c < m_time.size() && m_time[c])
      if (auto t = cases::parse_time(v, kNaive))
        if (auto serial = xlsx::text_serial(*t)) {
          m_out.number(m_row, uint32_t(c), *serial, xlsx::Style::format(xlsx::kDateTimeFormat));
          widen(c, *t);
          continue;
        }
    m_out.text(m_row, uint32_t(c), v);
    widen(c, v);
  }
  ++m_row;
}

void
ExportBook::close()
{
  for (size_t c = 0; c < m_width.size(); ++c)
    m_out.column_width(uint32_t(c), double(m_width[c]) + 2);
  m_out.close();
}

} // namespace duty::gen
