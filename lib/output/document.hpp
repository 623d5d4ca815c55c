#pragma once

// A report document as data — sections of headline figures, tables and
// charts — and its renderers: one self-contained HTML file (inline CSS and
// SVG, no script, no fetches, A4 print rules) and Markdown with the same
// numbers. lib/report builds documents from what rates, replay and the audit
// computed; this file only lays them out. Every number is a Cell, so a rate
// shows the same exact decimal text in a table, on a bar and in Markdown.
#include "output/table.hpp"

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace duty::output {

// A headline number and its change from the previous period.
struct Figure
{
  std::string key;         // machine name: "orders", "response_rate"
  std::string label;       // shown: "受理量"
  Cell value;              // null: no value this period
  Cell change;             // null: nothing to compare with; else signed ("+1.2")
  std::string change_unit; // shown after the change: "个百分点", "件"
};

struct Figures
{
  std::string title; // a heading over the figures ("街乡镇"); may be empty
  std::vector<Figure> items;
};

// One named row of values of a chart, drawn in one colour and named in the legend.
struct Series
{
  std::string name;
  std::vector<Cell> values; // one per category; null: no value (no bar, a gap in a line)
};

// A chart as data; the renderer decides the geometry. Values are numbers
// (fractions shown as percentages, or counts); their display text labels bars
// and points.
struct Chart
{
  enum class Kind {
    bar,  // horizontal grouped bars: a row per category, a bar per series
    line, // a line per series over the categories (periods) on the x axis
  };
  Kind kind = Kind::bar;
  std::string id; // unique in the document: "rates-streets"
  std::string title;
  std::string category_label; // what the categories are: "承办单位", "月份"
  std::vector<std::string> categories;
  std::vector<Series> series;
  bool percent = true;   // values are fractions, the axis shows percentages
  bool from_zero = true; // the value axis starts at 0 (else it fits the data)
  // The values are columns of a table in the same document (a picture of
  // it): a workbook of the document keeps the table and leaves the chart out.
  bool of_table = false;

  // No series holds a number: nothing to draw.
  bool empty() const;
};

// A sentence or two: how to read a section, which rule it applies, why it is empty.
struct Note
{
  std::string text;
};

using Block = std::variant<Figures, Table, Chart, Note>;

struct Section
{
  std::string id;    // a stable anchor: "headline", "ranking-streets", … (tests look for these)
  std::string title; // "一、核心指标"
  std::vector<Block> blocks;
};

struct Document
{
  std::string title;    // "延庆区接诉即办月度考核报告"
  std::string subtitle; // "2025年3月"
  std::string lang = "zh-CN";
  std::vector<Section> sections;
  // Provenance at the foot: label and value (list-set hash, profile, …).
  std::vector<std::pair<std::string, std::string>> stamp;
};

// One HTML5 file: inline CSS (A4 @page rules, a CJK font chain), SVG charts,
// a Content-Security-Policy that forbids scripts and fetches; every text from
// the data escaped. Deterministic: same document, same bytes.
std::string
render_html(const Document& doc);

// GitHub-flavoured Markdown: figures as a table, charts as tables of their
// values, tables through render_md, the stamp as a closing list.
std::string
render_markdown(const Document& doc);

// Every figure, table and chart of the document as tables, in order, for a
// workbook: figures as 指标 | 本期 | 较上期 | 单位 (the change a number, its
// unit beside it), tables as they are, charts as their values (chart_table)
// unless they only picture a table of the document (Chart::of_table).
// Each is named by its caption, else by its section's title; notes are left
// out. The document's title and stamp are the first table's meta, so they
// land on the workbook's about sheet.
std::vector<Table>
document_tables(const Document& doc);

// The chart as a table: a row per category, a column per series.
Table
chart_table(const Chart& chart);

// One <svg> element for the chart (axes, ticks, labels, values on bars or
// points, a legend), sized for an A4 column; deterministic coordinates.
std::string
render_svg(const Chart& chart);

} // namespace duty::output
