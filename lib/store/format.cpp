#include "store/format.hpp"

#include "util/json.hpp"
#include "util/csv.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

namespace duty::store {

namespace {

using Cell = ResultSet::Cell;

std::string
cell_text(const Cell& c)
{
  if (auto i = std::get_if<int64_t>(&c))
    return std::to_string(*i);
  if (auto d = std::get_if<double>(&c)) {
    // Keep a REAL looking like one, as sqlite3 does: 95.0, not 95.
    std::string s = fmt::format("{}", *d);
    if (s.find_first_of(".eEn") == std::string::npos)
      s += ".0";
    return s;
  }
  if (auto s = std::get_if<std::string>(&c))
    return *s;
  return {};
}

void
json_cell(util::JsonWriter& w, const Cell& c)
{
  if (auto i = std::get_if<int64_t>(&c))
    w.value(*i);
  else if (auto d = std::get_if<double>(&c))
    w.value(*d);
  else if (auto s = std::get_if<std::string>(&c))
    w.value(*s);
  else
    w.null();
}

// Control characters would break the table's rows: show them escaped.
std::string
table_text(const Cell& c)
{
  std::string s = cell_text(c);
  std::string out;
  for (char ch : s) {
    if (ch == '\n')
      out += "\\n";
    else if (ch == '\r')
      out += "\\r";
    else if (ch == '\t')
      out += "\\t";
    else
      out += ch;
  }
  return out;
}

void
table(std::string& out, const ResultSet& rs)
{
  size_t n = rs.columns.size();
  std::vector<size_t> width(n);
  std::vector<bool> numeric(n, true);
  std::vector<std::vector<std::string>> text;
  text.reserve(rs.rows.size());
  for (size_t c = 0; c < n; ++c)
    width[c] = util::display_width(rs.columns[c]);
  for (const auto& row : rs.rows) {
    auto& t = text.emplace_back();
    for (size_t c = 0; c < n; ++c) {
      t.push_back(table_text(row[c]));
      width[c] = std::max(width[c], util::display_width(t.back()));
      if (std::holds_alternative<std::string>(row[c]))
        numeric[c] = false;
    }
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string l;
    for (size_t c = 0; c < n; ++c) {
      if (c)
        l += "  ";
      size_t w = util::display_width(cells[c]);
      if (numeric[c] && w < width[c])
        l.append(width[c] - w, ' ').append(cells[c]);
      else if (c + 1 < n)
        l += util::pad_right(cells[c], width[c]);
      else
        l += cells[c];
    }
    while (!l.empty() && l.back() == ' ')
      l.pop_back();
    out += l + "\n";
  };
  line(rs.columns);
  std::vector<std::string> rule;
  for (size_t c = 0; c < n; ++c)
    rule.emplace_back(width[c], '-');
  line(rule);
  for (const auto& t : text)
    line(t);
}

} // namespace

std::optional<OutputFormat>
parse_output_format(std::string_view name)
{
  if (name == "table")
    return OutputFormat::table;
  if (name == "csv")
    return OutputFormat::csv;
  if (name == "json")
    return OutputFormat::json;
  if (name == "jsonl")
    return OutputFormat::jsonl;
  return std::nullopt;
}

std::string
format_results(const std::vector<ResultSet>& results, OutputFormat format)
{
  std::string out;
  for (size_t r = 0; r < results.size(); ++r) {
    const ResultSet& rs = results[r];
    switch (format) {
    case OutputFormat::table:
      if (r)
        out += '\n';
      table(out, rs);
      break;
    case OutputFormat::csv:
      if (r)
        out += '\n';
      for (size_t c = 0; c < rs.columns.size(); ++c) {
        if (c)
          out += ',';
        util::append_csv_field(out, rs.columns[c]);
      }
      out += "\r\n";
      for (const auto& row : rs.rows) {
        for (size_t c = 0; c < row.size(); ++c) {
          if (c)
            out += ',';
          util::append_csv_field(out, cell_text(row[c]));
        }
        out += "\r\n";
      }
      break;
    case OutputFormat::json:
    case OutputFormat::jsonl: {
      bool lines = format == OutputFormat::jsonl;
      std::string buf;
      util::JsonWriter w(buf);
      if (!lines)
        w.begin_array();
      for (const auto& row : rs.rows) {
        if (lines) {
          buf.clear();
          util::JsonWriter lw(buf);
          lw.begin_object();
          for (size_t c = 0; c < row.size(); ++c) {
            lw.key(rs.columns[c]);
            json_cell(lw, row[c]);
          }
          lw.end_object();
          out += buf + "\n";
          continue;
        }
        w.begin_object();
        for (size_t c = 0; c < row.size(); ++c) {
          w.key(rs.columns[c]);
          json_cell(w, row[c]);
        }
        w.end_object();
      }
      if (!lines) {
        w.end_array();
        out += buf + "\n";
      }
      break;
    }
    }
  }
  return out;
}

} // namespace duty::store
