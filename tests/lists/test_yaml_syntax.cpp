// Tests for lists/yaml_syntax: what the YAML specification rejects and
// yaml-cpp accepts is rejected, located and worded; what the specification
// accepts and yaml-cpp cannot read is read, with the original positions.
#include "lists/yaml.hpp"
#include "lists/yaml_edit.hpp"
#include "lists/yaml_syntax.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using namespace duty::lists;

namespace {

struct Bad
{
  const char* text;
  uint32_t line, col;
  const char* says;
};

void
check_rejected(const Bad& c)
{
  INFO("input: ", std::string(c.text));
  YamlDoc doc = parse_yaml(c.text);
  CHECK_FALSE(doc.root);
  REQUIRE(doc.problems.size() == 1);
  const YamlProblem& p = doc.problems[0];
  INFO("message: ", p.message);
  CHECK(p.rule == "syntax");
  CHECK(p.line == c.line);
  CHECK(p.col == c.col);
  CHECK(p.message.find(c.says) != std::string::npos);
}

// Parses `text`, which must be valid, and returns its root.
YNode
read(const std::string& text)
{
  INFO("input: ", text);
  YamlDoc doc = parse_yaml(text);
  std::string all;
  for (const auto& p : doc.problems)
    all += std::to_string(p.line) + ":" + std::to_string(p.col) + " " + p.message + "; ";
  INFO("problems: ", all);
  REQUIRE(doc.problems.empty());
  REQUIRE(doc.root);
  return *doc.root;
}

} // namespace

TEST_SUITE_BEGIN("lists");

