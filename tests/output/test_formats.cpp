// Tests for the four report formats (output/report.hpp) on hand-made findings.
#include "output/report.hpp"
#include "util/text.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <string>
#include <vector>

using namespace duty;
using namespace duty::output;

namespace {

// A strict recursive-descent JSON checker: true if `s` is exactly one JSON value.
class JsonCheck
{
public:
  explicit JsonCheck(std::string_view s) : m_s(s) {}

  bool ok()
  {
    ws();
    if (!value(0))
      return false;
    ws();
    return m_i == m_s.size();
  }

private:
  void ws()
  {
    while (m_i < m_s.size() && (m_s[m_i] == ' ' || m_s[m_i] == '\n' || m_s[m_i] == '\r' || m_s[m_i] == '\t'))
      ++m_i;
  }
  bool lit(std::string_view w)
  {
    if (m_s.substr(m_i, w.size()) != w)
      return false;
    m_i += w.size();
    return true;
  }
  bool string()
  {
    if (!lit("\""))
      return false;
    while (m_i < m_s.size()) {
      unsigned char c = static_cast<unsigned char>(m_s[m_i++]);
      if (c == '"')
        return true;
      if (c < 0x20)
        return false;
      if (c == '\\') {
        if (m_i >= m_s.size())
          return false;
        char e = m_s[m_i++];
        if (e == 'u') {
          for (int k = 0; k < 4; ++k)
            if (m_i >= m_s.size() || !std::isxdigit(static_cast<unsigned char>(m_s[m_i++])))
              return false;
        } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
          return false;
        }
      }
    }
    return false;
  }
  bool number()
  {
    size_t start = m_i;
    if (m_i < m_s.size() && m_s[m_i] == '-')
      ++m_i;
    while (m_i < m_s.size() && (std::isdigit(static_cast<unsigned char>(m_s[m_i])) || m_s[m_i] == '.' ||
                                m_s[m_i] == 'e' || m_s[m_i] == 'E' || m_s[m_i] == '+' || m_s[m_i] == '-'))
      ++m_i;
    return m_i > start;
  }
  bool value(int depth)
  {
    if (depth > 100 || m_i >= m_s.size())
      return false;
    char c = m_s[m_i];
    if (c == '{') {
      ++m_i;
      ws();
      if (lit("}"))
        return true;
      for (;;) {
        ws();
        if (!string())
          return false;
        ws();
        if (!lit(":"))
          return false;
        ws();
        if (!value(depth + 1))
          return false;
        ws();
        if (lit("}"))
          return true;
        if (!lit(","))
          return false;
      }
    }
    if (c == '[') {
      ++m_i;
      ws();
      if (lit("]"))
        return true;
      for (;;) {
        ws();
        if (!value(depth + 1))
          return false;
        ws();
        if (lit("]"))
          return true;
        if (!lit(","))
          return false;
      }
    }
    if (c == '"')
      return string();
    if (c == 't')
      return lit("true");
    if (c == 'f')
      return lit("false");
    if (c == 'n')
      return lit("null");
    return number();
  }

  std::string_view m_s;
  size_t m_i = 0;
};

bool
valid_json(std::string_view s)
{
  return JsonCheck(s).ok();
}

size_t
occurrences(std::string_view hay, std::string_view needle)
{
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string_view::npos; p = hay.find(needle, p + 1))
    ++n;
  return n;
}

std::vector<std::string>
lines_of(const std::string& s)
{
  std::vector<std::string> out;
  for (auto l : util::split(s, '\n'))
    out.emplace_back(l);
  if (!out.empty() && out.back().empty())
    out.pop_back();
  return out;
}

// The line "  lead: 区城管委" with the reference starting at code point 9.
constexpr std::string_view kLeadLine = "    lead: 区城管委";

