// Tests for output/document: the report's HTML, SVG and Markdown renderings.
#include "output/document.hpp"
#include "util/text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace duty;
using namespace duty::output;

namespace {

Cell
pct(double v, const char* shown)
{
  return Cell::of_decimal(v, shown, true);
}

Chart
rate_chart()
{
  Chart c;
  c.id = "rates";
  c.title = "三率";
  c.category_label = "承办单位";
  c.categories = {"儒林街道", "百泉街道", "香水园街道"};
  c.series = {{"响应率", {pct(0.985, "98.5"), pct(1, "100.0"), pct(0.5, "50.0")}},
              {"解决率", {pct(0.8, "80.0"), Cell::null(), pct(0.25, "25.0")}}};
  return c;
}

size_t
count(const std::string& s, const std::string& what)
{
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1))
    ++n;
  return n;
}

Document
sample()
{
  Document d;
  d.title = "延庆区接诉即办月度考核报告";
  d.subtitle = "2025年3月";
  Section s{"headline", "一、核心指标", {}};
  s.blocks.emplace_back(Figures{"", {{"orders", "受理量", Cell::of(int64_t(2492)), Cell::of("+12"), "件"},
                                 {"response_rate", "响应率", pct(0.985, "98.5"), Cell::null(), ""}}});
  Table t;
  t.name = "街乡镇排名";
  t.add_column("unit", "承办单位");
  t.add_column("orders", "受理量");
  t.rows = {{Cell::of("<b>儒林&街道</b>"), Cell::of(int64_t(3))}, {Cell::of("合计"), Cell::of(int64_t(3))}};
  t.footer = 1;
  s.blocks.emplace_back(t);
  s.blocks.emplace_back(rate_chart());
  s.blocks.emplace_back(Note{"说明 <i>"});
  d.sections.push_back(s);
  d.stamp = {{"清单哈希", "0123abcd"}, {"生成工具", "duty 0.1.0"}};
  return d;
}

} // namespace

TEST_SUITE_BEGIN("output");

