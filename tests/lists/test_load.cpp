// Tests for lists/load (one file at a time) and lists/check (the whole set).
#include "lists/check.hpp"
#include "lists/index.hpp"
#include "lists/load.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <initializer_list>
#include <utility>
#include <string>
#include <vector>

using namespace duty;
using namespace duty::lists;
using namespace std::string_literals;

namespace {

std::vector<diag::Diagnostic>
load_one(const std::string& text, LoadResult* out = nullptr)
{
  LoadResult r;
  load_text(r, "lists/test.yaml", text);
  if (out)
    *out = std::move(r);
  return out ? out->diags : r.diags;
}

std::vector<const diag::Diagnostic*>
with_rule(const std::vector<diag::Diagnostic>& diags, std::string_view rule)
{
  std::vector<const diag::Diagnostic*> out;
  for (const auto& d : diags)
    if (d.rule == rule)
      out.push_back(&d);
  return out;
}

// The single diagnostic of `rule` (a copy: callers pass temporaries); fails
// the test if there is not exactly one.
diag::Diagnostic
only(const std::vector<diag::Diagnostic>& diags, std::string_view rule)
{
  auto v = with_rule(diags, rule);
  std::string all;
  for (const auto& d : diags)
    all += d.rule + ": " + d.message + "; ";
  INFO("rule ", std::string(rule), ", diagnostics: ", all);
  REQUIRE(v.size() == 1);
  return *v[0];
}

bool
contains(const std::string& s, std::string_view part)
{
  return s.find(part) != std::string::npos;
}

// Loads several files into one set and runs the whole-set checks.
struct SetCheck
{
  LoadResult loaded;
  std::vector<diag::Diagnostic> diags;

  SetCheck(std::initializer_list<std::pair<std::string, std::string>> files)
  {
    for (const auto& [path, text] : files)
      load_text(loaded, path, text);
    Index index(loaded.set);
    diags = check_list_set(loaded.set, index);
  }
};

const std::string kUnits = R"(kind: units
items:
  - {id: 区城市管理委, name: 延庆区城市管理委员会, type: department}
  - {id: 区市场监管局, name: 延庆区市场监督管理局, type: department}
  - {id: 儒林街道, name: 儒林街道办事处, type: street}
  - {id: 康庄镇, name: 康庄镇人民政府, type: town}
  - {id: 儒林执法队, name: 儒林街道综合行政执法队, type: enforcement, parent: 儒林街道, serves: [儒林街道]}
)";

const std::string kMatters = R"(kind: matters
dimensions:
  land: [国有土地, 集体土地]
items:
  - {id: 违法建设, name: 违法建设, split_by: [land]}
  - {id: 噪音扰民, name: 噪音扰民}
  - {id: 夜间施工噪音, name: 夜间施工噪音, parent: 噪音扰民}
)";

} // namespace

TEST_SUITE_BEGIN("lists");