// A small set of findings: an unknown reference on a CJK line (with a hint),
// a duplicate id with a related location in a file with a Chinese name, a
// whole-file finding, a warning and a suppressed error.
std::vector<diag::Diagnostic>
sample()
{
  std::vector<diag::Diagnostic> v;

  diag::Diagnostic a;
  a.location = {"lists/primary.yaml", 3, 11, 15, std::string(kLeadLine)};
  a.rule = "unknown-reference";
  a.message = "unit \"区城管委\" is not defined";
  a.hint = "did you mean \"区城市管理委\"?";
  v.push_back(a);

  diag::Diagnostic b;
  b.location = {"lists/单位.yaml", 7, 9, 0, "  - id: yanqing"};
  b.rule = "duplicate-id";
  b.message = "unit \"yanqing\" is defined twice";
  b.related.push_back({{"lists/units.yaml", 2, 9, 0, "  - id: yanqing"}, "first defined here"});
  v.push_back(b);

  diag::Diagnostic c;
  c.location = {"lists/empty", 0, 0, 0, ""};
  c.rule = "no-lists";
  c.message = "no list files (*.yaml, *.yml) in this directory";
  v.push_back(c);

  diag::Diagnostic d;
  d.location = {"lists/tasks.yaml", 4, 3, 0, "  - id: t1"};
  d.severity = diag::Severity::warning;
  d.rule = "schema";
  d.message = "a warning";
  v.push_back(d);

  diag::Diagnostic e;
  e.location = {"lists/units.yaml", 9, 5, 0, "    name: x"};
  e.rule = "schema";
  e.message = "suppressed finding";
  e.suppressed = true;
  e.suppression_reason = "accepted by the task force";
  v.push_back(e);
  return v;
}

ReportContext
context()
{
  ReportContext ctx;
  ctx.command = "validate";
  ctx.files = 4;
  ctx.items = 12;
  return ctx;
}

diag::Diagnostic
error_at(int line, std::string message)
{
  diag::Diagnostic d;
  d.location = {"a.yaml", line, 1, 0, "x"};
  d.rule = "schema";
  d.message = std::move(message);
  return d;
}

} // namespace

TEST_SUITE_BEGIN("output");

TEST_CASE("parse_format")
{
  CHECK(parse_format("auto") == Format::automatic);
  CHECK(parse_format("text") == Format::text);
  CHECK(parse_format("json") == Format::json);
  CHECK(parse_format("sarif") == Format::sarif);
  CHECK(parse_format("github") == Format::github);
  CHECK_FALSE(parse_format("Text"));
  CHECK_FALSE(parse_format(""));
  CHECK_FALSE(parse_format("xml"));
}

TEST_CASE("resolve_format")
{
  CHECK(resolve_format(Format::json) == Format::json);
  CHECK(resolve_format(Format::text) == Format::text);
  SUBCASE("auto is github under GitHub Actions")
  {
    ::setenv("GITHUB_ACTIONS", "true", 1);
    CHECK(resolve_format(Format::automatic) == Format::github);
    CHECK(resolve_format(Format::sarif) == Format::sarif);
    ::unsetenv("GITHUB_ACTIONS");
  }
  SUBCASE("auto is text elsewhere")
  {
    ::unsetenv("GITHUB_ACTIONS");
    CHECK(resolve_format(Format::automatic) == Format::text);
    ::setenv("GITHUB_ACTIONS", "false", 1);
    CHECK(resolve_format(Format::automatic) == Format::text);
    ::unsetenv("GITHUB_ACTIONS");
  }
}

TEST_CASE("use_color")
{
  CHECK(use_color("always", -1));
  CHECK_FALSE(use_color("never", -1));
  SUBCASE("auto: never on a non-terminal or with NO_COLOR")
  {
    CHECK_FALSE(use_color("auto", -1));
    ::setenv("NO_COLOR", "1", 1);
    CHECK_FALSE(use_color("auto", -1));
    CHECK(use_color("always", -1)); // an explicit choice wins
    ::unsetenv("NO_COLOR");
  }
}

