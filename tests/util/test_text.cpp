// Tests for util/text: UTF-8 validation and decoding, widths, quoting.
#include "util/text.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

using namespace duty::util;
using namespace std::string_literals;

namespace {

constexpr size_t npos = std::string_view::npos;

} // namespace

TEST_SUITE_BEGIN("util");

TEST_CASE("find_invalid_utf8")
{
  SUBCASE("valid text")
  {
    CHECK(find_invalid_utf8("") == npos);
    CHECK(find_invalid_utf8("kind: units") == npos);
    CHECK(find_invalid_utf8("延庆区儒林街道") == npos);
    CHECK(find_invalid_utf8("\xC2\xA9 \xEF\xBF\xBD") == npos);  // ©, U+FFFD
    CHECK(find_invalid_utf8("\xF0\x9F\x98\x80") == npos);       // U+1F600
    CHECK(find_invalid_utf8("\xF4\x8F\xBF\xBF") == npos);       // U+10FFFF, the last code point
    CHECK(find_invalid_utf8("\xED\x9F\xBF") == npos);           // U+D7FF, just below the surrogates
    CHECK(find_invalid_utf8("\xEE\x80\x80") == npos);           // U+E000, just above them
    CHECK(find_invalid_utf8("a\0b"s) == npos);                  // NUL is valid UTF-8
  }
  SUBCASE("overlong encodings")
  {
    CHECK(find_invalid_utf8("\xC0\xAF") == 0);         // '/' in two bytes
    CHECK(find_invalid_utf8("\xC1\xBF") == 0);
    CHECK(find_invalid_utf8("ab\xE0\x80\xAF") == 2);   // '/' in three bytes
    CHECK(find_invalid_utf8("\xE0\x9F\xBF") == 0);     // U+07FF in three bytes
    CHECK(find_invalid_utf8("\xF0\x8F\xBF\xBF") == 0); // U+FFFF in four bytes
  }
  SUBCASE("surrogates and beyond U+10FFFF")
  {
    CHECK(find_invalid_utf8("\xED\xA0\x80") == 0); // U+D800
    CHECK(find_invalid_utf8("x\xED\xBF\xBF") == 1); // U+DFFF
    CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0); // U+110000
    CHECK(find_invalid_utf8("\xF5\x80\x80\x80") == 0);
    CHECK(find_invalid_utf8("\xFF") == 0);
    CHECK(find_invalid_utf8("\xFE") == 0);
  }
  SUBCASE("truncated sequences and stray continuation bytes")
  {
    CHECK(find_invalid_utf8("ab\xE4\xB8") == 2);          // 中 without its last byte
    CHECK(find_invalid_utf8("\xE4\xB8" "a") == 0);
    CHECK(find_invalid_utf8("\xF0\x9F\x98") == 0);
    CHECK(find_invalid_utf8("\xC3") == 0);
    CHECK(find_invalid_utf8("中\x80") == 3);             // a continuation byte on its own
    CHECK(find_invalid_utf8("\xE4\xB8\xAD\xB8") == 3);
  }
  SUBCASE("GBK bytes")
  {
    // 延庆 in GBK is D1 D3 C7 EC: D1 starts a two-byte sequence but D3 is no continuation.
    CHECK(find_invalid_utf8("name: \xD1\xD3\xC7\xEC") == 6);
    // 中文 in GBK is D6 D0 CE C4.
    CHECK(find_invalid_utf8("\xD6\xD0\xCE\xC4") == 0);
    // The first invalid byte is found after valid Chinese.
    CHECK(find_invalid_utf8("儒林\xD6\xD0") == 6);
  }
}

