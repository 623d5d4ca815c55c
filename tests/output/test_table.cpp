// Tests for output/table and output/format: the one table renderer and the one format vocabulary.
#include "output/format.hpp"
#include "output/table.hpp"
#include "output/tables.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

using namespace duty;
using namespace duty::output;

namespace {

Table
sample()
{
  Table t;
  t.add_column("unit", "单位");
  t.add_column("n");
  t.add_column("rate", "响应率");
  t.rows.push_back({Cell::of("区城市管理委"), Cell::of(int64_t(12)), Cell::of_decimal(0.985, "98.5", true)});
  t.rows.push_back({Cell::of("ab"), Cell::of(int64_t(3)), Cell::null()});
  t.rows.push_back({Cell::of("合计"), Cell::of(int64_t(15)), Cell::of_decimal(0.9, "90.0", true)});
  t.footer = 1;
  return t;
}

} // namespace

TEST_SUITE_BEGIN("output");

TEST_CASE("render_text aligns CJK by display width, numbers right, footer set off")
{
  CHECK(render_text(sample()) == "单位           n  响应率\n"
                                 "------------  --  ------\n"
                                 "区城市管理委  12   98.5%\n"
                                 "ab             3\n"
                                 "------------  --  ------\n"
                                 "合计          15   90.0%\n");
}

TEST_CASE("render_text: query results as before (REAL keeps its point, NULL blank)")
{
  store::ResultSet rs;
  rs.columns = {"单位", "n"};
  rs.rows = {{std::string("区城市管理委"), int64_t(12)}, {std::string("ab"), int64_t(3)}, {std::monostate{}, 1.5}};
  CHECK(render_results({rs}, Format::text)
        == "单位            n\n------------  ---\n区城市管理委   12\nab              3\n              1.5\n");
  CHECK(render_results({rs}, Format::jsonl)
        == "{\"单位\":\"区城市管理委\",\"n\":12}\n{\"单位\":\"ab\",\"n\":3}\n{\"单位\":null,\"n\":1.5}\n");
  rs.rows = {{std::string("x"), 95.0}};
  CHECK(render_results({rs}, Format::csv) == "单位,n\r\nx,95.0\r\n");
}

TEST_CASE("render_text never passes terminal controls from the data")
{
  Table t;
  t.add_column("v\x1b[2J");
  // ESC (a CSI), an OSC title sequence, a C1 CSI (U+009B), a right-to-left override, a line break.
  t.rows.push_back({Cell::of("a\x1b[31mred")});
  t.rows.push_back({Cell::of("\x1b]0;pwned\x07")});
  t.rows.push_back({Cell::of("\xc2\x9b" "1m")});
  t.rows.push_back({Cell::of("abc\xe2\x80\xae" "def")});
  t.rows.push_back({Cell::of("two\nlines")});
  std::string out = render_text(t);
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find('\x07') == std::string::npos);
  CHECK(out.find("\xc2\x9b") == std::string::npos);
  CHECK(out.find("\xe2\x80\xae") == std::string::npos);
  CHECK(out.find("a\\x1b[31mred") != std::string::npos);
  CHECK(out.find("\\x1b]0;pwned\\x07") != std::string::npos);
  CHECK(out.find("\\u{9b}1m") != std::string::npos);
  CHECK(out.find("abc\\u{202e}def") != std::string::npos);
  CHECK(out.find("two\\nlines") != std::string::npos);
  CHECK(out.find("v\\x1b[2J") != std::string::npos);
  // Markdown escapes too; csv and json keep the data exact (they are data formats).
  CHECK(render_md(t).find('\x1b') == std::string::npos);
  CHECK(render_csv(t).find("a\x1b[31mred") != std::string::npos);
}

