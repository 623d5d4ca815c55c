// Charts as SVG: grouped horizontal bars and lines over periods, drawn for a
// 680-pixel A4 column (180 mm at 96 dpi) and scaled by the page's CSS. Text
// widths are estimated from display width (CJK counts two columns), so the
// coordinates depend only on the data: same chart, same bytes.
#include "output/document.hpp"

#include "util/text.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <optional>

namespace duty::output {

namespace {

constexpr double kWidth = 680;
constexpr double kFont = 11;     // labels and legend
constexpr double kSmallFont = 9; // values on bars and points
// Blue, green, orange, purple, red, teal: distinguishable in print and greyscale.
constexpr const char* kPalette[] = {"#2b6cb0", "#38a169", "#dd6b20", "#805ad5", "#c53030", "#319795"};

const char*
colour(size_t series)
{
  return kPalette[series % std::size(kPalette)];
}

// Coordinates with one decimal: enough for print, stable across platforms.
std::string
num(double v)
{
  if (std::fabs(v) < 0.05)
    v = 0;
  return fmt::format("{:.1f}", v);
}

double
text_width(std::string_view s, double font)
{
  return static_cast<double>(util::display_width(s)) * font * 0.55;
}

std::optional<double>
value_of(const Cell& c)
{
  switch (c.kind) {
  case Cell::Kind::integer: return static_cast<double>(c.integer);
  case Cell::Kind::real:
  case Cell::Kind::decimal: return std::isfinite(c.real) ? std::optional(c.real) : std::nullopt;
  default: return std::nullopt;
  }
}

// The value axis: [lo, hi] in steps of 1, 2 or 5 × 10^k, about five ticks.
struct Axis
{
  double lo = 0, hi = 1, step = 0.2;
  bool percent = true;

  double fraction(double v) const { return hi > lo ? (std::clamp(v, lo, hi) - lo) / (hi - lo) : 0; }
  std::string label(double v) const
  {
    if (!percent)
      return fmt::format("{:.{}f}", v, step < 1 ? 1 : 0);
    double pct = v * 100, pct_step = step * 100;
    return fmt::format("{:.{}f}%", pct, pct_step < 0.999 ? 1 : 0);
  }
};

double
nice_step(double range, int ticks)
{
  double raw = range / ticks;
  double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * mag * 1.0000001)
      return m * mag;
  return 10 * mag;
}

Axis
make_axis(const Chart& chart)
{
  Axis a;
  a.percent = chart.percent;
  std::optional<double> lo, hi;
  for (const auto& s : chart.series)
    for (const auto& c : s.values)
      if (auto v = value_of(c)) {
        lo = lo ? std::min(*lo, *v) : *v;
        hi = hi ? std::max(*hi, *v) : *v;
      }
  if (!lo)
    return a; // nothing to draw: 0..1

  if (chart.from_zero) {
    a.lo = std::min(0.0, *lo);
    a.hi = chart.percent ? std::max(1.0, *hi) : std::max(*hi, 1.0);
    a.step = chart.percent && a.hi <= 1 && a.lo >= 0 ? 0.2 : nice_step(a.hi - a.lo, 5);
    a.hi = std::ceil(a.hi / a.step - 1e-9) * a.step;
    return a;
  }
  double span = std::max(*hi - *lo, chart.percent ? 0.01 : 1.0);
  a.step = nice_step(span, 4);
  a.lo = std::floor(*lo / a.step + 1e-9) * a.step;
  a.hi = std::ceil(*hi / a.step - 1e-9) * a.step;
  // Room for the value labels: no point sits on the frame.
  if (*lo - a.lo < a.step * 0.3)
    a.lo -= a.step;
  if (a.hi - *hi < a.step * 0.3)
    a.hi += a.step;
  if (*lo >= 0)
    a.lo = std::max(a.lo, 0.0);
  if (chart.percent && *hi <= 1)
    a.hi = std::min(a.hi, 1.0);
  return a;
}

std::string
legend(const Chart& chart, double x)
{
  std::string out = "<g class=\"legend\">";
  for (size_t s = 0; s < chart.series.size(); ++s) {
    const std::string& name = chart.series[s].name;
    out += fmt::format("<rect x=\"{}\" y=\"6\" width=\"10\" height=\"10\" fill=\"{}\"/>"
                       "<text x=\"{}\" y=\"15\">{}</text>",
                       num(x), colour(s), num(x + 14), util::xml_escape(name));
    x += 14 + text_width(name, kFont) + 16;
  }
  return out + "</g>\n";
}

std::string
open_svg(const Chart& chart, double height)
{
  return fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart {}\" id=\"svg-{}\" "
                     "viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"{}\" "
                     "font-size=\"{}\">\n",
                     chart.kind == Chart::Kind::bar ? "bar" : "line", util::xml_escape(chart.id), num(kWidth),
                     num(height), num(kWidth), num(height), util::xml_escape(chart.title), num(kFont));
}