TEST_CASE("decode_utf8")
{
  SUBCASE("well-formed sequences of every length")
  {
    std::string_view s = "a\xC2\xA9中\xF0\x9F\x98\x80";
    size_t i = 0;
    CHECK(decode_utf8(s, i) == U'a');
    CHECK(i == 1);
    CHECK(decode_utf8(s, i) == U'\u00A9');
    CHECK(i == 3);
    CHECK(decode_utf8(s, i) == U'中');
    CHECK(i == 6);
    CHECK(decode_utf8(s, i) == U'\U0001F600');
    CHECK(i == s.size());
  }
  SUBCASE("an invalid byte yields U+FFFD and advances one byte")
  {
    std::string_view s = "\xD1\xD3x";
    size_t i = 0;
    CHECK(decode_utf8(s, i) == U'\uFFFD');
    CHECK(i == 1);
    CHECK(decode_utf8(s, i) == U'\uFFFD');
    CHECK(i == 2);
    CHECK(decode_utf8(s, i) == U'x');
  }
  SUBCASE("a truncated sequence at the end does not read past it")
  {
    std::string s = "\xE4\xB8";
    std::string_view v(s.data(), 1); // only the lead byte is in view
    size_t i = 0;
    CHECK(decode_utf8(v, i) == U'\uFFFD');
    CHECK(i == 1);
  }
}

TEST_CASE("append_utf8")
{
  std::string out;
  for (char32_t c : {U'a', U'\u00E9', U'街', U'\U00020BB7'})
    append_utf8(out, c);
  CHECK(out == "a\xC3\xA9街\xF0\xA0\xAE\xB7");
  // Round trip through the decoder.
  std::u32string back;
  for (size_t i = 0; i < out.size();)
    back += decode_utf8(out, i);
  CHECK(back == U"a\u00E9街\U00020BB7");
}

TEST_CASE("count_code_points")
{
  CHECK(count_code_points("") == 0);
  CHECK(count_code_points("abc") == 3);
  CHECK(count_code_points("延庆区") == 3);
  CHECK(count_code_points("id: 儒林街道") == 8);
  CHECK(count_code_points("\xF0\x9F\x98\x80") == 1);
  // Stray bytes that are not continuation bytes count as one each; a lone
  // continuation byte is not counted.
  CHECK(count_code_points("\xD1\xD3") == 2);
  CHECK(count_code_points("\xFF" "a") == 2);
  CHECK(count_code_points("\x80") == 0);
}

TEST_CASE("display_width")
{
  SUBCASE("ASCII")
  {
    CHECK(display_width("") == 0);
    CHECK(display_width("lead: x") == 7);
  }
  SUBCASE("CJK is two columns")
  {
    CHECK(display_width("延庆") == 4);
    CHECK(display_width("id: 儒林街道") == 12);
    CHECK(display_width("。") == 2); // CJK full stop U+3002
    CHECK(display_width("\xF0\xA0\xAE\xB7") == 2); // U+20BB7, CJK extension B
    CHECK(display_width("한") == 2); // Hangul syllable
  }
  SUBCASE("full-width forms are two columns, half-width katakana one")
  {
    CHECK(display_width("ＡＢ") == 4);   // U+FF21 U+FF22
    CHECK(display_width("，：") == 4);   // U+FF0C U+FF1A
    CHECK(display_width("１２３") == 6);
    CHECK(display_width("\xEF\xBD\xB1") == 1); // U+FF71 half-width katakana
  }
  SUBCASE("combining marks and zero-width characters take no column")
  {
    CHECK(display_width("e\xCC\x81") == 1);       // e + U+0301
    CHECK(display_width("a\xE2\x80\x8B" "b") == 2); // U+200B
    CHECK(display_width("\xEF\xBB\xBFx") == 1);   // BOM
  }
}

TEST_CASE("pad_right")
{
  CHECK(pad_right("ab", 4) == "ab  ");
  CHECK(pad_right("延庆", 6) == "延庆  "); // 4 columns + 2 spaces
  CHECK(pad_right("延庆区", 4) == "延庆区"); // never cut
  CHECK(pad_right("", 2) == "  ");
}

TEST_CASE("trim")
{
  CHECK(trim("  a b \t\r\n") == "a b");
  CHECK(trim("") == "");
  CHECK(trim(" \t ") == "");
  CHECK(trim("　延庆") == "　延庆"); // an ideographic space is not trimmed
}