TEST_CASE("summary_line")
{
  ReportContext ctx;
  ctx.files = 1;
  ctx.items = 0;
  CHECK(summary_line({}, ctx) == "0 errors, 0 warnings in 1 file, 0 items");
  diag::Counts c;
  c.errors = 1;
  c.warnings = 2;
  c.suppressed = 3;
  ctx.files = 14;
  ctx.items = 1;
  CHECK(summary_line(c, ctx) == "1 error, 2 warnings (3 suppressed) in 14 files, 1 item");
}

TEST_CASE("format_text")
{
  auto diags = sample();
  ReportContext ctx = context();
  std::string out = format_text(diags, ctx);
  auto lines = lines_of(out);

  SUBCASE("file:line:col: severity: message [rule]")
  {
    CHECK(out.find("lists/primary.yaml:3:11: error: unit \"区城管委\" is not defined [unknown-reference]\n") !=
          std::string::npos);
    CHECK(out.find("lists/单位.yaml:7:9: error: unit \"yanqing\" is defined twice [duplicate-id]\n") !=
          std::string::npos);
    CHECK(out.find("lists/tasks.yaml:4:3: warning: a warning [schema]\n") != std::string::npos);
  }
  SUBCASE("a whole-file finding has neither line nor column, nor a snippet")
  {
    auto it = std::find(lines.begin(), lines.end(),
                        "lists/empty: error: no list files (*.yaml, *.yml) in this directory [no-lists]");
    REQUIRE(it != lines.end());
    ++it;
    REQUIRE(it != lines.end());
    CHECK_FALSE(it->starts_with("  |"));
  }
  SUBCASE("the caret sits under the CJK text at its display column")
  {
    auto it = std::find(lines.begin(), lines.end(), "3 | " + std::string(kLeadLine));
    REQUIRE(it != lines.end());
    CHECK(*(it - 1) == "  |");
    // "    lead: " is 10 columns; 区城管委 is 4 characters, 8 columns wide.
    CHECK(*(it + 1) == "  | " + std::string(10, ' ') + "^" + std::string(7, '~'));
    std::string caret = *(it + 1);
    size_t col = caret.find('^') - std::string("  | ").size();
    std::string before = std::string(kLeadLine).substr(0, kLeadLine.find("区"));
    CHECK(col == util::display_width(before));
  }
  SUBCASE("the caret after CJK text is shifted by the wide characters")
  {
    diag::Diagnostic d;
    d.location = {"x.yaml", 12, 0, 0, "- {名称: 延庆, lead: x}"};
    std::string src = d.location.source;
    size_t byte = src.find("lead");
    d.location.column = static_cast<int>(util::count_code_points(src.substr(0, byte)) + 1);
    d.rule = "unknown-key";
    d.message = "m";
    std::string t = format_text({d}, ctx);
    auto ls = lines_of(t);
    auto it = std::find(ls.begin(), ls.end(), "12 | " + src);
    REQUIRE(it != ls.end());
    // "- {名称: 延庆, " is 11 code points but 15 display columns.
    CHECK(d.location.column == 12);
    CHECK(*(it + 1) == "   | " + std::string(15, ' ') + "^");
  }
  SUBCASE("related locations and the hint line")
  {
    CHECK(out.find("  lists/units.yaml:2:9: first defined here\n") != std::string::npos);
    CHECK(out.find("  = hint: did you mean \"区城市管理委\"?\n") != std::string::npos);
  }
  SUBCASE("suppressed findings are hidden but counted; the summary ends the output")
  {
    CHECK(out.find("suppressed finding") == std::string::npos);
    CHECK(lines.back() == "3 errors, 1 warning (1 suppressed) in 4 files, 12 items");
  }
  SUBCASE("no colour escapes unless asked")
  {
    CHECK(out.find('\x1b') == std::string::npos);
    ctx.color = true;
    std::string colored = format_text(diags, ctx);
    CHECK(colored.find("\x1b[") != std::string::npos);
    CHECK(colored.find("error") != std::string::npos);
  }
  SUBCASE("a very long source line is cut around the column")
  {
    diag::Diagnostic d;
    std::string src = "name: " + std::string(5000, 'x') + " bad";
    d.location = {"x.yaml", 1, static_cast<int>(src.size() - 2), 0, src};
    d.rule = "schema";
    d.message = "m";
    std::string t = format_text({d}, ctx);
    CHECK(t.size() < 1000);
    CHECK(t.find("…") != std::string::npos);
    CHECK(t.find("^") != std::string::npos);
  }
  SUBCASE("no findings: only the summary")
  {
    CHECK(format_text({}, ctx) == "0 errors, 0 warnings in 4 files, 12 items\n");
  }
}

