#include "output/table.hpp"

#include "util/csv.hpp"
#include "util/error.hpp"
#include "util/json.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace duty::output {

std::string
cell_display(const Cell& c)
{
  switch (c.kind) {
  case Cell::Kind::null: return {};
  case Cell::Kind::integer: return std::to_string(c.integer);
  case Cell::Kind::real: {
    // Keep a REAL looking like one, as sqlite3 does: 95.0, not 95.
    std::string s = fmt::format("{}", c.real);
    if (s.find_first_of(".eEn") == std::string::npos)
      s += ".0";
    return s;
  }
  case Cell::Kind::decimal: return c.percent ? c.text + "%" : c.text;
  case Cell::Kind::text: return c.text;
  }
  return {};
}

namespace {

// A column is right-aligned when it holds numbers only (nulls aside).
std::vector<bool>
numeric_columns(const Table& t)
{
  std::vector<bool> numeric(t.columns.size(), true);
  for (const auto& row : t.rows)
    for (size_t c = 0; c < row.size() && c < numeric.size(); ++c)
      if (row[c].kind == Cell::Kind::text)
        numeric[c] = false;
  return numeric;
}

const Cell&
cell_at(const std::vector<Cell>& row, size_t c)
{
  static const Cell kNull;
  return c < row.size() ? row[c] : kNull;
}

} // namespace

std::string
render_text(const Table& t)
{
  size_t n = t.columns.size();
  std::vector<size_t> width(n);
  std::vector<bool> numeric = numeric_columns(t);
  std::vector<std::string> header;
  for (size_t c = 0; c < n; ++c) {
    header.push_back(util::terminal_safe(t.columns[c].header));
    width[c] = util::display_width(header[c]);
  }
  std::vector<std::vector<std::string>> text;
  text.reserve(t.rows.size());
  for (const auto& row : t.rows) {
    auto& cells = text.emplace_back();
    for (size_t c = 0; c < n; ++c) {
      cells.push_back(util::terminal_safe(cell_display(cell_at(row, c))));
      width[c] = std::max(width[c], util::display_width(cells.back()));
    }
  }
  std::string out;
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
  std::vector<std::string> rule;
  for (size_t c = 0; c < n; ++c)
    rule.emplace_back(width[c], '-');
  line(header);
  line(rule);
  size_t body = text.size() - std::min(t.footer, text.size());
  for (size_t r = 0; r < text.size(); ++r) {
    if (r == body && r > 0)
      line(rule);
    line(text[r]);
  }
  return out;
}

std::string
render_csv(const Table& t, bool header)
{
  std::string out;
  for (size_t c = 0; header && c < t.columns.size(); ++c) {
    if (c)
      out += ',';
    util::append_csv_field(out, t.columns[c].header);
  }
  if (header)
    out += "\r\n";
  for (const auto& row : t.rows) {
    for (size_t c = 0; c < t.columns.size(); ++c) {
      if (c)
        out += ',';
      util::append_csv_field(out, cell_display(cell_at(row, c)));
    }
    out += "\r\n";
  }
  return out;
}

namespace {

std::string
md_cell(std::string_view s)
{
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char ch = s[i];
    if (ch == '|')
      out += "\\|";
    else if (ch == '<') // text from the data never opens a tag in a Markdown reader
      out += "&lt;";
    else if (ch == '>')
      out += "&gt;";
    else if (ch == '\n')
      out += "<br>";
    else if (ch != '\r')
      out += ch;
  }
  return util::terminal_safe(out);
}

} // namespace

std::string
render_md(const Table& t)
{
  std::string out;
  std::vector<bool> numeric = numeric_columns(t);
  out += "|";
  for (const auto& c : t.columns)
    out += " " + md_cell(c.header) + " |";
  out += "\n|";
  for (size_t c = 0; c < t.columns.size(); ++c)
    out += numeric[c] ? "---:|" : "---|";
  out += "\n";
  size_t body = t.rows.size() - std::min(t.footer, t.rows.size());
  for (size_t r = 0; r < t.rows.size(); ++r) {
    out += "|";
    for (size_t c = 0; c < t.columns.size(); ++c) {
      std::string shown = md_cell(cell_display(cell_at(t.rows[r], c)));
      // Totals in bold, as reports set them off.
      if (r >= body && !shown.empty())
        shown = "**" + shown + "**";
      out += " " + shown + " |";
    }
    out += "\n";
  }
  return out;
}