// A label that fits `width`: cut with "…" (the full text stays in a <title>).
std::string
fit(std::string_view s, double width, double font)
{
  if (text_width(s, font) <= width + 0.5)
    return std::string(s);
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    util::decode_utf8(s, i);
    std::string next = out + std::string(s.substr(start, i - start));
    if (text_width(next + "…", font) > width)
      break;
    out = std::move(next);
  }
  return out + "…";
}

std::string
bar_chart(const Chart& chart)
{
  Axis axis = make_axis(chart);
  size_t n_series = std::max<size_t>(chart.series.size(), 1);
  double label_w = 40, value_w = 36;
  for (const auto& c : chart.categories)
    label_w = std::max(label_w, text_width(c, kFont) + 10);
  label_w = std::min(label_w, 190.0);
  for (const auto& s : chart.series)
    for (const auto& c : s.values)
      value_w = std::max(value_w, text_width(cell_display(c), kSmallFont) + 8);
  double bar_h = n_series > 1 ? 10 : 14, gap = 8;
  double group_h = static_cast<double>(n_series) * bar_h + gap;
  double top = 28, x0 = label_w, x1 = kWidth - value_w;
  double bottom = top + group_h * static_cast<double>(chart.categories.size());
  double height = bottom + 24;
  auto x_of = [&](double v) { return x0 + axis.fraction(v) * (x1 - x0); };

  std::string out = open_svg(chart, height);
  out += legend(chart, x0);
  out += "<g class=\"axis\">";
  for (int i = 0;; ++i) {
    double v = axis.lo + axis.step * i;
    if (v > axis.hi + axis.step * 1e-6)
      break;
    double x = x_of(v);
    out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#e2e8f0\"/>"
                       "<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>",
                       num(x), num(top), num(bottom), num(bottom + 16), axis.label(v));
  }
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#4a5568\"/>"
                     "<line x1=\"{0}\" y1=\"{2}\" x2=\"{3}\" y2=\"{2}\" stroke=\"#4a5568\"/></g>\n",
                     num(x0), num(top), num(bottom), num(x1));
  for (size_t i = 0; i < chart.categories.size(); ++i) {
    const std::string& cat = chart.categories[i];
    double y = top + group_h * static_cast<double>(i) + gap / 2;
    out += fmt::format("<g class=\"group\"><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}<title>{}</title></text>",
                       num(x0 - 6), num(y + bar_h * static_cast<double>(n_series) / 2 + kFont * 0.35),
                       util::xml_escape(fit(cat, label_w - 10, kFont)), util::xml_escape(cat));
    for (size_t s = 0; s < chart.series.size(); ++s) {
      const Cell& c = i < chart.series[s].values.size() ? chart.series[s].values[i] : Cell{};
      auto v = value_of(c);
      if (!v)
        continue;
      double by = y + bar_h * static_cast<double>(s);
      double w = std::max(x_of(*v) - x0, 0.0);
      std::string shown = cell_display(c);
      out += fmt::format("<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\">"
                         "<title>{} {}: {}</title></rect>"
                         "<text class=\"value\" x=\"{}\" y=\"{}\" font-size=\"{}\">{}</text>",
                         num(x0), num(by), num(w), num(bar_h - 1), colour(s), util::xml_escape(cat),
                         util::xml_escape(chart.series[s].name), util::xml_escape(shown), num(x0 + w + 3),
                         num(by + bar_h - 2), num(kSmallFont), util::xml_escape(shown));
    }
    out += "</g>\n";
  }
  return out + "</svg>\n";
}