TEST_CASE("format_json")
{
  auto diags = sample();
  ReportContext ctx = context();
  std::string out = format_json(diags, ctx);

  CHECK(valid_json(out));
  CHECK(out.ends_with("}\n"));
  CHECK(out.starts_with(R"({"diagnostics":[{"file":"lists/primary.yaml","line":3,"column":11,)"));
  CHECK(out.find(R"("severity":"error","rule":"unknown-reference","message":"unit \"区城管委\" is not defined")") !=
        std::string::npos);
  CHECK(out.find(R"("hint":"did you mean \"区城市管理委\"?")") != std::string::npos);
  CHECK(out.find(R"("related":[{"file":"lists/units.yaml","line":2,"column":9,"message":"first defined here"}])") !=
        std::string::npos);
  CHECK(out.find(R"("file":"lists/empty","line":0,"column":0)") != std::string::npos);
  CHECK(out.find(R"("severity":"warning")") != std::string::npos);
  // Suppressed findings are listed, marked, with their reason.
  CHECK(out.find(R"("message":"suppressed finding","suppressed":true,"reason":"accepted by the task force")") !=
        std::string::npos);
  CHECK(out.find(
          R"("summary":{"command":"validate","errors":3,"warnings":1,"notes":0,"suppressed":1,"files":4,"items":12}})") !=
        std::string::npos);
  CHECK(occurrences(out, R"("rule":)") == 5);

  SUBCASE("invalid bytes in messages still give valid JSON")
  {
    diag::Diagnostic d = error_at(1, "bad \xD1\xD3 bytes\n\x01");
    std::string j = format_json({d}, ctx);
    CHECK(valid_json(j));
    CHECK(j.find(R"(bad \ufffd\ufffd bytes\n\u0001)") != std::string::npos);
  }
  SUBCASE("empty")
  {
    std::string j = format_json({}, ctx);
    CHECK(valid_json(j));
    CHECK(j.starts_with(R"({"diagnostics":[],"summary":{)"));
  }
}

TEST_CASE("format_sarif")
{
  auto diags = sample();
  ReportContext ctx = context();
  std::string out = format_sarif(diags, ctx);

  CHECK(valid_json(out));
  CHECK(out.find(R"("version":"2.1.0")") != std::string::npos);
  CHECK(out.find(R"("$schema":"https://json.schemastore.org/sarif-2.1.0.json")") != std::string::npos);
  CHECK(out.find(R"("columnKind":"unicodeCodePoints")") != std::string::npos);
  CHECK(out.find(R"("driver":{"name":"duty")") != std::string::npos);

  SUBCASE("every rule of the table is described, results point at them")
  {
    CHECK(out.find(R"({"id":"unknown-reference","name":"unknown-reference")") != std::string::npos);
    CHECK(out.find(R"({"id":"matter-cycle")") != std::string::npos);
    CHECK(out.find(R"("ruleId":"unknown-reference","ruleIndex":)") != std::string::npos);
    CHECK(out.find(R"("ruleId":"duplicate-id")") != std::string::npos);
    CHECK(out.find(R"("ruleId":"no-lists")") != std::string::npos);
    CHECK(occurrences(out, R"("ruleId":)") == 5);
  }
  SUBCASE("levels")
  {
    CHECK(out.find(R"("ruleId":"schema","ruleIndex":4,"level":"warning")") != std::string::npos);
  }
  SUBCASE("regions in code points, with end columns")
  {
    CHECK(out.find(R"("region":{"startLine":3,"startColumn":11,"endColumn":15})") != std::string::npos);
    CHECK(out.find(R"("region":{"startLine":7,"startColumn":9,"endColumn":10})") != std::string::npos);
  }
  SUBCASE("a whole-file finding is placed at the file's first line (code scanning drops results without a region)")
  {
    CHECK(out.find(R"("uri":"lists/empty","uriBaseId":"%SRCROOT%"},"region":{"startLine":1}})") != std::string::npos);
  }
  SUBCASE("the driver names its version and documentation")
  {
    CHECK(out.find(fmt::format(R"("driver":{{"name":"duty","version":"{0}","semanticVersion":"{0}","informationUri":")",
                               DUTY_VERSION)) != std::string::npos);
  }
  SUBCASE("absolute paths: relative to %SRCROOT% under the working directory, else a file: URI without a base id")
  {
    diag::Diagnostic in = error_at(1, "in"), out_of = error_at(1, "out");
    in.location.file = (std::filesystem::current_path() / "sub" / "a.yaml").string();
    out_of.location.file = "/nonexistent-root-dir/b.yaml";
    std::string s = format_sarif({in, out_of}, ctx);
    CHECK(valid_json(s));
    CHECK(s.find(R"("uri":"sub/a.yaml","uriBaseId":"%SRCROOT%")") != std::string::npos);
    CHECK(s.find(R"("uri":"file:///nonexistent-root-dir/b.yaml"})") != std::string::npos);
    CHECK(occurrences(s, R"("uriBaseId":)") == 1);
  }
  SUBCASE("the hint travels in the message")
  {
    CHECK(out.find(R"x("text":"unit \"区城管委\" is not defined (hint: did you mean \"区城市管理委\"?)")x") !=
          std::string::npos);
  }
  SUBCASE("Chinese paths are percent-encoded in the URI")
  {
    CHECK(out.find(R"("uri":"lists/%E5%8D%95%E4%BD%8D.yaml")") != std::string::npos);
    CHECK(out.find("单位") == std::string::npos);
  }
  SUBCASE("related locations")
  {
    CHECK(out.find(R"("relatedLocations":[{"id":1,"physicalLocation":{"artifactLocation":{"uri":"lists/units.yaml")") !=
          std::string::npos);
    CHECK(out.find(R"("message":{"text":"first defined here"})") != std::string::npos);
  }
  SUBCASE("a suppressed finding carries a suppression")
  {
    CHECK(occurrences(out, R"("suppressions":)") == 1);
    CHECK(out.find(R"("suppressions":[{"kind":"inSource","justification":"accepted by the task force"}])") !=
          std::string::npos);
  }
  SUBCASE("fingerprints are unique for identical findings")
  {
    std::vector<diag::Diagnostic> twice = {error_at(1, "same"), error_at(1, "same")};
    std::string s = format_sarif(twice, ctx);
    CHECK(valid_json(s));
    size_t a = s.find("primaryLocationLineHash");
    size_t b = s.find("primaryLocationLineHash", a + 1);
    REQUIRE(b != std::string::npos);
    std::string ha = s.substr(a, 50), hb = s.substr(b, 50);
    CHECK(ha != hb);
    CHECK(ha.find(":1\"") != std::string::npos);
    CHECK(hb.find(":2\"") != std::string::npos);
  }
  SUBCASE("a leading ./ and reserved characters in paths")
  {
    diag::Diagnostic d = error_at(1, "m");
    d.location.file = "./my lists/a#1.yaml";
    std::string s = format_sarif({d}, ctx);
    CHECK(s.find(R"("uri":"my%20lists/a%231.yaml")") != std::string::npos);
  }
}

TEST_CASE("format_github")
{
  ReportContext ctx = context();

  SUBCASE("one workflow command per unsuppressed finding, then the summary")
  {
    std::string out = format_github(sample(), ctx);
    auto lines = lines_of(out);
    REQUIRE(lines.size() == 5);
    CHECK(lines[0] ==
          "::error file=lists/primary.yaml,line=3,col=11,endColumn=15,title=duty unknown-reference::"
          "unit \"区城管委\" is not defined%0Ahint: did you mean \"区城市管理委\"?");
    CHECK(lines[1] == "::error file=lists/单位.yaml,line=7,col=9,title=duty duplicate-id::unit \"yanqing\" is defined twice");
    CHECK(lines[2] == "::error file=lists/empty,title=duty no-lists::no list files (*.yaml, *.yml) in this directory");
    CHECK(lines[3] == "::warning file=lists/tasks.yaml,line=4,col=3,title=duty schema::a warning");
    CHECK(lines[4] == "3 errors, 1 warning (1 suppressed) in 4 files, 12 items");
    CHECK(out.find("suppressed finding") == std::string::npos);
  }
  SUBCASE("escaping: % and newlines in messages; also : and , in properties")
  {
    diag::Diagnostic d = error_at(2, "100% wrong:\r\nsecond, line");
    d.location.file = "dir,with:odd%name.yaml";
    d.severity = diag::Severity::note;
    std::string out = format_github({d}, ctx);
    CHECK(lines_of(out)[0] ==
          "::notice file=dir%2Cwith%3Aodd%25name.yaml,line=2,col=1,title=duty schema::100%25 wrong:%0D%0Asecond, line");
  }
  SUBCASE("ten errors: no extra notice")
  {
    std::vector<diag::Diagnostic> v;
    for (int i = 1; i <= 10; ++i)
      v.push_back(error_at(i, "e"));
    std::string out = format_github(v, ctx);
    CHECK(occurrences(out, "::error ") == 10);
    CHECK(out.find("::notice") == std::string::npos);
    CHECK(lines_of(out).back() == "10 errors, 0 warnings in 4 files, 12 items");
  }
  SUBCASE("more than ten errors: a closing notice says how many were not annotated")
  {
    std::vector<diag::Diagnostic> v;
    for (int i = 1; i <= 13; ++i)
      v.push_back(error_at(i, "e"));
    std::string out = format_github(v, ctx);
    CHECK(occurrences(out, "::error ") == 13);
    std::string last = lines_of(out).back();
    CHECK(last.starts_with("::notice title=duty::13 errors, 0 warnings in 4 files, 12 items%0A3 more findings"));
    CHECK(last.find("at most 10 per severity") != std::string::npos);
    CHECK(last.find("--format sarif") != std::string::npos);
  }
  SUBCASE("the limit is per severity")
  {
    std::vector<diag::Diagnostic> v;
    for (int i = 1; i <= 10; ++i) {
      v.push_back(error_at(i, "e"));
      v.push_back(error_at(i, "w"));
      v.back().severity = diag::Severity::warning;
    }
    CHECK(format_github(v, ctx).find("::notice") == std::string::npos);
    ctx.github_limit = 5;
    CHECK(format_github(v, ctx).find("%0A10 more findings") != std::string::npos);
  }
}

TEST_CASE("format_report dispatches")
{
  auto diags = sample();
  ReportContext ctx = context();
  CHECK(format_report(diags, Format::text, ctx) == format_text(diags, ctx));
  CHECK(format_report(diags, Format::json, ctx) == format_json(diags, ctx));
  CHECK(format_report(diags, Format::sarif, ctx) == format_sarif(diags, ctx));
  CHECK(format_report(diags, Format::github, ctx) == format_github(diags, ctx));
}

TEST_SUITE_END();