TEST_CASE("YAML the specification rejects is rejected, where it goes wrong")
{
  SUBCASE("an unterminated quote, at the end of the file or before a less indented line")
  {
    for (const Bad& c : {
             Bad{"kind: units\nitems:\n  - id: u1\n    name: \"区A", 4, 11, "unterminated double-quoted"},
             Bad{"a: 'it''s", 1, 4, "unterminated single-quoted"},
             Bad{"items:\n  - name: \"x\n    type: street\n", 2, 11, "not closed on its line"},
             Bad{"a: \"x\n---\nb: 1\n", 1, 4, "before the document marker"},
             Bad{"- [\"a, b]\n", 1, 4, "unterminated double-quoted"},
         })
      check_rejected(c);
  }
  SUBCASE("text glued to a closing quote")
  {
    for (const Bad& c : {
             Bad{"key: \"value\"# comment\n", 1, 13, "needs white space before '#'"},
             Bad{"key: 'value'#\n", 1, 13, "needs white space before '#'"},
             Bad{"key: \"a\"b\n", 1, 9, "text right after the closing quote"},
             Bad{"k: [\"a\"b]\n", 1, 8, "text right after the closing quote"},
             Bad{"key: \"a\" b\n", 1, 10, "unexpected text after the closing quote"},
         })
      check_rejected(c);
  }
  SUBCASE("a line without its colon")
  {
    for (const Bad& c : {
             Bad{"a: 1\nb\nc: 2\n", 2, 1, "missing ':'"},
             Bad{"items:\n  - id: u1\n    name\n", 3, 5, "missing ':'"},
             Bad{"a:\n  - x\nb \"q\"\n", 3, 1, "missing ':'"},
             Bad{"a:\n  b: 1\n  &x\n", 3, 3, "anchor or tag"},
         })
      check_rejected(c);
  }
  SUBCASE("empty entries in flow collections")
  {
    for (const Bad& c : {
             Bad{"a: [ , x]\n", 1, 6, "empty entry in a flow sequence"},
             Bad{"a: [x, , y]\n", 1, 8, "empty entry"},
             Bad{"a: [x,,]\n", 1, 7, "empty entry"},
             Bad{"a: {b: 1, , c: 2}\n", 1, 11, "empty entry in a flow mapping"},
             Bad{"a: [\n  x,\n  ,\n]\n", 3, 3, "empty entry"},
         })
      check_rejected(c);
  }
  SUBCASE("tabs that indent")
  {
    for (const Bad& c : {
             Bad{"a:\n\tb: 1\n", 2, 1, "tab character in indentation"},
             Bad{"a:\n  b: 1\n  \tc: 2\n", 3, 3, "tab character in indentation"},
             Bad{"-\t- x\n", 1, 2, "tab character before a nested entry"},
             Bad{"a: \"x\n\ty\"\n", 2, 1, "tab character in indentation"},
             Bad{"a: [x,\n\ty]\n", 2, 1, "tab character in indentation"},
         })
      check_rejected(c);
  }
  SUBCASE("indentation that matches nothing, and content after a complete value")
  {
    for (const Bad& c : {
             Bad{"a:\n    b: 1\n  c: 2\n", 3, 3, "matches no enclosing mapping"},
             Bad{"a: \"x\"\n  b: 1\n", 2, 3, "value is complete"},
             Bad{"a: x\n  b: 1\n", 2, 4, "continues the value that starts on line 1"},
             Bad{"- a\nb: 1\n", 2, 1, "expected a list entry \"- \""},
             Bad{"- a\n- b\n  c: 1\n", 3, 4, "continues the value"},
             Bad{"a: 1\n- b\n", 2, 1, "list entry \"- \" at the indentation of a mapping's keys"},
             Bad{"\"a\"\n\"b\"\n", 2, 1, "content after the document's top-level value"},
         })
      check_rejected(c);
  }
  SUBCASE("flow collections")
  {
    for (const Bad& c : {
             Bad{"a: [x, - y]\n", 1, 8, "lone '-'"},
             Bad{"a: [x, [y] z]\n", 1, 12, "missing ','"},
             Bad{"a: [x}\n", 1, 6, "does not close the '['"},
             Bad{"a: [x, y\nb: 1\n", 2, 1, "must be indented more"},
             Bad{"a: [x, y]#c\n", 1, 10, "white space before '#'"},
             Bad{"a: [x,#c\n  y]\n", 1, 7, "white space before '#'"},
             Bad{"a: [\"x\" y]\n", 1, 9, "missing ','"},
             Bad{"a: [|]\n", 1, 5, "block scalar"},
             Bad{"[a\n  : b]\n", 1, 2, "inside a flow sequence must be on one line"},
         })
      check_rejected(c);
  }
  SUBCASE("scalars and their indicators")
  {
    for (const Bad& c : {
             Bad{"a: \"it\\'s\"\n", 1, 7, "invalid escape \"\\'\""},
             Bad{"a: \"\\x4\"\n", 1, 5, "needs 2 hexadecimal digits"},
             Bad{"a: >#c\n  x\n", 1, 5, "white space before '#'"},
             Bad{"a: | x\n", 1, 6, "unexpected text after a block scalar indicator"},
             Bad{"a: |\n   \n  x\n", 2, 1, "leading empty line"},
             Bad{"a: @x\n", 1, 4, "'@' cannot start a plain value"},
             Bad{"a: 1\n@b: 2\n", 2, 1, "'@' cannot start a plain key"},
             Bad{"a: !x{} y\n", 1, 6, "cannot appear in a tag"},
             Bad{"a: \x1b[31m\n", 1, 4, "control character U+001B"},
             Bad{"a: x\xC2\x9B\n", 1, 5, "control character U+009B"},
         })
      check_rejected(c);
  }
  SUBCASE("documents and directives")
  {
    for (const Bad& c : {
             Bad{"%YAML 1.2\n", 1, 1, "directive must be followed by a document"},
             Bad{"%YAML 1.2\n...\n", 1, 1, "directive must be followed"},
             Bad{"a: 1\n%YAML 1.2\n---\n", 2, 1, "directive inside a document"},
             Bad{"--- a: 1\n", 1, 5, "cannot start on the \"---\" line"},
             Bad{"a: 1\n... x\n", 2, 5, "after the document end marker"},
         })
      check_rejected(c);
  }
}

