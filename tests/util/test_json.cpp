// Tests for output/json: string escaping and the streaming writer.
#include "util/json.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

using namespace duty::util;
using namespace std::string_literals;

namespace {

std::string
js(std::string_view s)
{
  std::string out;
  append_json_string(out, s);
  return out;
}

} // namespace

TEST_SUITE_BEGIN("util");

TEST_CASE("append_json_string")
{
  SUBCASE("plain and Chinese text pass through")
  {
    CHECK(js("") == R"("")");
    CHECK(js("abc") == R"("abc")");
    CHECK(js("延庆区 儒林街道") == "\"延庆区 儒林街道\"");
    CHECK(js("\xF0\x9F\x98\x80") == "\"\xF0\x9F\x98\x80\"");
  }
  SUBCASE("quotes and backslashes")
  {
    CHECK(js("a\"b") == R"("a\"b")");
    CHECK(js("C:\\lists") == R"("C:\\lists")");
    CHECK(js("/") == R"("/")"); // a solidus needs no escape
  }
  SUBCASE("control characters")
  {
    CHECK(js("a\nb") == R"("a\nb")");
    CHECK(js("\r\t") == R"("\r\t")");
    CHECK(js("\x01") == R"("\u0001")");
    CHECK(js("\x1f") == R"("\u001f")");
    CHECK(js("\x1b[0m") == R"("\u001b[0m")");
    CHECK(js("\x7f") == R"("\u007f")");
    CHECK(js("a\0b"s) == R"("a\u0000b")");
  }
  SUBCASE("invalid UTF-8 becomes \\ufffd, one per bad byte")
  {
    CHECK(js("\xFF") == R"("\ufffd")");
    CHECK(js("name: \xD1\xD3") == R"("name: \ufffd\ufffd")"); // GBK 延
    CHECK(js("\xC0\xAF") == R"("\ufffd\ufffd")");             // overlong '/'
    CHECK(js("\xED\xA0\x80") == R"("\ufffd\ufffd\ufffd")");   // surrogate
    CHECK(js("中\xE4\xB8") == "\"中\\ufffd\\ufffd\"");         // truncated at the end
  }
  SUBCASE("a real U+FFFD is kept as it is")
  {
    CHECK(js("\xEF\xBF\xBD") == "\"\xEF\xBF\xBD\"");
  }
  SUBCASE("appends rather than replaces")
  {
    std::string out = "x=";
    append_json_string(out, "y");
    CHECK(out == R"(x="y")");
  }
}

TEST_CASE("JsonWriter")
{
  std::string out;
  JsonWriter w(out);

  SUBCASE("empty containers")
  {
    w.begin_object().end_object();
    CHECK(out == "{}");
  }
  SUBCASE("empty array inside an object")
  {
    w.begin_object().key("a").begin_array().end_array().end_object();
    CHECK(out == R"({"a":[]})");
  }
  SUBCASE("commas between members and elements, none after a key")
  {
    w.begin_object();
    w.key("a").value(1);
    w.key("b").value("x");
    w.key("c").begin_array().value(1).value(2).begin_object().key("d").null().end_object().end_array();
    w.key("e").value(true).key("f").value(false);
    w.end_object();
    CHECK(out == R"({"a":1,"b":"x","c":[1,2,{"d":null}],"e":true,"f":false})");
  }
  SUBCASE("nested arrays")
  {
    w.begin_array().begin_array().end_array().begin_array().value(1).end_array().value(2).end_array();
    CHECK(out == "[[],[1],2]");
  }
  SUBCASE("objects in an array")
  {
    w.begin_array();
    for (int i = 0; i < 3; ++i)
      w.begin_object().key("i").value(i).end_object();
    w.end_array();
    CHECK(out == R"([{"i":0},{"i":1},{"i":2}])");
  }
  SUBCASE("numbers")
  {
    w.begin_array();
    w.value(int64_t{-5}).value(size_t{7}).value(0.5).value(100.0);
    w.value(std::nan("")).value(std::numeric_limits<double>::infinity());
    w.end_array();
    CHECK(out == "[-5,7,0.5,100,null,null]");
  }
  SUBCASE("keys are escaped")
  {
    w.begin_object().key("a\"b\n").value("v").key("主办").value("区城市管理委").end_object();
    CHECK(out == "{\"a\\\"b\\n\":\"v\",\"主办\":\"区城市管理委\"}");
  }
  SUBCASE("raw values take part in comma handling")
  {
    w.begin_object().key("a").raw("[1,2]").key("b").raw("{}").end_object();
    CHECK(out == R"({"a":[1,2],"b":{}})");
    std::string arr;
    JsonWriter v(arr);
    v.begin_array().raw("1").raw("2").end_array();
    CHECK(arr == "[1,2]");
  }
  SUBCASE("const char* values are strings, not bools")
  {
    w.begin_array().value("true").end_array();
    CHECK(out == R"(["true"])");
  }
}

TEST_SUITE_END();