TEST_CASE("render_csv: RFC 4180 with headers, decimals as shown")
{
  CHECK(render_csv(sample()) == "单位,n,响应率\r\n区城市管理委,12,98.5%\r\nab,3,\r\n合计,15,90.0%\r\n");
  Table t;
  t.add_column("a,b");
  t.rows.push_back({Cell::of("say \"hi\"\nthere")});
  CHECK(render_csv(t) == "\"a,b\"\r\n\"say \"\"hi\"\"\nthere\"\r\n");
}

TEST_CASE("render_md: numeric columns right-aligned, pipes escaped, totals bold")
{
  Table t = sample();
  t.rows[1][0] = Cell::of("a|b\nc");
  CHECK(render_md(t) == "| 单位 | n | 响应率 |\n"
                        "|---|---:|---:|\n"
                        "| 区城市管理委 | 12 | 98.5% |\n"
                        "| a\\|b<br>c | 3 |  |\n"
                        "| **合计** | **15** | **90.0%** |\n");
}

TEST_CASE("render_md: text from the data opens no HTML tag in a Markdown reader")
{
  Table t;
  t.add_column("<b>单位</b>");
  t.rows.push_back({Cell::of("<img src=x onerror=alert(1)>\n->")});
  CHECK(render_md(t) == "| &lt;b&gt;单位&lt;/b&gt; |\n"
                        "|---|\n"
                        "| &lt;img src=x onerror=alert(1)&gt;<br>-&gt; |\n");
}

TEST_CASE("render_json: keys, numbers, null; jsonl one object a line")
{
  CHECK(render_json(sample()) == "[{\"unit\":\"区城市管理委\",\"n\":12,\"rate\":0.985},"
                                 "{\"unit\":\"ab\",\"n\":3,\"rate\":null},"
                                 "{\"unit\":\"合计\",\"n\":15,\"rate\":0.9}]\n");
  CHECK(render_json(sample(), true) == "{\"unit\":\"区城市管理委\",\"n\":12,\"rate\":0.985}\n"
                                       "{\"unit\":\"ab\",\"n\":3,\"rate\":null}\n"
                                       "{\"unit\":\"合计\",\"n\":15,\"rate\":0.9}\n");
  CHECK(render_json(Table{}) == "[]\n");
}

TEST_CASE("render_table refuses a format that is not a table rendering")
{
  CHECK_THROWS_AS(render_table(sample(), Format::sarif), UsageError);
  CHECK(render_table(sample(), Format::csv) == render_csv(sample()));
}

TEST_CASE("format vocabulary: names, aliases, per-command subsets")
{
  CHECK(parse_format("table") == Format::text);
  CHECK(parse_format("ndjson") == Format::jsonl);
  CHECK(parse_format("markdown") == Format::md);
  CHECK(format_name(Format::automatic) == "auto");
  CHECK_FALSE(parse_format("Text"));
  constexpr Format kAllowed[] = {Format::text, Format::csv, Format::json};
  CHECK(parse_format_for("csv", kAllowed) == Format::csv);
  CHECK(parse_format_for("table", kAllowed) == Format::text);
  CHECK_THROWS_WITH_AS(parse_format_for("sarif", kAllowed),
                       "--format: \"sarif\" is not a format of this command; expected \"text\", \"csv\" or \"json\"",
                       UsageError);
  CHECK_THROWS_WITH_AS(parse_format_for("jsn", kAllowed),
                       "--format: \"jsn\" is not a format of this command; expected \"text\", \"csv\" or \"json\" "
                       "(did you mean \"json\"?)",
                       UsageError);
  // auto: github under GitHub Actions where the command writes findings, text for a table.
  constexpr Format kTable[] = {Format::automatic, Format::text, Format::csv};
  constexpr Format kFindings[] = {Format::automatic, Format::text, Format::github};
  ::setenv("GITHUB_ACTIONS", "true", 1);
  CHECK(parse_format_for("auto", kTable) == Format::text);
  CHECK(parse_format_for("auto", kFindings) == Format::github);
  ::unsetenv("GITHUB_ACTIONS");
  CHECK(parse_format_for("auto", kFindings) == Format::text);
}

TEST_SUITE_END();