TEST_CASE("split")
{
  auto v = split("a,b,,c", ',');
  REQUIRE(v.size() == 4);
  CHECK(v[0] == "a");
  CHECK(v[2] == "");
  CHECK(v[3] == "c");
  CHECK(split("", ',').size() == 1);
  CHECK(split("一级->二级", '>').size() == 2);
  auto w = split(",", ',');
  REQUIRE(w.size() == 2);
  CHECK(w[0].empty());
  CHECK(w[1].empty());
}

TEST_CASE("line_starts")
{
  CHECK(line_starts("") == std::vector<size_t>{0});
  CHECK(line_starts("a\nbc\n") == std::vector<size_t>{0, 2, 5});
  CHECK(line_starts("延庆\n区") == std::vector<size_t>{0, 7});
  CHECK(line_starts("a\r\nb") == std::vector<size_t>{0, 3});
}

TEST_CASE("quote")
{
  SUBCASE("plain and Chinese text")
  {
    CHECK(quote("abc") == "\"abc\"");
    CHECK(quote("") == "\"\"");
    CHECK(quote("区城市管理委") == "\"区城市管理委\"");
  }
  SUBCASE("quotes, backslashes and control characters are escaped")
  {
    CHECK(quote("say \"hi\"") == R"("say \"hi\"")");
    CHECK(quote("a\\b") == R"("a\\b")");
    CHECK(quote("a\nb\tc") == R"("a\nb\tc")");
    CHECK(quote("\x01\x1b[31m\x7f") == R"("\x01\x1b[31m\x7f")");
    CHECK(quote("a\0b"s) == R"("a\x00b")");
    CHECK(quote("\r") == R"("\x0d")");
    // C1 controls (a CSI at U+009B) and bidi overrides are shown, never passed through.
    CHECK(quote("a\xc2\x9b" "b") == R"("a\u{9b}b")");
    CHECK(quote("x\xe2\x80\xaey") == R"("x\u{202e}y")");
  }
  SUBCASE("invalid bytes are shown as escapes; a real U+FFFD is kept")
  {
    CHECK(quote("\xD1\xD3") == R"("\xd1\xd3")");
    CHECK(quote("\xEF\xBF\xBD") == "\"\xEF\xBF\xBD\"");
  }
  SUBCASE("long values are cut at max_chars code points")
  {
    CHECK(quote("abcdef", 3) == "\"abc…\" (3 more characters)");
    CHECK(quote("abc", 3) == "\"abc\"");
    CHECK(quote("延庆区儒林街道", 2) == "\"延庆…\" (5 more characters)");
  }
  SUBCASE("a huge string stays short")
  {
    std::string huge(20 * 1024 * 1024, 'x');
    std::string q = quote(huge);
    CHECK(q.size() < 200);
    CHECK(q.starts_with("\"" + std::string(60, 'x') + "…\""));
    CHECK(q.ends_with("(" + std::to_string(huge.size() - 60) + " more characters)"));
  }
  SUBCASE("a huge string of control characters stays short too")
  {
    std::string huge(1 << 20, '\x01');
    std::string q = quote(huge, 10);
    CHECK(q.size() < 100);
    CHECK(q.starts_with("\"\\x01\\x01"));
  }
}

TEST_CASE("terminal_safe")
{
  CHECK(terminal_safe("plain 文字 ok") == "plain 文字 ok");
  CHECK(terminal_safe("\x1b[31mred\x1b[0m") == "\\x1b[31mred\\x1b[0m");
  CHECK(terminal_safe("\x1b]0;title\x07") == "\\x1b]0;title\\x07");
  CHECK(terminal_safe("\xc2\x9b" "2J") == "\\u{9b}2J");
  CHECK(terminal_safe("a\xe2\x81\xa6" "b") == "a\\u{2066}b");
  CHECK(terminal_safe("a\nb\tc\x7f") == "a\\nb\\tc\\x7f");
  CHECK(terminal_safe("bad \xff byte") == "bad \\xff byte");
  CHECK(terminal_safe("back\\slash \"q\"") == "back\\slash \"q\"");
  CHECK(terminal_safe_lines("a\x1b\nb\n") == "a\\x1b\nb\n");
  CHECK(terminal_safe_lines("") == "");
}

TEST_SUITE_END();
