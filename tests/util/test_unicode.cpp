// Tests for util/unicode: the invisible set, names and skeletons.
#include "util/unicode.hpp"

#include <doctest/doctest.h>

using namespace duty::util;

TEST_SUITE_BEGIN("util");

TEST_CASE("is_invisible, is_space and describe_char")
{
  for (char32_t c :
       {0x0000u, 0x0009u, 0x001Bu, 0x007Fu, 0x0085u, 0x00A0u,  0x00ADu,  0x061Cu, 0x180Eu, 0x2009u,
        0x200Bu, 0x200Cu, 0x200Du, 0x200Eu, 0x200Fu, 0x2028u,  0x202Au,  0x202Eu, 0x2060u, 0x2066u,
        0x2069u, 0x3164u, 0xFE0Fu, 0xFEFFu, 0xFFA0u, 0xE0001u, 0xE0041u, 0xE0100u})
    CHECK_MESSAGE(is_invisible(c), describe_char(c));
  for (char32_t c : {0x0020u, 0x0041u, 0x00E9u, 0x3000u, 0x4E2Du, 0x3001u, 0xFF0Cu, 0x1F600u, 0x2192u})
    CHECK_MESSAGE(!is_invisible(c), describe_char(c));
  CHECK(is_space(0x3000));
  CHECK(is_space(0x20));
  CHECK(is_space(0xA0));
  CHECK_FALSE(is_space(0x200B));
  CHECK(describe_char(0x200B) == "U+200B ZERO WIDTH SPACE");
  CHECK(describe_char(0x202E) == "U+202E RIGHT-TO-LEFT OVERRIDE");
  CHECK(describe_char(0x3000) == "U+3000 IDEOGRAPHIC SPACE");
  CHECK(describe_char(0xE0100) == "U+E0100 VARIATION SELECTOR-17");
  CHECK(describe_char(0x0001) == "U+0001 CONTROL CHARACTER");
  CHECK(describe_char(0x4E2D) == "U+4E2D");
}

TEST_CASE("show_invisible and visible_skeleton")
{
  CHECK(show_invisible("u1\u200B") == "u1⟨U+200B⟩");
  CHECK(show_invisible("延庆\u202E镇") == "延庆⟨U+202E⟩镇");
  CHECK(show_invisible("plain 中文") == "plain 中文");
  CHECK(visible_skeleton("u1\u200B") == "u1");
  CHECK(visible_skeleton("\u3000延庆镇\u3000 ") == "延庆镇");
  CHECK(visible_skeleton("a\u200Db c") == "ab c");
  CHECK(visible_skeleton("\u3000") == "");
  CHECK(visible_skeleton("") == "");
}

TEST_SUITE_END();