TEST_CASE("load_text")
{
  SUBCASE("a clean file builds the model")
  {
    LoadResult r;
    auto diags = load_one(kUnits, &r);
    CHECK(diags.empty());
    REQUIRE(r.set.files.size() == 1);
    CHECK(r.set.files[0].kind == "units");
    CHECK(r.set.files[0].items == 5);
    REQUIRE(r.set.units.size() == 5);
    CHECK(r.set.units[2].id.value == "儒林街道");
    CHECK(r.set.units[2].type == UnitType::street);
    CHECK(r.set.units[4].parent.value == "儒林街道");
    CHECK(r.set.units[4].serves.size() == 1);
    CHECK(r.set.units[0].id.loc.line == 3);
    CHECK(r.set.item_count() == 5);
  }
  SUBCASE("title, version, published and note")
  {
    LoadResult r;
    auto diags = load_one("kind: tasks\ntitle: 街乡职责清单\nversion: '2025.1'\npublished: 2025-03-01\n"
                          "note: 示例\nitems: []\n",
                          &r);
    CHECK(diags.empty());
    CHECK(r.set.files[0].title == "街乡职责清单");
    CHECK(r.set.files[0].version == "2025.1");
  }
  SUBCASE("unknown kind with did-you-mean")
  {
    const auto d = only(load_one("kind: unit\nitems: []\n"), "unknown-kind");
    CHECK(d.message == "unknown kind \"unit\"");
    CHECK(d.hint == "did you mean \"units\"?");
    CHECK(d.location.line == 1);
    CHECK(d.location.column == 7);
  }
  SUBCASE("unknown kind without a close match lists the kinds")
  {
    const auto d = only(load_one("kind: 权力清单\nitems: []\n"), "unknown-kind");
    CHECK(contains(d.hint, "\"units\""));
    CHECK(contains(d.hint, "\"profile\""));
  }
  SUBCASE("missing kind and items")
  {
    CHECK(contains(only(load_one("items: []\n"), "schema").message, "lacks \"kind:\""));
    CHECK(contains(only(load_one("kind: units\n"), "schema").message, "lacks \"items:\""));
  }
  SUBCASE("unknown top-level key with did-you-mean")
  {
    const auto d = only(load_one("kind: units\ntitel: x\nitems: []\n"), "unknown-key");
    CHECK(d.message == "unknown top-level key \"titel\"");
    CHECK(d.hint == "did you mean \"title\"?");
    CHECK(d.location.line == 2);
    CHECK(d.location.column == 1);
  }
  SUBCASE("unknown field with did-you-mean")
  {
    const auto d = only(load_one("kind: units\nitems:\n  - id: a\n    nmae: b\n    name: c\n    type: street\n"),
                         "unknown-key");
    CHECK(d.message == "unknown field \"nmae\" in a unit");
    CHECK(d.hint == "did you mean \"name\"?");
    CHECK(d.location.line == 4);
    CHECK(d.location.column == 5);
  }
  SUBCASE("unknown field without a close match lists the fields")
  {
    const auto d = only(load_one("kind: matters\nitems:\n  - {id: a, name: b, 负责人: c}\n"), "unknown-key");
    CHECK(contains(d.hint, "fields of a matter:"));
    CHECK(contains(d.hint, "\"split_by\""));
  }
  SUBCASE("missing required field")
  {
    const auto d = only(load_one("kind: units\nitems:\n  - id: a\n    type: street\n"), "schema");
    CHECK(contains(d.message, "unit lacks the required field \"name\""));
    CHECK(d.location.line == 3);
    CHECK(d.location.column == 5);
  }
  SUBCASE("an empty required value is reported at its key, not the next line")
  {
    auto d = only(load_one("kind: units\nitems:\n  - id:\n    name: x\n    type: street\n"), "schema");
    CHECK(d.message == "field \"id\" is empty; expected a value");
    CHECK(d.location.line == 3);
    CHECK(d.location.column == 5);
    d = only(load_one("kind:\nitems: []\n"), "schema");
    CHECK(d.message == "\"kind\" is empty");
    CHECK(d.location.line == 1);
    CHECK(d.location.column == 1);
  }
  SUBCASE("wrong types")
  {
    auto diags = load_one("kind: units\nitems:\n  - id: a\n    name: [x, y]\n    type: street\n"
                          "    aliases: [ok, {k: v}]\n");
    auto v = with_rule(diags, "schema");
    REQUIRE(v.size() == 2);
    CHECK(v[0]->message == "field \"name\" is a list; expected a single value");
    CHECK(v[0]->location.line == 4);
    CHECK(v[1]->message == "an entry of \"aliases\" is a mapping; expected a single value");
  }
  SUBCASE("items that are not a list, and items that are not mappings")
  {
    CHECK(contains(only(load_one("kind: units\nitems: {a: 1}\n"), "schema").message,
                   "\"items\" is a mapping; expected a list"));
    CHECK(contains(only(load_one("kind: units\nitems: [just text]\n"), "schema").message,
                   "a unit is a scalar; expected a mapping of fields"));
  }
  SUBCASE("a root that is not a mapping")
  {
    CHECK(contains(only(load_one("- a\n- b\n"), "schema").message, "a list file is a list"));
  }
  SUBCASE("an empty file")
  {
    CHECK(only(load_one(""), "schema").message == "the file is empty");
  }
  SUBCASE("an empty required value")
  {
    const auto d = only(load_one("kind: units\nitems:\n  - {id: a, name: '  ', type: street}\n"), "schema");
    CHECK(d.message == "field \"name\" is empty; expected a value");
  }
  SUBCASE("a value outside its vocabulary, with did-you-mean")
  {
    const auto d = only(load_one("kind: units\nitems:\n  - {id: a, name: b, type: stret}\n"), "bad-value");
    CHECK(d.message == "unknown unit type \"stret\"");
    CHECK(contains(d.hint, "did you mean \"street\"?"));
  }
  SUBCASE("category aliases are accepted")
  {
    LoadResult r;
    auto diags = load_one("kind: powers\nitems:\n"
                          "  - {code: P1, name: n, category: 处罚, holder: h, matters: m}\n"
                          "  - {code: P2, name: n, category: 非行政许可审批, holder: h, matters: [m]}\n"
                          "  - {code: P3, name: n, category: 行政检查, holder: h, matters: m}\n",
                          &r);
    CHECK(diags.empty());
    REQUIRE(r.set.powers.size() == 3);
    CHECK(r.set.powers[0].category == Category::penalty);
    CHECK(r.set.powers[1].category == Category::other);
    CHECK(r.set.powers[2].category == Category::inspection);
  }
  SUBCASE("bad dates")
  {
    auto diags = load_one("kind: units\npublished: 2025/03/01\nitems:\n"
                          "  - {id: a, name: b, type: street, valid_from: 2025-02-30}\n");
    auto v = with_rule(diags, "bad-value");
    REQUIRE(v.size() == 2);
    CHECK(v[0]->message == "\"published\" is \"2025/03/01\", which is not a valid date");
    CHECK(v[0]->hint == "dates are written YYYY-MM-DD, e.g. 2025-03-01");
    CHECK(v[0]->location.line == 2);
    CHECK(v[1]->message == "\"2025-02-30\" is not a valid date");
    CHECK(v[1]->hint == "February 2025 has 28 days");
  }
  SUBCASE("bad durations")
  {
    auto diags = load_one("kind: whistles\nitems:\n"
                          "  - {matter: m, type: 日常哨, summon: [a], report_within: 30min}\n");
    const auto d = only(diags, "bad-value");
    CHECK(d.message == "\"30min\" is not a valid duration for \"report_within\"");
    CHECK(contains(d.hint, "7wd"));
  }
  SUBCASE("bad limits")
  {
    auto diags = load_one("kind: primary\nitems:\n"
                          "  - {id: p, matter: m, lead: u, limits: {clsoe: 7d, contact: 2days}}\n");
    auto v = with_rule(diags, "bad-value");
    REQUIRE(v.size() == 2);
    CHECK(v[0]->message == "unknown time limit \"clsoe\"");
    CHECK(contains(v[0]->hint, "did you mean \"close\"?"));
    CHECK(v[1]->message == "\"2days\" is not a valid duration for \"contact\"");
  }
  SUBCASE("calendar dates and ranges")
  {
    LoadResult r;
    auto diags = load_one("kind: calendar\nitems:\n"
                          "  - year: 2025\n    holidays: [2025-01-01, 2025-01-28..2025-02-04]\n"
                          "    workdays: [2025-01-26, 2025-02-08]\n",
                          &r);
    CHECK(diags.empty());
    REQUIRE(r.set.calendars.size() == 1);
    CHECK(r.set.calendars[0].year == 2025);
    CHECK(r.set.calendars[0].holidays.size() == 9);
    CHECK(r.set.calendars[0].workdays.size() == 2);
    auto bad = load_one("kind: calendar\nitems:\n  - {year: 二〇二五, holidays: [2025-02-04..2025-01-28], workdays: []}\n");
    CHECK(with_rule(bad, "bad-value").size() == 2);
  }
  SUBCASE("dimensions belong in a matters file")
  {
    const auto d = only(load_one("kind: units\ndimensions: {land: [a]}\nitems: []\n"), "unknown-key");
    CHECK(contains(d.message, "matters file"));
  }
  SUBCASE("a duplicate key is reported by the parser, the first value wins")
  {
    LoadResult r;
    auto diags = load_one("kind: units\nitems:\n  - id: a\n    name: first\n    type: street\n    name: second\n", &r);
    const auto d = only(diags, "duplicate-key");
    CHECK(d.location.line == 6);
    REQUIRE(d.related.size() == 1);
    CHECK(d.related[0].location.line == 4);
    REQUIRE(r.set.units.size() == 1);
    CHECK(r.set.units[0].name.value == "first");
  }
  SUBCASE("a UTF-8 BOM is stripped")
  {
    LoadResult r;
    auto diags = load_one("\xEF\xBB\xBFkind: unit\nitems: []\n", &r);
    CHECK(r.set.files[0].text.starts_with("kind"));
    const auto d = only(diags, "unknown-kind");
    CHECK(d.location.line == 1);
    CHECK(d.location.column == 7);
    CHECK(load_one("\xEF\xBB\xBFkind: units\nitems: []\n").empty());
  }
  SUBCASE("GBK bytes are an encoding error with a GB18030 hint")
  {
    // "    name: 延庆" with 延庆 in GBK (D1 D3 C7 EC).
    auto diags = load_one("kind: units\nitems:\n  - id: a\n    name: \xD1\xD3\xC7\xEC\n    type: street\n");
    REQUIRE(diags.size() == 1);
    const auto& d = diags[0];
    CHECK(d.rule == "encoding");
    CHECK(d.message == "invalid UTF-8 byte 0xD1");
    CHECK(contains(d.hint, "GB18030"));
    CHECK(contains(d.hint, "iconv"));
    CHECK(d.location.line == 4);
    CHECK(d.location.column == 11);
  }
  SUBCASE("invalid UTF-8 that is not GBK gets a plain hint")
  {
    const auto d = only(load_one("kind: units\nitems: []\nnote: \xFF\xFF\xFF\n"), "encoding");
    CHECK_FALSE(contains(d.hint, "GB18030"));
    CHECK(contains(d.hint, "UTF-8"));
  }
  SUBCASE("the encoding column counts characters of the valid prefix")
  {
    // Four Chinese characters (12 bytes) precede the bad byte.
    const auto d = only(load_one("kind: units\nnote: 延庆儒林\xD1\xD3\nitems: []\n"), "encoding");
    CHECK(d.location.line == 2);
    CHECK(d.location.column == 11);
  }
  SUBCASE("a NUL byte")
  {
    const auto d = only(load_one("kind: units\nitems: []\n\0\n"s), "encoding");
    CHECK(d.message == "NUL byte in a text file");
    CHECK(d.location.line == 3);
    CHECK(d.location.column == 1);
  }
  SUBCASE("UTF-16 text is caught by its NUL bytes")
  {
    std::string utf16 = "\xFF\xFE"s + "k\0i\0n\0d\0"s;
    auto diags = load_one(utf16);
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].rule == "encoding");
  }
  SUBCASE("a tab in indentation")
  {
    const auto d = only(load_one("kind: units\nitems:\n\t- id: a\n"), "syntax");
    CHECK(d.message == "tab character in indentation");
    CHECK(d.location.line == 3);
    CHECK(d.location.column == 1);
    const auto e = only(load_one("kind: units\nitems:\n  - id: a\n  \tname: b\n"), "syntax");
    CHECK(e.location.line == 4);
    CHECK(e.location.column == 3);
  }
  SUBCASE("tabs inside values and on blank lines are fine")
  {
    CHECK(load_one("kind: units\nnote: \"a\tb\"\n\t\nitems: []\n").empty());
  }
  SUBCASE("a tab after the indentation of a block scalar is content")
  {
    CHECK(load_one("kind: units\nnote: |\n  line one\n  \tindented with a tab\nitems: []\n").empty());
    CHECK(load_one("kind: matters\nitems:\n  - id: a\n    name: b\n    note: >-  # folded\n"
                   "      x\n\n      \ty\n  - {id: c, name: d}\n")
            .empty());
    // After the block ends, tab indentation is caught again.
    const auto d = only(load_one("kind: units\nnote: |\n  text\n\titems: []\n"), "syntax");
    CHECK(d.location.line == 4);
    // A block scalar's content cannot be indented by a tab alone.
    CHECK(only(load_one("kind: units\nnote: |\n\ttext\nitems: []\n"), "syntax").location.line == 3);
  }
  SUBCASE("columns are reported in characters after Chinese text")
  {
    // 儒林街道 (4 characters, 12 bytes) precedes the bad value on the line.
    const auto d = only(load_one("kind: units\nitems:\n  - {id: 儒林街道, name: 儒林, type: stret}\n"),
                         "bad-value");
    CHECK(d.location.line == 3);
    // 31 code points precede "stret": column 32, not the byte column 44.
    CHECK(d.location.column == 32);
    CHECK(d.location.end_column == 37);
    CHECK(d.location.source == "  - {id: 儒林街道, name: 儒林, type: stret}");
  }
  SUBCASE("a syntax error is located")
  {
    const auto d = only(load_one("kind: units\nitems:\n  - {id: a, name: b\n"), "syntax");
    CHECK(d.location.line >= 3);
  }
}

