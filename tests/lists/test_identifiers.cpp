// Tests for lists/identifiers and the invisible-character rules of check and names.
#include "lists/check.hpp"
#include "lists/index.hpp"
#include "lists/load.hpp"
#include "lists/names.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace duty;
using namespace duty::lists;

namespace {

struct Checked
{
  LoadResult loaded;
  std::vector<diag::Diagnostic> diags;

  explicit Checked(const std::string& units, const std::string& more = {})
  {
    load_text(loaded, "units.yaml", units);
    if (!more.empty())
      load_text(loaded, "more.yaml", more);
    Index index(loaded.set);
    diags = loaded.diags;
    auto checked = check_list_set(loaded.set, index);
    diags.insert(diags.end(), checked.begin(), checked.end());
  }

  std::vector<const diag::Diagnostic*>
  rule(std::string_view r) const
  {
    std::vector<const diag::Diagnostic*> out;
    for (const auto& d : diags)
      if (d.rule == r)
        out.push_back(&d);
    return out;
  }
};

std::string
unit(const std::string& id, const std::string& name)
{
  return "  - id: " + id + "\n    name: " + name + "\n    type: town\n";
}

bool
has(const std::string& s, std::string_view part)
{
  return s.find(part) != std::string::npos;
}

} // namespace

TEST_SUITE_BEGIN("lists");

TEST_CASE("invisible characters in ids and names are errors, shown visibly")
{
  SUBCASE("each kind of invisible character, in each kind of field, at its column")
  {
    struct Case
    {
      std::string bytes, name;
    };
    for (const Case& c : {
             Case{"\u200B", "U+200B ZERO WIDTH SPACE"},
             Case{"\u200D", "U+200D ZERO WIDTH JOINER"},
             Case{"\u202E", "U+202E RIGHT-TO-LEFT OVERRIDE"},
             Case{"\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"},
             Case{"\u200F", "U+200F RIGHT-TO-LEFT MARK"},
             Case{"\uFEFF", "U+FEFF ZERO WIDTH NO-BREAK SPACE"},
             Case{"\u00AD", "U+00AD SOFT HYPHEN"},
             Case{"\u2060", "U+2060 WORD JOINER"},
             Case{"\u00A0", "U+00A0 NO-BREAK SPACE"},
             Case{"\u3164", "U+3164 HANGUL FILLER"},
             Case{"\uFE0F", "U+FE0F VARIATION SELECTOR-16"},
             Case{"\U000E0041", "U+E0041 TAG A"},
         }) {
      INFO("character: ", c.name);
      Checked r("kind: units\nitems:\n" + unit("永宁" + c.bytes + "镇", "永宁镇人民政府") +
                unit("u2", "延庆" + c.bytes + "镇"));
      auto found = r.rule("invisible-character");
      REQUIRE(found.size() == 2);
      CHECK(found[0]->location.line == 3);
      CHECK(found[0]->location.column == 11); // after "  - id: 永宁"
      CHECK(has(found[0]->message, "unit id \"永宁⟨U+"));
      CHECK(has(found[0]->message, c.name));
      CHECK(found[0]->severity == diag::Severity::error);
      CHECK(found[1]->location.line == 7);
      CHECK(found[1]->location.column == 13);
      CHECK(has(found[1]->message, "unit name"));
    }
  }
  SUBCASE("written as an escape, it is still found, at the value")
  {
    Checked r("kind: units\nitems:\n" + unit("\"u1\\u200B\"", "a"));
    auto found = r.rule("invisible-character");
    REQUIRE(found.size() == 1);
    CHECK(found[0]->location.line == 3);
    CHECK(found[0]->location.column == 9);
  }
  SUBCASE("references, aliases and conditions are checked too")
  {
    Checked r("kind: units\nitems:\n" + unit("u1", "a") + "    aliases: [\"b\\u200C\"]\n" +
              "    serves: [\"u1\\u2060\"]\n");
    auto found = r.rule("invisible-character");
    REQUIRE(found.size() == 2);
    std::string both = found[0]->message + found[1]->message;
    CHECK(has(both, "unit alias \"b⟨U+200C⟩\""));
    CHECK(has(both, "served territory \"u1⟨U+2060⟩\""));
  }
  SUBCASE("a unit that differs from another only by invisible characters is no second unit")
  {
    Checked r("kind: units\nitems:\n" + unit("u1", "a") + unit("\"u1\\u200B\"", "b"));
    auto dup = r.rule("duplicate-id");
    REQUIRE(dup.size() == 1);
    CHECK(dup[0]->location.line == 6);
    CHECK(has(dup[0]->message, "differs from unit \"u1\" only by invisible characters"));
    REQUIRE(dup[0]->related.size() == 1);
    CHECK(dup[0]->related[0].location.line == 3);
    // Names that differ only so resolve to both units: ambiguous, never a silent pick.
    Checked n("kind: units\nitems:\n" + unit("u1", "永宁镇") + unit("u2", "\"永宁\\u200B镇\""));
    Names names(n.loaded.set);
    CHECK(names.units("永宁镇").size() == 2);
    CHECK(names.units("永宁\u200D镇").size() == 2);
  }
  SUBCASE("plain text is untouched")
  {
    Checked r("kind: units\nitems:\n" + unit("u1", "延庆区 城市管理委员会") + unit("u2", "😀 emoji"));
    CHECK(r.rule("invisible-character").empty());
    CHECK(r.rule("stray-space").empty());
  }
}

TEST_CASE("a leading or trailing space in an id or name is pointed out")
{
  Checked r("kind: units\nitems:\n" + unit("u1", "\"延庆镇\u3000\"") + unit("\"\u3000u2\"", "b") +
            unit("u3", "\"c\u2003\""));
  auto found = r.rule("stray-space");
  REQUIRE(found.size() == 3);
  CHECK(found[0]->severity == diag::Severity::warning);
  CHECK(has(found[0]->message, "unit name \"延庆镇　\" ends with U+3000 IDEOGRAPHIC SPACE"));
  CHECK(found[0]->location.line == 4);
  CHECK(found[0]->location.column == 15);
  CHECK(has(found[1]->message, "unit id \"　u2\" begins with U+3000"));
  CHECK(found[1]->location.column == 10);
  CHECK(has(found[2]->message, "ends with U+2003 EM SPACE"));
  CHECK(r.rule("invisible-character").size() == 1); // an em space is no plain space either
  // A unit whose id differs from another only by the space is a duplicate.
  Checked d("kind: units\nitems:\n" + unit("u1", "a") + unit("\"u1\u3000\"", "b"));
  CHECK(d.rule("duplicate-id").size() == 1);
}

TEST_SUITE_END();
