#pragma once

#include "output/format.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace duty::output {

// One value of a table. Numbers keep their value for json and xlsx and their
// display for text, csv and md: `decimal` cells carry exact decimal text
// computed by the producer (a rate rounded from exact counts), never a
// re-rounded double.
struct Cell
{
  enum class Kind { null, integer, real, decimal, text };
  Kind kind = Kind::null;
  int64_t integer = 0;
  double real = 0;   // real and decimal: the value
  std::string text;  // text: the value; decimal: the exact display ("98.5")
  bool percent = false; // decimal: `text` is a percentage of `real` (0.985 → "98.5"); shown with "%"

  static Cell null() { return {}; }
  static Cell of(int64_t v) { return {Kind::integer, v, 0, {}, false}; }
  static Cell of_real(double v) { return {Kind::real, 0, v, {}, false}; }
  static Cell of(std::string v) { return {Kind::text, 0, 0, std::move(v), false}; }
  static Cell of(const char* v) { return of(std::string(v)); }
  // `shown` is the exact decimal text for `value` ("98.5" for 0.985 with percent).
  static Cell of_decimal(double value, std::string shown, bool percent = false)
  {
    return {Kind::decimal, 0, value, std::move(shown), percent};
  }
  bool is_number() const { return kind == Kind::integer || kind == Kind::real || kind == Kind::decimal; }
};

struct Column
{
  std::string key;    // machine name: json keys
  std::string header; // shown in text, csv, md, html and xlsx headers
};

// A table as data; the renderers below turn it into text for a format.
struct Table
{
  std::string name; // a caption: the xlsx sheet name, a report's table title
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  size_t footer = 0; // the last `footer` rows are totals (合计), set off from the rest
  // Provenance for formats that carry it (xlsx's second sheet): list-set hash, profile, …
  std::vector<std::pair<std::string, std::string>> meta;

  // Adds a column whose key and header are the same.
  void add_column(std::string key, std::string header = {})
  {
    if (header.empty())
      header = key;
    columns.push_back({std::move(key), std::move(header)});
  }
};

// The display text of a cell in text, csv and md: integers as written, reals
// like SQLite shows them (95.0), decimals as given (with "%" when a percent),
// null empty.
std::string
cell_display(const Cell& c);

// Aligned by display width (CJK counts two columns), numbers right-aligned, a
// rule under the header and above the footer; control and bidi characters
// from the data shown escaped so that no terminal sequence passes through.
std::string
render_text(const Table& t);

// RFC 4180: a header row of column headers, CRLF line ends, quotes where needed.
// Without `header`, only the rows: a long table streamed in parts.
std::string
render_csv(const Table& t, bool header = true);

// A GitHub-flavoured Markdown table; '|' escaped and line breaks as <br>.
std::string
render_md(const Table& t);

// An HTML <table>: the name as its <caption>, headers in <thead>, footer rows
// in <tfoot>, number columns with class "num" (right-aligned by the page's
// CSS), a table of four columns or fewer with class "narrow"; every text
// escaped, line breaks as <br>. No styles of its own.
std::string
render_html(const Table& t);

// One JSON array of objects keyed by column key (numbers as numbers, null as
// null) — `lines`: one object per line instead.
std::string
render_json(const Table& t, bool lines = false);

// Renders `t` in a table format: text, csv, md, html, json or jsonl. Throws
// UsageError for a format that is not a text rendering of a table.
std::string
render_table(const Table& t, Format f);

} // namespace duty::output