TEST_CASE("YAML the specification accepts is read, even where yaml-cpp cannot")
{
  SUBCASE("tabs that do not indent")
  {
    YNode r = read("a: \"one\n  \ttwo\"\nb: 'x\n \t y'\nc: plain\n  \tmore\nd: |\n  text\n  \ttabbed\n"
                   "e:\n \tf\n \t{}\n");
    CHECK(r.find("a")->text == "one two");
    CHECK(r.find("b")->text == "x y");
    CHECK(r.find("c")->text == "plain more");
    CHECK(r.find("d")->text == "text\n\ttabbed\n");
    CHECK(r.find("e")->text == "f {}");
    CHECK(read("\t{a: 1}\n").find("a")->text == "1");
    CHECK(read("\"x\n\ty\"\n").text == "x y");
    CHECK(read("- \"x\n \ty\"\n").children[0].text == "x y");
  }
  SUBCASE("a blank line holding a tab")
  {
    YNode r = read("a: 1\n\t\nb: 2\n \t \nc: 3\n");
    CHECK(r.map_size() == 3);
    CHECK(r.find("c")->line == 5);
  }
  SUBCASE("a top-level block scalar at column 1")
  {
    YNode r = read("--- >\nline1\n# not a comment\n\nline3\n");
    CHECK(r.text == "line1 # not a comment\nline3\n");
    CHECK(read("--- |\nliteral\n  indented\n").text == "literal\n  indented\n");
  }
  SUBCASE("flow-mapping keys over several lines keep their values and positions")
  {
    YNode r = read("m: {\"foo\"\n  : bar, multi\n  line: x, one\n  two, 'q\n\n  r': y}\n");
    const YNode* m = r.find("m");
    REQUIRE(m);
    REQUIRE(m->map_size() == 4);
    CHECK(m->key(0).text == "foo");
    CHECK(m->value(0).text == "bar");
    CHECK(m->value(0).line == 2);
    CHECK(m->value(0).col == 5);
    CHECK(m->key(1).text == "multi line");
    CHECK(m->key(1).line == 2);
    CHECK(m->key(1).col == 10);
    CHECK(m->value(1).text == "x");
    CHECK(m->value(1).line == 3);
    CHECK(m->value(1).col == 9);
    CHECK(m->key(2).text == "one two");
    CHECK(m->value(2).kind == YNode::Kind::null);
    CHECK(m->key(3).text == "q\nr");
    CHECK(m->value(3).text == "y");
    CHECK(m->value(3).line == 6);
    CHECK(read("{ \"a\" # c\n  :b }\n").find("a")->text == "b");
  }
  SUBCASE("'?' inside flow scalars")
  {
    YNode r = read("a: [x?y, what ? now, ?z]\nb: {k?: v?}\nc: x?y\n");
    const YNode* a = r.find("a");
    REQUIRE(a);
    REQUIRE(a->children.size() == 3);
    CHECK(a->children[0].text == "x?y");
    CHECK(a->children[1].text == "what ? now");
    CHECK(a->children[2].text == "?z");
    CHECK(a->children[2].col == 22);
    CHECK(r.find("b")->find("k?")->text == "v?");
    CHECK(r.find("c")->text == "x?y");
  }
  SUBCASE("empty keys with properties, and aliases whose names hold ':'")
  {
    YNode r = read("- !!str : a\n- &x: b\n- *x:\n");
    CHECK(r.children.size() == 3);
    CHECK(r.children[0].map_size() == 1);
  }
  SUBCASE("valid constructs the checker must not mistake")
  {
    read("a: b#c\nd: 'e''f'\ng: \"h\\\"i\\\n  j\"\nk: x:y\nl: -1\nm: [a, b, ]\nn: {a: 1, }\n");
    read("key:\n- a\n- b\nother: 1\n");
    read("? a\n: b\n? - c\n  - d\n: e\n");
    read("a: |-\n  x\n\n  y\n# trailing comment\nb: >+\n\n  z\n");
    read("a:\n  # a comment\n  b\n");
    read("top: &t\n  k: v\nuse: *t\n");
    read("- - a\n  - b\n- c: d\n  e: f\n");
    read("%YAML 1.2\n---\na: 1\n...\n");
    read("a: \"x\"\n# c\nb: 1\n");
    read("a: [1,\n  2]\nb: {c: 1,\n  d: 2}\n");
    read("a: plain\n  continued\n\n  after a blank\n");
    read("a: \"\\x41\\u00e9\\U0001F600\\t\\n\"\n");
    read("a: 'x' # c\nb: [ \"y\" , z ]\n");
    read("\xEF\xBB\xBF"
         "a: 1\n"); // a byte-order mark is not content
    read("a: x\r\nb: \"y\r\n  z\"\r\n");
  }
}

