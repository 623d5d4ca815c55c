// Tests for util/spell: edit distance in code points and did-you-mean.
#include "util/spell.hpp"

#include <doctest/doctest.h>

#include <string_view>
#include <vector>

using namespace duty::util;

TEST_SUITE_BEGIN("util");

TEST_CASE("edit_distance")
{
  SUBCASE("ASCII")
  {
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("abc", "") == 3);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("units", "unit") == 1);
    CHECK(edit_distance("flaw", "lawn") == 2);
  }
  SUBCASE("one Chinese character is one edit, not three bytes")
  {
    CHECK(edit_distance("街道", "街乡") == 1);
    CHECK(edit_distance("延庆", "") == 2);
    CHECK(edit_distance("区城管委", "区城市管理委") == 2);
    CHECK(edit_distance("基本履职", "配合履职") == 2);
    CHECK(edit_distance("行政许可", "许可") == 2);
  }
  SUBCASE("symmetric")
  {
    CHECK(edit_distance("儒林街道", "百泉街道") == edit_distance("百泉街道", "儒林街道"));
    CHECK(edit_distance("abc", "yabd") == edit_distance("yabd", "abc"));
  }
}

TEST_CASE("suggest")
{
  std::vector<std::string_view> kinds = {"units",   "matters", "powers",   "responsibilities",
                                         "primary", "tasks",   "whistles", "calendar",
                                         "profile"};
  SUBCASE("close typos are found")
  {
    CHECK(suggest("unit", kinds) == "units");
    CHECK(suggest("mattres", kinds) == "matters");
    CHECK(suggest("responsibility", kinds) == "responsibilities");
    CHECK(suggest("calender", kinds) == "calendar");
  }
  SUBCASE("unrelated words are not")
  {
    CHECK(suggest("xyz", kinds) == "");
    CHECK(suggest("audit", kinds) == "");
    CHECK(suggest("", kinds) == "");
    CHECK(suggest("units", {}) == "");
  }
  SUBCASE("thresholds: at most 3 edits and at most half the word")
  {
    // Four code points: two edits allowed, three not.
    CHECK(suggest("abcd", {"abxy"}) == "abxy");
    CHECK(suggest("abcd", {"axyz"}) == "");
    // Long words are capped at three edits.
    CHECK(suggest("abcdefghij", {"abcdefgxyz"}) == "abcdefgxyz");
    CHECK(suggest("abcdefghij", {"abcdefwxyz"}) == "");
    // Two code points: one edit.
    CHECK(suggest("街道", {"街乡"}) == "街乡");
    CHECK(suggest("街道", {"乡镇"}) == "");
    // A much longer candidate is skipped by the length filter.
    CHECK(suggest("ab", {"abcdef"}) == "");
  }
  SUBCASE("Chinese unit names")
  {
    std::vector<std::string_view> units = {"区城市管理委", "区市场监管局", "区生态环境局"};
    CHECK(suggest("区城管委", units) == "区城市管理委");
    CHECK(suggest("区市场监督局", units) == "区市场监管局");
    CHECK(suggest("延庆镇", units) == "");
  }
  SUBCASE("the closest candidate wins, ties go to the one that sorts first")
  {
    CHECK(suggest("tasks", {"task", "tasks2", "tasks"}) == "tasks");
    CHECK(suggest("at", {"cat", "bat"}) == "bat");
    CHECK(suggest("at", {"bat", "cat"}) == "bat");
  }
}

TEST_CASE("did_you_mean")
{
  CHECK(did_you_mean("nmae", {"id", "name", "type"}) == "did you mean \"name\"?");
  CHECK(did_you_mean("zzzzzz", {"id", "name", "type"}) == "");
  CHECK(did_you_mean("上级收会", {"基本履职", "配合履职", "上级收回"}) == "did you mean \"上级收回\"?");
}

TEST_CASE("one_of")
{
  CHECK(one_of({}) == "");
  CHECK(one_of({"a"}) == "\"a\"");
  CHECK(one_of({"a", "b"}) == "\"a\" or \"b\"");
  CHECK(one_of({"日常哨", "攻坚哨", "应急哨"}) == "\"日常哨\", \"攻坚哨\" or \"应急哨\"");
}

TEST_SUITE_END();