TEST_CASE("load_list_set")
{
  SUBCASE("a missing path is an io error and makes the set unreadable")
  {
    LoadResult r = load_list_set({"/nonexistent/duty-test-path"});
    CHECK(r.unreadable);
    REQUIRE(r.diags.size() == 1);
    CHECK(r.diags[0].rule == "io");
  }
}

TEST_CASE("check_list_set")
{
  SUBCASE("a consistent set is clean")
  {
    SetCheck s({{"lists/units.yaml", kUnits},
                {"lists/matters.yaml", kMatters},
                {"lists/powers.yaml", "kind: powers\nitems:\n"
                                      "  - {code: P1, name: 查处违法建设, category: 行政处罚, holder: 儒林执法队,"
                                      " matters: 违法建设, when: {land: 国有土地}}\n"
                                      "  - {code: P2, name: 查处无照经营, category: 行政处罚, holder: '@属地:enforcement',"
                                      " matters: [噪音扰民]}\n"},
                {"lists/tasks.yaml", "kind: tasks\nitems:\n"
                                     "  - {id: T1, unit: '@街乡', matter: 噪音扰民, role: 基本履职}\n"
                                     "  - {id: T2, unit: [儒林街道, 康庄镇], matter: 违法建设, role: 配合履职, lead: 区城市管理委}\n"}});
    for (const auto& d : s.loaded.diags)
      INFO(d.rule, ": ", d.message);
    CHECK(s.loaded.diags.empty());
    for (const auto& d : s.diags)
      INFO(d.rule, ": ", d.message);
    CHECK(s.diags.empty());
  }
  SUBCASE("duplicate ids across two files")
  {
    SetCheck s({{"lists/a.yaml", kUnits},
                {"lists/b.yaml", "kind: units\nitems:\n  - {id: 康庄镇, name: 康庄, type: town}\n"}});
    const auto d = only(s.diags, "duplicate-id");
    CHECK(d.message == "unit \"康庄镇\" is defined twice");
    CHECK(d.location.file == "lists/b.yaml");
    CHECK(d.location.line == 3);
    CHECK(d.location.column == 10);
    CHECK(d.location.end_column == 13);
    REQUIRE(d.related.size() == 1);
    CHECK(d.related[0].location.file == "lists/a.yaml");
    CHECK(d.related[0].location.line == 6);
    CHECK(d.related[0].message == "first defined here");
  }
  SUBCASE("duplicate calendar years")
  {
    std::string cal = "kind: calendar\nitems:\n  - {year: 2025, holidays: [], workdays: []}\n";
    SetCheck s({{"a.yaml", cal}, {"b.yaml", cal}});
    CHECK(only(s.diags, "duplicate-id").message == "calendar year 2025 is defined twice");
  }
  SUBCASE("the caret spans a quoted value with its quotes")
  {
    SetCheck s({{"lists/units.yaml", kUnits},
                {"lists/primary.yaml", "kind: primary\nitems:\n"
                                       "  - {id: Z1, matter: x, lead: \"区城管委\"}\n"}});
    auto v = with_rule(s.diags, "unknown-reference");
    auto it = std::find_if(v.begin(), v.end(), [](auto d) { return d->message == "unit \"区城管委\" is not defined"; });
    REQUIRE(it != v.end());
    CHECK((*it)->location.column == 31); // the opening quote
    CHECK((*it)->location.end_column == 31 + 6); // four characters and two quotes
  }
  SUBCASE("unknown references with did-you-mean")
  {
    SetCheck s({{"lists/units.yaml", kUnits},
                {"lists/matters.yaml", kMatters},
                {"lists/primary.yaml", "kind: primary\nitems:\n"
                                       "  - {id: Z1, matter: 违法建筑, lead: 区城管委}\n"}});
    auto v = with_rule(s.diags, "unknown-reference");
    REQUIRE(v.size() == 2);
    std::sort(v.begin(), v.end(), [](auto a, auto b) { return a->location.column < b->location.column; });
    CHECK(v[0]->message == "matter \"违法建筑\" is not defined");
    CHECK(v[0]->hint == "did you mean \"违法建设\"?");
    CHECK(v[1]->message == "unit \"区城管委\" is not defined");
    CHECK(v[1]->hint == "did you mean \"区城市管理委\"?");
    CHECK(v[1]->location.file == "lists/primary.yaml");
    CHECK(v[1]->location.line == 3);
    CHECK(v[1]->location.column == 34); // in code points: the byte column is 46
    CHECK(v[1]->location.end_column == 38);
  }
  SUBCASE("unknown power in a responsibility")
  {
    SetCheck s({{"u.yaml", kUnits},
                {"m.yaml", kMatters},
                {"p.yaml", "kind: powers\nitems:\n  - {code: XK-001, name: n, category: 行政许可, holder: 区城市管理委, matters: 噪音扰民}\n"},
                {"r.yaml", "kind: responsibilities\nitems:\n  - {power: XK-01, duties: [受理, 审查]}\n"}});
    const auto d = only(s.diags, "responsibility-without-power");
    CHECK(contains(d.message, "\"XK-01\""));
    CHECK(d.hint == "did you mean \"XK-001\"?");
    CHECK(d.location.file == "r.yaml");
  }
  SUBCASE("a dimension value that is not allowed")
  {
    SetCheck s({{"u.yaml", kUnits},
                {"m.yaml", kMatters},
                {"p.yaml", "kind: primary\nitems:\n"
                           "  - {id: Z1, matter: 违法建设, when: {land: 国有土地x}, lead: 儒林执法队}\n"
                           "  - {id: Z2, matter: 违法建设, when: {land: 宅基地}, lead: 儒林执法队}\n"
                           "  - {id: Z3, matter: 违法建设, when: {area: 城区}, lead: 儒林执法队}\n"}});
    auto v = with_rule(s.diags, "unknown-reference");
    REQUIRE(v.size() == 3);
    CHECK(v[0]->message == "\"国有土地x\" is not a value of dimension \"land\"");
    CHECK(v[0]->hint == "did you mean \"国有土地\"?");
    CHECK(v[1]->message == "\"宅基地\" is not a value of dimension \"land\"");
    CHECK(v[1]->hint == "allowed: \"国有土地\" or \"集体土地\"");
    CHECK(v[2]->message == "dimension \"area\" is not defined");
  }
  SUBCASE("territorial references")
  {
    SetCheck s({{"u.yaml", kUnits},
                {"m.yaml", kMatters},
                {"p.yaml", "kind: primary\nitems:\n"
                           "  - {id: Z1, matter: 噪音扰民, where: [儒林街道, 区市场监管局], lead: '@属地'}\n"
                           "  - {id: Z2, matter: 噪音扰民, lead: '@属地:foo', assist: ['@属地:police']}\n"}});
    auto v = with_rule(s.diags, "bad-value");
    REQUIRE(v.size() == 2);
    CHECK(v[0]->message == "\"区市场监管局\" is a department, not a street, town or township");
    CHECK(v[1]->message == "malformed territorial reference \"@属地:foo\"");
    CHECK(s.diags.size() == 2);
  }
  SUBCASE("a misspelt territorial reference gets the closest right one")
  {
    SetCheck s({{"u.yaml", kUnits},
                {"m.yaml", kMatters},
                {"p.yaml", "kind: primary\nitems:\n"
                           "  - {id: Z1, matter: 噪音扰民, lead: '@属地:polise'}\n"
                           "  - {id: Z2, matter: 噪音扰民, lead: '@属地：police', where: [儒林街道]}\n"
                           "  - {id: Z3, matter: 噪音扰民, lead: '@属的', where: [康庄镇]}\n"
                           "  - {id: Z4, matter: 噪音扰民, lead: '@属地:xyz', where: [儒林街道, 康庄镇]}\n"}});
    auto v = with_rule(s.diags, "bad-value");
    REQUIRE(v.size() == 4);
    CHECK(v[0]->message == "malformed territorial reference \"@属地:polise\"");
    CHECK(v[0]->hint.starts_with("did you mean \"@属地:police\"? (write @属地 for the territory itself"));
    CHECK(v[1]->hint.starts_with("did you mean \"@属地:police\"?"));
    CHECK(v[2]->message == "malformed territorial reference \"@属的\"");
    CHECK(v[2]->hint.starts_with("did you mean \"@属地\"?"));
    CHECK(v[3]->hint.starts_with("write @属地 for the territory itself or @属地:TYPE, TYPE one of"));
  }
  SUBCASE("a 配合履职 task needs a lead")
  {
    SetCheck s({{"u.yaml", kUnits},
                {"m.yaml", kMatters},
                {"t.yaml", "kind: tasks\nitems:\n  - {id: T1, unit: 儒林街道, matter: 噪音扰民, role: 配合履职}\n"}});
    CHECK(contains(only(s.diags, "schema").message, "lacks \"lead\""));
  }
  SUBCASE("validity that ends before it starts")
  {
    SetCheck s({{"u.yaml", "kind: units\nitems:\n"
                           "  - {id: a, name: b, type: street, valid_from: 2025-06-01, valid_to: 2025-01-01}\n"}});
    CHECK(contains(only(s.diags, "bad-value").message, "before its valid_from"));
  }
  SUBCASE("calendar consistency")
  {
    SUBCASE("a make-up workday on a weekday")
    {
      SetCheck s({{"c.yaml", "kind: calendar\nitems:\n"
                             "  - {year: 2025, holidays: [2025-01-01], workdays: [2025-01-26, 2025-01-27]}\n"}});
      const auto d = only(s.diags, "calendar");
      CHECK(d.message == "make-up workday 2025-01-27 is not a Saturday or Sunday");
      CHECK(d.location.line == 3);
    }
    SUBCASE("dates of the neighbouring years are fine, others are not")
    {
      SetCheck ok({{"c.yaml", "kind: calendar\nitems:\n"
                              "  - {year: 2024, holidays: [2023-12-30..2024-01-01], workdays: [2024-02-04]}\n"}});
      CHECK(with_rule(ok.diags, "calendar").empty());
      SetCheck s({{"c.yaml", "kind: calendar\nitems:\n"
                             "  - {year: 2025, holidays: [2023-12-31], workdays: [2027-01-03]}\n"}});
      auto v = with_rule(s.diags, "calendar");
      REQUIRE(v.size() == 2);
      CHECK(v[0]->message == "holiday 2023-12-31 lies outside the calendar year 2025 and its neighbours");
      CHECK(v[1]->message == "make-up workday 2027-01-03 lies outside the calendar year 2025 and its neighbours");
    }
    SUBCASE("two years' items that disagree about a day")
    {
      SetCheck s({{"c.yaml", "kind: calendar\nitems:\n"
                             "  - {year: 2025, holidays: [2025-01-01], workdays: [2024-12-29]}\n"
                             "  - {year: 2024, holidays: [2024-12-29], workdays: []}\n"}});
      CHECK(only(s.diags, "calendar").message == "2024-12-29 is listed both as a holiday and as a workday");
    }
    SUBCASE("a day that is both")
    {
      SetCheck s({{"c.yaml", "kind: calendar\nitems:\n"
                             "  - {year: 2025, holidays: [2025-02-01..2025-02-04], workdays: [2025-02-01]}\n"}});
      CHECK(only(s.diags, "calendar").message == "2025-02-01 is listed both as a holiday and as a workday");
    }
  }
  SUBCASE("a matter cycle")
  {
    SetCheck s({{"m.yaml", "kind: matters\nitems:\n"
                           "  - {id: A, name: a, parent: C}\n"
                           "  - {id: B, name: b, parent: A}\n"
                           "  - {id: C, name: c, parent: B}\n"
                           "  - {id: D, name: d, parent: C}\n"}});
    const auto d = only(s.diags, "matter-cycle");
    CHECK(contains(d.message, "the matter tree has a cycle: "));
    CHECK(contains(d.message, "A"));
    CHECK(contains(d.message, "B"));
    CHECK(contains(d.message, "C"));
    CHECK_FALSE(contains(d.message, "D"));
  }
  SUBCASE("a matter that is its own parent")
  {
    SetCheck s({{"m.yaml", "kind: matters\nitems:\n  - {id: A, name: a, parent: A}\n"}});
    CHECK(only(s.diags, "matter-cycle").message == "the matter tree has a cycle: A → A");
  }
  SUBCASE("a condition on a dimension no related matter splits by")
  {
    const std::string matters = "kind: matters\ndimensions:\n  land: [国有土地, 集体土地]\n  place: [道路, 小区]\n"
                                "items:\n  - {id: P, name: p}\n  - {id: L, name: l, parent: P, split_by: [land]}\n"
                                "  - {id: Q, name: q}\n";
    const std::string units = "kind: units\nitems:\n  - {id: B, name: b, type: department}\n";
    SetCheck s({{"m.yaml", matters},
                {"u.yaml", units},
                {"p.yaml", "kind: powers\nitems:\n"
                           // On the parent: land is reachable through the child L.
                           "  - {code: A1, name: a, category: 行政处罚, holder: B, matters: [P], when: {land: 国有土地}, basis: [x]}\n"
                           // Q splits by nothing: the condition can never hold.
                           "  - {code: A2, name: a, category: 行政处罚, holder: B, matters: [Q], when: {place: 道路}, basis: [x]}\n"}});
    const auto d = only(s.diags, "unsplit-dimension");
    CHECK(d.location.line == 4);
    CHECK(contains(d.message, "\"place\""));
  }
}

TEST_SUITE_END();
