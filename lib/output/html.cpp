// A report document as one self-contained HTML file. Inline CSS and SVG
// only: the Content-Security-Policy forbids scripts and every fetch, so the
// file shows the same offline, in a mail client or printed. Printing is
// designed for A4 portrait: the body is one 180 mm column, tables repeat their
// headers on each page, and charts, figures and table rows never split.
#include "output/document.hpp"

#include "util/text.hpp"

#include <fmt/format.h>

namespace duty::output {

namespace {

constexpr const char* kCss = R"css(
@page { size: A4 portrait; margin: 14mm 12mm 16mm 12mm; }
:root { color: #1a202c; background: #fff; }
html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans", "Microsoft YaHei", sans-serif;
  font-size: 10pt; line-height: 1.45; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; padding: 8mm 0; max-width: 180mm; }
header h1 { font-size: 18pt; margin: 0 0 1mm 0; }
header .subtitle { font-size: 12pt; color: #4a5568; margin: 0 0 4mm 0; }
nav.toc ol { margin: 0 0 4mm 0; padding-left: 6mm; columns: 2; font-size: 9pt; }
nav.toc a { color: #2b6cb0; text-decoration: none; }
section { margin: 0 0 6mm 0; }
h2 { font-size: 13pt; border-bottom: 2px solid #2b6cb0; padding-bottom: 1mm; margin: 6mm 0 3mm 0;
  break-after: avoid; page-break-after: avoid; }
h3.figures-title { font-size: 10.5pt; margin: 3mm 0 1.5mm 0; break-after: avoid; page-break-after: avoid; }
p.note { font-size: 9pt; color: #4a5568; margin: 1mm 0 3mm 0; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(32mm, 1fr)); gap: 3mm; margin: 0 0 3mm 0;
  break-inside: avoid; page-break-inside: avoid; }
.figure { border: 1px solid #cbd5e0; border-radius: 2mm; padding: 2mm 2mm; }
.figure .label { font-size: 9pt; color: #4a5568; }
.figure .value { font-size: 16pt; font-weight: bold; font-variant-numeric: tabular-nums; }
.figure .change { font-size: 8pt; color: #4a5568; white-space: nowrap; }
table.data { border-collapse: collapse; width: 100%; margin: 0 0 4mm 0; font-size: 8.5pt;
  font-variant-numeric: tabular-nums; }
table.data.narrow { width: auto; min-width: 50%; }
table.data caption { text-align: left; font-weight: bold; font-size: 9.5pt; padding: 0 0 1mm 0; }
table.data th, table.data td { border: 1px solid #cbd5e0; padding: 0.6mm 1.2mm; vertical-align: top;
  overflow-wrap: anywhere; }
table.data thead th { background: #edf2f7; font-weight: bold; }
table.data thead { display: table-header-group; }
table.data tr { break-inside: avoid; page-break-inside: avoid; }
table.data .num { text-align: right; white-space: nowrap; overflow-wrap: normal; }
table.data tfoot td { font-weight: bold; background: #f7fafc; }
figure.chart { margin: 0 0 4mm 0; break-inside: avoid; page-break-inside: avoid; }
figure.chart figcaption { font-weight: bold; font-size: 9.5pt; margin: 0 0 1mm 0; }
figure.chart svg { display: block; width: 100%; height: auto; }
svg text { font-family: inherit; fill: #1a202c; }
svg .series text { fill: inherit; }
footer.stamp { border-top: 1px solid #a0aec0; margin-top: 8mm; padding-top: 2mm; font-size: 8pt; color: #4a5568;
  break-inside: avoid; page-break-inside: avoid; }
footer.stamp dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.5mm 4mm; margin: 0; }
footer.stamp dt { font-weight: bold; }
footer.stamp dd { margin: 0; overflow-wrap: anywhere; }
@media print { body { padding: 0; max-width: none; } nav.toc { display: none; } }
)css";

std::string
esc(std::string_view s)
{
  return util::xml_escape(s);
}

void
figures(std::string& out, const Figures& f)
{
  if (!f.title.empty())
    out += "<h3 class=\"figures-title\">" + esc(f.title) + "</h3>\n";
  out += "<div class=\"figures\">\n";
  for (const auto& fig : f.items) {
    out += fmt::format("<div class=\"figure\" data-key=\"{}\"><div class=\"label\">{}</div>"
                       "<div class=\"value\">{}</div>",
                       esc(fig.key), esc(fig.label), fig.value.kind == Cell::Kind::null ? "—" : esc(cell_display(fig.value)));
    if (fig.change.kind != Cell::Kind::null)
      out += fmt::format("<div class=\"change\">较上期 <span class=\"delta\">{}</span>{}</div>",
                         esc(cell_display(fig.change)), fig.change_unit.empty() ? "" : " " + esc(fig.change_unit));
    out += "</div>\n";
  }
  out += "</div>\n";
}

void
chart(std::string& out, const Chart& c)
{
  out += fmt::format("<figure class=\"chart\" id=\"chart-{}\"><figcaption>{}</figcaption>\n", esc(c.id), esc(c.title));
  out += render_svg(c);
  out += "</figure>\n";
}

void
section(std::string& out, const Section& s)
{
  out += fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n", esc(s.id), esc(s.title));
  for (const auto& b : s.blocks) {
    if (auto f = std::get_if<Figures>(&b))
      figures(out, *f);
    else if (auto t = std::get_if<Table>(&b))
      out += render_html(*t);
    else if (auto c = std::get_if<Chart>(&b))
      chart(out, *c);
    else if (auto n = std::get_if<Note>(&b))
      out += "<p class=\"note\">" + esc(n->text) + "</p>\n";
  }
  out += "</section>\n";
}

} // namespace

std::string
render_html(const Document& doc)
{
  std::string out = "<!DOCTYPE html>\n";
  out += fmt::format("<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n", esc(doc.lang));
  // No script, no fetch of any kind: only inline styles and data: images.
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "img-src data:\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  std::string title = doc.subtitle.empty() ? doc.title : doc.title + " — " + doc.subtitle;
  out += "<title>" + esc(title) + "</title>\n<style>" + kCss + "</style>\n</head>\n<body>\n";
  out += "<header>\n<h1>" + esc(doc.title) + "</h1>\n";
  if (!doc.subtitle.empty())
    out += "<p class=\"subtitle\">" + esc(doc.subtitle) + "</p>\n";
  out += "<nav class=\"toc\"><ol>\n";
  for (const auto& s : doc.sections)
    out += fmt::format("<li><a href=\"#{}\">{}</a></li>\n", esc(s.id), esc(s.title));
  out += "</ol></nav>\n</header>\n<main>\n";
  for (const auto& s : doc.sections)
    section(out, s);
  out += "</main>\n<footer class=\"stamp\" id=\"stamp\">\n<dl>\n";
  for (const auto& [label, value] : doc.stamp)
    out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", esc(label), esc(value));
  out += "</dl>\n</footer>\n</body>\n</html>\n";
  return out;
}

} // namespace duty::output