std::string
line_chart(const Chart& chart)
{
  Axis axis = make_axis(chart);
  double label_w = 0;
  for (int i = 0;; ++i) {
    double v = axis.lo + axis.step * i;
    if (v > axis.hi + axis.step * 1e-6)
      break;
    label_w = std::max(label_w, text_width(axis.label(v), kFont));
  }
  double height = 280, top = 40, bottom = height - 30;
  double x0 = label_w + 12, x1 = kWidth - 12;
  size_t n = chart.categories.size();
  double band = n ? (x1 - x0) / static_cast<double>(n) : 0;
  auto x_of = [&](size_t i) { return x0 + band * (static_cast<double>(i) + 0.5); };
  auto y_of = [&](double v) { return bottom - axis.fraction(v) * (bottom - top); };
  bool label_points = n <= 12;

  std::string out = open_svg(chart, height);
  out += legend(chart, x0);
  out += "<g class=\"axis\">";
  for (int i = 0;; ++i) {
    double v = axis.lo + axis.step * i;
    if (v > axis.hi + axis.step * 1e-6)
      break;
    double y = y_of(v);
    out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#e2e8f0\"/>"
                       "<text x=\"{3}\" y=\"{4}\" text-anchor=\"end\">{5}</text>",
                       num(x0), num(y), num(x1), num(x0 - 6), num(y + kFont * 0.35), axis.label(v));
  }
  for (size_t i = 0; i < n; ++i)
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>", num(x_of(i)),
                       num(bottom + 18), util::xml_escape(fit(chart.categories[i], band - 4, kFont)));
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#4a5568\"/>"
                     "<line x1=\"{0}\" y1=\"{2}\" x2=\"{3}\" y2=\"{2}\" stroke=\"#4a5568\"/></g>\n",
                     num(x0), num(top), num(bottom), num(x1));
  for (size_t s = 0; s < chart.series.size(); ++s) {
    const Series& series = chart.series[s];
    out += fmt::format("<g class=\"series\" fill=\"{0}\" stroke=\"{0}\">", colour(s));
    // A gap (null) breaks the line: one polyline per run of values.
    std::string points;
    auto flush = [&] {
      if (!points.empty())
        out += "<polyline fill=\"none\" stroke-width=\"2\" points=\"" + points + "\"/>";
      points.clear();
    };
    for (size_t i = 0; i < n; ++i) {
      auto v = i < series.values.size() ? value_of(series.values[i]) : std::nullopt;
      if (!v) {
        flush();
        continue;
      }
      points += (points.empty() ? "" : " ") + num(x_of(i)) + "," + num(y_of(*v));
    }
    flush();
    for (size_t i = 0; i < n && i < series.values.size(); ++i) {
      auto v = value_of(series.values[i]);
      if (!v)
        continue;
      std::string shown = cell_display(series.values[i]);
      out += fmt::format("<circle class=\"point\" cx=\"{}\" cy=\"{}\" r=\"3\"><title>{} {}: {}</title></circle>",
                         num(x_of(i)), num(y_of(*v)), util::xml_escape(chart.categories[i]),
                         util::xml_escape(series.name), util::xml_escape(shown));
      if (label_points) {
        // Even series label above their points, odd ones below, so close lines stay readable.
        double dy = s % 2 == 0 ? -7 : 14;
        out += fmt::format("<text class=\"value\" x=\"{}\" y=\"{}\" stroke=\"none\" text-anchor=\"middle\" "
                           "font-size=\"{}\">{}</text>",
                           num(x_of(i)), num(y_of(*v) + dy), num(kSmallFont), util::xml_escape(shown));
      }
    }
    out += "</g>\n";
  }
  return out + "</svg>\n";
}

} // namespace

bool
Chart::empty() const
{
  for (const auto& s : series)
    for (const auto& c : s.values)
      if (value_of(c))
        return false;
  return true;
}

std::string
render_svg(const Chart& chart)
{
  return chart.kind == Chart::Kind::bar ? bar_chart(chart) : line_chart(chart);
}

Table
chart_table(const Chart& chart)
{
  Table t;
  t.name = chart.title;
  t.add_column("category", chart.category_label.empty() ? "" : chart.category_label);
  for (const auto& s : chart.series)
    t.add_column(s.name);
  for (size_t i = 0; i < chart.categories.size(); ++i) {
    auto& row = t.rows.emplace_back();
    row.push_back(Cell::of(chart.categories[i]));
    for (const auto& s : chart.series)
      row.push_back(i < s.values.size() ? s.values[i] : Cell::null());
  }
  return t;
}

} // namespace duty::output