TEST_CASE("xml_escape: markup characters as entities, controls shown escaped")
{
  CHECK(util::xml_escape("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
  CHECK(util::xml_escape("a\x1b[31mb") == "a\\x1b[31mb");
  CHECK(util::xml_escape("x\u202Ey") == "x\\u{202e}y");
}

TEST_CASE("render_html of a table: caption, thead, tbody, tfoot, number columns, escaping")
{
  Table t;
  t.name = "A & B";
  t.add_column("u", "单位");
  t.add_column("n", "件");
  t.rows = {{Cell::of("x<y>\nz"), Cell::of(int64_t(1))}, {Cell::of("合计"), Cell::of(int64_t(1))}};
  t.footer = 1;
  CHECK(render_html(t) == "<table class=\"data narrow\">\n<caption>A &amp; B</caption>\n"
                          "<thead><tr><th scope=\"col\">单位</th><th scope=\"col\" class=\"num\">件</th></tr></thead>\n"
                          "<tbody>\n<tr><td>x&lt;y&gt;<br>z</td><td class=\"num\">1</td></tr>\n</tbody>\n"
                          "<tfoot>\n<tr><td>合计</td><td class=\"num\">1</td></tr>\n</tfoot>\n</table>\n");
  CHECK(render_table(t, Format::html) == render_html(t));
}

TEST_CASE("render_svg: a bar with its value for every number, a legend entry per series")
{
  std::string svg = render_svg(rate_chart());
  CHECK(count(svg, "<rect class=\"bar\"") == 5); // one null
  CHECK(count(svg, "<text class=\"value\"") == 5);
  CHECK(svg.find(">98.5%</text>") != std::string::npos);
  CHECK(svg.find(">100.0%</text>") != std::string::npos);
  CHECK(svg.find(">响应率</text>") != std::string::npos);
  CHECK(svg.find(">解决率</text>") != std::string::npos);
  CHECK(svg.find(">儒林街道<title>") != std::string::npos);
  // Axis 0..100% in steps of 20%.
  for (const char* tick : {">0%<", ">20%<", ">40%<", ">60%<", ">80%<", ">100%<"})
    CHECK(svg.find(tick) != std::string::npos);
  // Bar lengths are proportional: 100% spans the plot, 50% half of it.
  // Plain scanning, not std::regex: GCC 12's <regex> trips -Wmaybe-uninitialized.
  std::vector<double> widths;
  for (std::size_t at = svg.find("<rect class=\"bar\""); at != std::string::npos;
       at = svg.find("<rect class=\"bar\"", at + 1)) {
    std::size_t w = svg.find("width=\"", at);
    REQUIRE(w != std::string::npos);
    widths.push_back(std::stod(svg.substr(w + 7)));
  }
  REQUIRE(widths.size() == 5);
  // Order: 儒林 (98.5, 80.0), 百泉 (100), 香水园 (50, 25).
  CHECK(widths[2] == doctest::Approx(widths[3] * 2).epsilon(0.01));
  CHECK(widths[1] == doctest::Approx(widths[2] * 0.8).epsilon(0.01));
  CHECK(render_svg(rate_chart()) == svg); // deterministic
}

TEST_CASE("render_svg: a line chart fits its axis to the data when asked, gaps break the line")
{
  Chart c;
  c.kind = Chart::Kind::line;
  c.id = "trend";
  c.title = "趋势";
  c.categories = {"2025-01", "2025-02", "2025-03"};
  c.series = {{"满意率", {pct(0.91, "91.0"), Cell::null(), pct(0.95, "95.0")}}};
  c.from_zero = false;
  std::string svg = render_svg(c);
  CHECK(count(svg, "<circle class=\"point\"") == 2);
  CHECK(count(svg, "<polyline") == 2); // broken at the gap
  CHECK(svg.find(">0%<") == std::string::npos);
  // 91%..95% in steps of 1%, with a step of room on each side for the labels.
  CHECK(svg.find(">90%<") != std::string::npos);
  CHECK(svg.find(">96%<") != std::string::npos);
  CHECK(svg.find(">89%<") == std::string::npos);
  CHECK(svg.find(">97%<") == std::string::npos);
  CHECK(svg.find(">2025-02</text>") != std::string::npos);
  // Counts on a count axis.
  Chart n = c;
  n.percent = true;
  n.series = {{"受理量", {Cell::of(int64_t(120)), Cell::of(int64_t(80)), Cell::of(int64_t(0))}}};
  n.percent = false;
  n.from_zero = true;
  svg = render_svg(n);
  CHECK(count(svg, "<circle class=\"point\"") == 3);
  CHECK(svg.find(">120</text>") != std::string::npos);
  CHECK(svg.find(">0</text>") != std::string::npos);
}

TEST_CASE("Chart::empty: no number in any series")
{
  Chart c = rate_chart();
  CHECK_FALSE(c.empty());
  for (auto& s : c.series)
    for (auto& v : s.values)
      v = Cell::null();
  CHECK(c.empty());
}

TEST_CASE("render_html: one self-contained page, everything from the data escaped")
{
  std::string html = render_html(sample());
  CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
  CHECK(html.find("default-src 'none'") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  // The only URL is the SVG namespace; nothing is fetched.
  std::string stripped = html;
  const std::string ns = "xmlns=\"http://www.w3.org/2000/svg\"";
  for (std::size_t at; (at = stripped.find(ns)) != std::string::npos;)
    stripped.erase(at, ns.size());
  CHECK(stripped.find("http:") == std::string::npos);
  CHECK(stripped.find("https:") == std::string::npos);
  CHECK(stripped.find("src=") == std::string::npos);
  CHECK(stripped.find("url(") == std::string::npos);
  CHECK(html.find("@page { size: A4") != std::string::npos);
  CHECK(html.find("\"Noto Sans CJK SC\", \"Source Han Sans SC\"") != std::string::npos);
  CHECK(html.find("\"Microsoft YaHei\", sans-serif") != std::string::npos);
  CHECK(html.find("<section id=\"headline\">") != std::string::npos);
  CHECK(html.find("<div class=\"figure\" data-key=\"orders\">") != std::string::npos);
  CHECK(html.find("<span class=\"delta\">+12</span> 件") != std::string::npos);
  CHECK(html.find("&lt;b&gt;儒林&amp;街道&lt;/b&gt;") != std::string::npos);
  CHECK(html.find("<b>儒林") == std::string::npos);
  CHECK(html.find("说明 &lt;i&gt;") != std::string::npos);
  CHECK(html.find("<figure class=\"chart\" id=\"chart-rates\">") != std::string::npos);
  CHECK(html.find("<dt>清单哈希</dt><dd>0123abcd</dd>") != std::string::npos);
  CHECK(render_html(sample()) == html);
}

TEST_CASE("render_markdown: the same numbers, charts as tables")
{
  std::string md = render_markdown(sample());
  CHECK(md.starts_with("# 延庆区接诉即办月度考核报告\n\n2025年3月\n\n"));
  CHECK(md.find("## 一、核心指标") != std::string::npos);
  CHECK(md.find("| 受理量 | 2492 | +12 件 |") != std::string::npos);
  CHECK(md.find("| 响应率 | 98.5% |  |") != std::string::npos);
  CHECK(md.find("**街乡镇排名**") != std::string::npos);
  CHECK(md.find("| **合计** | **3** |") != std::string::npos);
  CHECK(md.find("| 承办单位 | 响应率 | 解决率 |") != std::string::npos);
  CHECK(md.find("| 百泉街道 | 100.0% |  |") != std::string::npos);
  CHECK(md.find("说明 &lt;i&gt;") != std::string::npos);
  CHECK(md.ends_with("- 清单哈希: 0123abcd\n- 生成工具: duty 0.1.0\n"));
}