namespace {

// Text of a cell for HTML: each line escaped, lines joined by <br>.
std::string
html_cell(std::string_view s)
{
  std::string out;
  auto lines = util::split(s, '\n');
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (line.ends_with('\r'))
      line.remove_suffix(1);
    if (i)
      out += "<br>";
    out += util::xml_escape(line);
  }
  return out;
}

} // namespace

std::string
render_html(const Table& t)
{
  std::vector<bool> numeric = numeric_columns(t);
  auto cls = [&](size_t c) { return numeric[c] ? " class=\"num\"" : ""; };
  // A table of a few columns is not stretched over the page.
  std::string out = t.columns.size() <= 4 ? "<table class=\"data narrow\">\n" : "<table class=\"data\">\n";
  if (!t.name.empty())
    out += "<caption>" + html_cell(t.name) + "</caption>\n";
  out += "<thead><tr>";
  for (size_t c = 0; c < t.columns.size(); ++c)
    out += fmt::format("<th scope=\"col\"{}>{}</th>", cls(c), html_cell(t.columns[c].header));
  out += "</tr></thead>\n";
  size_t body = t.rows.size() - std::min(t.footer, t.rows.size());
  auto rows = [&](size_t from, size_t to) {
    for (size_t r = from; r < to; ++r) {
      out += "<tr>";
      for (size_t c = 0; c < t.columns.size(); ++c)
        out += fmt::format("<td{}>{}</td>", cls(c), html_cell(cell_display(cell_at(t.rows[r], c))));
      out += "</tr>\n";
    }
  };
  out += "<tbody>\n";
  rows(0, body);
  out += "</tbody>\n";
  if (body < t.rows.size()) {
    out += "<tfoot>\n";
    rows(body, t.rows.size());
    out += "</tfoot>\n";
  }
  return out + "</table>\n";
}

namespace {

void
json_cell(util::JsonWriter& w, const Cell& c)
{
  switch (c.kind) {
  case Cell::Kind::null: w.null(); break;
  case Cell::Kind::integer: w.value(c.integer); break;
  case Cell::Kind::real: w.value(c.real); break;
  // The exact decimal, as a JSON number: the percentage's fraction or the value.
  case Cell::Kind::decimal: w.value(c.real); break;
  case Cell::Kind::text: w.value(c.text); break;
  }
}

} // namespace

std::string
render_json(const Table& t, bool lines)
{
  auto object = [&](util::JsonWriter& w, const std::vector<Cell>& row) {
    w.begin_object();
    for (size_t c = 0; c < t.columns.size(); ++c) {
      w.key(t.columns[c].key);
      json_cell(w, cell_at(row, c));
    }
    w.end_object();
  };
  std::string out;
  if (lines) {
    std::string buf;
    for (const auto& row : t.rows) {
      buf.clear();
      util::JsonWriter w(buf);
      object(w, row);
      out += buf + "\n";
    }
    return out;
  }
  util::JsonWriter w(out);
  w.begin_array();
  for (const auto& row : t.rows)
    object(w, row);
  w.end_array();
  return out + "\n";
}

std::string
render_table(const Table& t, Format f)
{
  switch (f) {
  case Format::text: return render_text(t);
  case Format::csv: return render_csv(t);
  case Format::md: return render_md(t);
  case Format::html: return render_html(t);
  case Format::json: return render_json(t, false);
  case Format::jsonl: return render_json(t, true);
  default: break;
  }
  throw UsageError("a table cannot be written as " + std::string(format_name(f)));
}

} // namespace duty::output
