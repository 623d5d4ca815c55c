// libFuzzer target: `duty report` from a list file and an order export, into
// HTML and Markdown. The input is one list file, a line "#--- orders", then
// rows of '|'-separated cells for the export's non-personal columns (see
// kColumns); the target writes the export itself, CSV-quoting every cell, and
// puts sentinels in the caller and phone columns of every row.
// Invariants: the HTML is UTF-8, every tag is one the renderer writes (text
// from the data never opens a tag: '<' and '"' are escaped, '&' starts an
// entity), and it holds no script; the Markdown is UTF-8, passes no terminal
// control through, holds no tag but its own (<br>, section anchors), and
// each table keeps its header's column count; neither holds a sentinel;
// rendering is deterministic.
#include "fuzz/invariant.hpp"
#include "fuzz/mem_file.hpp"
#include "lists/check.hpp"
#include "lists/index.hpp"
#include "lists/load.hpp"
#include "lists/profile.hpp"
#include "output/document.hpp"
#include "report/build.hpp"
#include "report/rates_data.hpp"
#include "resolve/context.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <fmt/format.h>
#include <memory>
#include <string>
#include <string_view>

using namespace duty;
using duty::fuzz::require;

namespace {

constexpr std::string_view kCaller = "哨兵来电人甲乙";
constexpr std::string_view kPhone = "13987650123";
constexpr std::string_view kOrders = "#--- orders\n";

// The export's columns; the personal ones get the sentinels, the others take
// the input's cells in order.
constexpr std::array<std::string_view, 17> kColumns{
    "工单编号", "工单类型", "主办单位", "被反映街乡镇", "问题分类", "主要内容", "来电人", "来电人电话", "来电时间",
    "办结时间", "是否有效回访", "是否联系", "是否解决", "是否满意", "是否纳入考核", "不合理诉求", "考核申诉"};

std::string
csv_cell(std::string_view s)
{
  std::string out = "\"";
  for (char c : s)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string
export_csv(std::string_view spec)
{
  std::string out;
  for (size_t i = 0; i < kColumns.size(); ++i)
    out += (i ? "," : "") + std::string(kColumns[i]);
  out += '\n';
  size_t rows = 0;
  for (size_t start = 0; start < spec.size() && rows < 300; ++rows) {
    size_t end = std::min(spec.find('\n', start), spec.size());
    std::string_view row = spec.substr(start, end - start);
    start = end + 1;
    size_t a = 0;
    for (size_t i = 0; i < kColumns.size(); ++i) {
      std::string cell;
      if (kColumns[i] == "来电人")
        cell = kCaller;
      else if (kColumns[i] == "来电人电话")
        cell = kPhone;
      else if (a <= row.size()) {
        size_t b = std::min(row.find('|', a), row.size());
        cell = row.substr(a, b - a);
        a = b + 1;
      }
      out += (i ? "," : "") + csv_cell(cell);
    }
    out += '\n';
  }
  return out;
}

// The tags render_html and render_svg write.
bool
known_tag(std::string_view t)
{
  static constexpr std::string_view kTags[] = {
      "a",      "body",   "br",   "caption", "circle",  "dd",    "div",  "dl",         "dt",     "figcaption",
      "figure", "footer", "g",    "h1",      "h2",      "h3",    "head", "header",     "html",   "li",
      "line",   "main",   "meta", "nav",     "ol",      "p",     "polyline", "rect",   "section", "span",
      "style",  "svg",    "table", "tbody",  "td",      "text",  "tfoot", "th",        "thead",  "title",
      "tr"};
  return std::find(std::begin(kTags), std::end(kTags), t) != std::end(kTags);
}

bool
name_char(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == ':' ||
         c == '_';
}

// Walks the HTML as a browser's tokenizer would: text, entities, tags with
// quoted attributes, the one doctype, the style element's CSS.
void
check_html(std::string_view html)
{
  require(util::find_invalid_utf8(html) == std::string::npos, "the HTML is not UTF-8");
  require(html.starts_with("<!DOCTYPE html>"), "the HTML does not start with its doctype");
  size_t i = std::string_view("<!DOCTYPE html>").size();
  auto where = [&](size_t at) { return fmt::format(" at byte {}: {}", at, html.substr(at, 60)); };
  while (i < html.size()) {
    char c = html[i];
    if (c == '&') {
      size_t semi = html.find(';', i);
      require(semi != std::string_view::npos && semi - i <= 8, "a bare '&' in the HTML" + where(i));
      std::string_view name = html.substr(i + 1, semi - i - 1);
      bool ok = !name.empty() && std::all_of(name.begin(), name.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '#';
      });
      require(ok, "a malformed entity in the HTML" + where(i));
      i = semi + 1;
      continue;
    }
    if (c != '<') {
      ++i;
      continue;
    }
    size_t j = i + 1;
    bool closing = j < html.size() && html[j] == '/';
    j += closing;
    size_t name_start = j;
    while (j < html.size() && name_char(html[j]))
      ++j;
    std::string_view name = html.substr(name_start, j - name_start);
    require(known_tag(name), "a tag the renderer does not write" + where(i));
    // Attributes: name="value" with no '<' or '"' inside the value.
    for (;;) {
      require(j < html.size(), "a tag that never closes" + where(i));
      if (html[j] == '>' || html.substr(j, 2) == "/>")
        break;
      require(html[j] == ' ' || html[j] == '\n', "junk inside a tag" + where(j));
      ++j;
      size_t a = j;
      while (j < html.size() && name_char(html[j]))
        ++j;
      require(j > a, "an attribute without a name" + where(a));
      if (j < html.size() && html[j] == '=') {
        require(j + 1 < html.size() && html[j + 1] == '"', "an unquoted attribute value" + where(a));
        size_t close = html.find('"', j + 2);
        require(close != std::string_view::npos, "an attribute value that never ends" + where(a));
        require(html.substr(j + 2, close - j - 2).find('<') == std::string_view::npos,
                "a '<' inside an attribute value" + where(a));
        j = close + 1;
      }
    }
    i = html.find('>', j) + 1;
    if (name == "style" && !closing) { // CSS: the renderer's own, up to its end tag
      size_t end = html.find("</style>", i);
      require(end != std::string_view::npos, "a style element that never ends");
      require(html.substr(i, end - i).find('<') == std::string_view::npos, "a '<' inside the style element");
      i = end;
    }
  }
  require(html.find("<script") == std::string_view::npos, "a script in the HTML");
}

// Markdown: printable UTF-8, and every table row has its header's columns.
void
check_markdown(std::string_view md)
{
  require(util::find_invalid_utf8(md) == std::string::npos, "the Markdown is not UTF-8");
  for (size_t i = 0; i < md.size();) {
    bool line_break = md[i] == '\n';
    char32_t c = util::decode_utf8(md, i);
    require(line_break || !util::is_terminal_control(c),
            "the Markdown: a terminal control U+" + fmt::format("{:04X}", uint32_t(c)) + " passes through");
  }
  // Inline HTML is Markdown too: the only tags are the renderer's own, <br>
  // in a table cell and a section's anchor <a id="slug"></a>.
  for (size_t at = md.find('<'); at != std::string_view::npos; at = md.find('<', at)) {
    std::string_view tag = md.substr(at);
    size_t len = tag.starts_with("<br>") ? 4 : 0;
    if (tag.starts_with("<a id=\"")) {
      size_t end = tag.find("\"></a>");
      std::string_view slug = tag.substr(7, end == std::string_view::npos ? 0 : end - 7);
      if (!slug.empty() && std::all_of(slug.begin(), slug.end(), [](char ch) {
            return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
          }))
        len = end + 6;
    }
    require(len > 0, "a tag in the Markdown: " + std::string(tag.substr(0, 60)));
    at += len;
  }
  auto columns = [](std::string_view line) {
    size_t n = 0;
    for (size_t k = 0; k < line.size(); ++k)
      if (line[k] == '\\')
        ++k;
      else if (line[k] == '|')
        ++n;
    return n;
  };
  size_t header = 0; // pipes of the current table's header line; 0 outside a table
  for (auto line : util::split(md, '\n')) {
    if (!line.starts_with("|")) {
      header = 0;
      continue;
    }
    if (!header)
      header = columns(line);
    else
      require(columns(line) == header, fmt::format("a Markdown table row with other columns than its header: {}",
                                                   std::string(line.substr(0, 200))));
  }
}

void
check_private(std::string_view out, std::string_view input, const char* what)
{
  for (std::string_view s : {kCaller, kPhone})
    if (input.find(s) == std::string_view::npos)
      require(out.find(s) == std::string_view::npos, std::string("a caller's name or phone in the ") + what);
}

std::unique_ptr<resolve::Context>
load_lists(std::string_view text)
{
  lists::LoadResult r;
  lists::load_text(r, "units.yaml", std::string(text));
  lists::Index index(r.set);
  auto more = lists::check_list_set(r.set, index);
  r.diags.insert(r.diags.end(), more.begin(), more.end());
  if (r.unreadable || diag::count(r.diags).errors > 0)
    return nullptr;
  return std::make_unique<resolve::Context>(std::move(r));
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  if (size > 64 * 1024)
    return 0;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t cut = in.find(kOrders);
  std::string_view list_text = cut == std::string_view::npos ? std::string_view() : in.substr(0, cut);
  std::string_view spec = cut == std::string_view::npos ? in : in.substr(cut + kOrders.size());

  // As duty report does, but a list file with errors gives a report without lists.
  auto ctx = load_lists(list_text);
  report::Settings settings;
  settings.period = "2025-03";
  settings.months = 3;
  report::Data d;
  if (ctx) {
    d.district = report::district_of(ctx->set());
    d.audit = report::audit_lists(*ctx, util::Date::from_ymd(2025, 3, 31));
  }
  lists::ProfileChoice choice = lists::choose_profile("", ctx ? &ctx->set() : nullptr);
  require(choice.profile.has_value(), "the built-in profile does not load");
  fuzz::MemFile file(export_csv(spec));
  report::RatesRequest req;
  req.count.profile = &*choice.profile;
  req.count.lists = ctx.get();
  req.count.inputs = {file.path()};
  req.count.reader.format = cases::Format::csv;
  req.profile_source = choice.source;
  req.period = settings.period;
  req.months = settings.months;
  try {
    report::RatesResult rates = report::compute_rates(std::move(req));
    for (const auto& b : rates.counted.bad)
      check_private(b, in, "list of bad rows");
    d.rates = std::move(rates.tables);
  } catch (const InputError& e) { // no order in the period: a report of the lists alone
    check_private(e.what(), in, "error message");
  }

  output::Document doc = report::build_document(d, settings);
  std::string html = output::render_html(doc);
  std::string md = output::render_markdown(doc);
  check_html(html);
  check_markdown(md);
  check_private(html, in, "HTML report");
  check_private(md, in, "Markdown report");
  output::Document again = report::build_document(d, settings);
  require(output::render_html(again) == html && output::render_markdown(again) == md,
          "the report is not deterministic");
  return 0;
}