TEST_CASE("anchors share their subtree; aliases are bounded in nodes and bytes")
{
  SUBCASE("an alias shares the anchored collection instead of copying it")
  {
    YNode r = read("a: &x [1, 2, {k: v}]\nb: *x\nc: *x\n");
    CHECK(r.find("a")->children.begin() == r.find("b")->children.begin());
    CHECK(r.find("c")->children.begin() == r.find("a")->children.begin());
    CHECK(r.find("c")->line == 3);
    CHECK(r.find("c")->col == 4);
  }
  SUBCASE("nested anchors cost time and memory in proportion to the file")
  {
    // 400 nested anchored lists, each with a 20 KB scalar: 8 MB of text.
    // Copying each anchor's subtree when it is defined would copy 1.6 GB.
    std::string big(20000, 'x');
    std::string text = "a:\n";
    for (int d = 0; d < 400; ++d)
      text += std::string(2 * d + 2, ' ') + "- &a" + std::to_string(d) + "\n" + std::string(2 * d + 4, ' ') +
              "- " + big + "\n";
    auto start = std::chrono::steady_clock::now();
    YamlDoc doc = parse_yaml(text);
    CHECK(doc.problems.empty());
    CHECK(doc.root);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
  }
  SUBCASE("aliases of large text stop at the byte budget")
  {
    std::string text = "s: &s " + std::string(1 << 20, 'x') + "\nl1: &l1 [";
    for (int i = 0; i < 10; ++i)
      text += i ? ", *s" : "*s";
    text += "]\nl2: &l2 [";
    for (int i = 0; i < 10; ++i)
      text += i ? ", *l1" : "*l1";
    text += "]\nl3: [";
    for (int i = 0; i < 10; ++i)
      text += i ? ", *l2" : "*l2";
    text += "]\n";
    YamlDoc doc = parse_yaml(text);
    CHECK_FALSE(doc.root);
    REQUIRE(doc.problems.size() == 1);
    CHECK(doc.problems[0].rule == "alias");
    CHECK(doc.problems[0].message.find("bytes of text") != std::string::npos);
    CHECK(doc.problems[0].line == 3);
  }
}

TEST_CASE("requote_flow_scalar and OffsetMap")
{
  CHECK(requote_flow_scalar("multi\n  line", 0) == "\"multi line\"");
  CHECK(requote_flow_scalar("a\n\n  b", 0) == "\"a\\nb\"");
  CHECK(requote_flow_scalar("say \"x\\y\"?", 0) == "\"say \\\"x\\\\y\\\"?\"");
  CHECK(requote_flow_scalar("'it''s\n  here'", '\'') == "\"it's here\"");
  CHECK(requote_flow_scalar("\"a \\\n   b\"", '"') == "\"a b\"");
  CHECK(requote_flow_scalar("\"a\\ \n b\"", '"') == "\"a\\  b\"");
  CHECK(requote_flow_scalar("\"a\n\"", '"') == "\"a \"");

  OffsetMap map;
  std::string out = apply_edits("abcdef", {TextEdit{1, 3, "XYZW"}, TextEdit{4, 4, "-"}}, map);
  CHECK(out == "aXYZWd-ef");
  CHECK(map.original(0) == 0);
  CHECK(map.original(1) == 1);
  CHECK(map.original(4) == 1);
  CHECK(map.original(5) == 3);
  CHECK(map.original(6) == 4);
  CHECK(map.original(7) == 4);
  CHECK(map.original(8) == 5);
}

TEST_CASE("check_yaml_syntax reports completeness and edits")
{
  SyntaxCheck plain = check_yaml_syntax("a: 1\n");
  CHECK(plain.complete);
  CHECK_FALSE(plain.problem);
  CHECK(plain.edits.empty());
  SyntaxCheck edited = check_yaml_syntax("a: [x?]\n");
  CHECK(edited.complete);
  REQUIRE(edited.edits.size() == 1);
  CHECK(edited.edits[0].text == "\"x?\"");
}

TEST_SUITE_END();
