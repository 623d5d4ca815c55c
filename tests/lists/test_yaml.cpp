// Tests for lists/yaml: the located YAML reader and its safety limits.
#include "lists/yaml.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using namespace duty::lists;

namespace {

bool
has_problem(const YamlDoc& doc, std::string_view rule)
{
  for (const auto& p : doc.problems)
    if (p.rule == rule)
      return true;
  return false;
}

} // namespace

TEST_SUITE_BEGIN("lists");

TEST_CASE("parse_yaml")
{
  SUBCASE("marks are 1-based lines and byte columns")
  {
    YamlDoc doc = parse_yaml("kind: units\nitems:\n  - id: a\n    名称: 延庆\n");
    CHECK(doc.problems.empty());
    REQUIRE(doc.root);
    const YNode& root = *doc.root;
    CHECK(root.is_map());
    CHECK(root.line == 1);
    CHECK(root.col == 1);
    REQUIRE(root.map_size() == 2);
    CHECK(root.key(0).text == "kind");
    CHECK(root.key(0).line == 1);
    CHECK(root.key(0).col == 1);
    CHECK(root.value(0).text == "units");
    CHECK(root.value(0).col == 7);
    const YNode* items = root.find("items");
    REQUIRE(items);
    REQUIRE(items->is_seq());
    REQUIRE(items->children.size() == 1);
    const YNode& item = items->children[0];
    CHECK(item.is_map());
    CHECK(item.line == 3);
    CHECK(item.col == 5);
    REQUIRE(item.map_size() == 2);
    CHECK(item.key(1).text == "名称");
    CHECK(item.key(1).line == 4);
    CHECK(item.key(1).col == 5);
    // "    名称: " is 4 + 6 + 2 bytes: the value starts at byte column 13.
    CHECK(item.value(1).text == "延庆");
    CHECK(item.value(1).col == 13);
  }
  SUBCASE("flow collections")
  {
    YamlDoc doc = parse_yaml("a: [x, 'y', {b: c}]\n");
    REQUIRE(doc.root);
    const YNode* a = doc.root->find("a");
    REQUIRE(a);
    REQUIRE(a->children.size() == 3);
    CHECK(a->line == 1);
    CHECK(a->col == 4);
    CHECK(a->children[1].text == "y");
    CHECK(a->children[1].col == 8);
    CHECK(a->children[2].is_map());
    CHECK(a->children[2].find("b")->text == "c");
  }
  SUBCASE("quoted, block and plain scalars")
  {
    YamlDoc doc = parse_yaml("a: \"1\"\nb: 1\nc: 'x'\nd: |\n  text\ne: >\n  folded\nf: plain text\n");
    REQUIRE(doc.root);
    const YNode& r = *doc.root;
    CHECK(r.find("a")->quoted);
    CHECK(r.find("a")->text == "1");
    CHECK_FALSE(r.find("b")->quoted);
    CHECK(r.find("c")->quoted);
    CHECK(r.find("d")->quoted);
    CHECK(r.find("d")->text == "text\n");
    CHECK(r.find("e")->quoted);
    CHECK_FALSE(r.find("f")->quoted);
    CHECK(r.find("f")->text == "plain text");
  }
  SUBCASE("empty values and nulls")
  {
    YamlDoc doc = parse_yaml("a:\nb: ~\nc: null\nd: ''\n");
    REQUIRE(doc.root);
    const YNode& r = *doc.root;
    CHECK(r.find("a")->kind == YNode::Kind::null);
    CHECK(r.find("b")->kind == YNode::Kind::null);
    CHECK(r.find("c")->kind == YNode::Kind::null);
    CHECK(r.find("d")->is_scalar());
    CHECK(r.find("d")->text.empty());
    CHECK(r.find("zz") == nullptr);
    CHECK(std::string(r.kind_name()) == "a mapping");
    CHECK(std::string(r.find("a")->kind_name()) == "an empty value");
  }
  SUBCASE("duplicate keys are reported with both positions")
  {
    YamlDoc doc = parse_yaml("a: 1\nb: 2\na: 3\n");
    REQUIRE(doc.problems.size() == 1);
    const YamlProblem& p = doc.problems[0];
    CHECK(p.rule == "duplicate-key");
    CHECK(p.line == 3);
    CHECK(p.col == 1);
    CHECK(p.related_line == 1);
    CHECK(p.related_col == 1);
    CHECK(p.message.find("\"a\"") != std::string::npos);
    // Both pairs are kept; lookup finds the first.
    REQUIRE(doc.root);
    CHECK(doc.root->map_size() == 3);
    CHECK(doc.root->find("a")->text == "1");
  }
  SUBCASE("duplicate keys in a nested and in a large mapping")
  {
    std::string text = "items:\n  - id: x\n    name: a\n    name: b\nbig:\n";
    for (int i = 0; i < 30; ++i)
      text += "  k" + std::to_string(i) + ": v\n";
    text += "  k7: again\n";
    YamlDoc doc = parse_yaml(text);
    REQUIRE(doc.problems.size() == 2);
    CHECK(doc.problems[0].rule == "duplicate-key");
    CHECK(doc.problems[0].line == 4);
    CHECK(doc.problems[0].col == 5);
    CHECK(doc.problems[0].related_line == 3);
    CHECK(doc.problems[0].related_col == 5);
    CHECK(doc.problems[1].line == 36);
    CHECK(doc.problems[1].related_line == 13);
  }
  SUBCASE("the same key in different mappings is fine")
  {
    YamlDoc doc = parse_yaml("- id: a\n- id: b\n");
    CHECK(doc.problems.empty());
  }
  SUBCASE("an alias copies the anchored node and takes the alias site's position")
  {
    YamlDoc doc = parse_yaml("a: &x {k: v}\nb: *x\n");
    CHECK(doc.problems.empty());
    REQUIRE(doc.root);
    const YNode* b = doc.root->find("b");
    REQUIRE(b);
    CHECK(b->is_map());
    CHECK(b->find("k")->text == "v");
    CHECK(b->line == 2);
    CHECK(b->col == 4);
  }
  SUBCASE("an alias cycle is an alias problem")
  {
    YamlDoc doc = parse_yaml("a: &x [1, *x]\n");
    CHECK_FALSE(doc.root);
    REQUIRE(doc.problems.size() == 1);
    CHECK(doc.problems[0].rule == "alias");
    CHECK(doc.problems[0].line == 1);
    CHECK(doc.problems[0].col == 11);
  }
  SUBCASE("an alias bomb stops quickly")
  {
    std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n";
    for (int level = 1; level <= 9; ++level) {
      std::string prev = "*a" + std::to_string(level - 1);
      text += "a" + std::to_string(level) + ": &a" + std::to_string(level) + " [";
      for (int k = 0; k < 9; ++k)
        text += (k ? ", " : "") + prev;
      text += "]\n";
    }
    auto start = std::chrono::steady_clock::now();
    YamlDoc doc = parse_yaml(text);
    auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK_FALSE(doc.root);
    REQUIRE(doc.problems.size() == 1);
    CHECK(doc.problems[0].rule == "alias");
    CHECK(doc.problems[0].message.find("alias bomb") != std::string::npos);
    CHECK(elapsed < std::chrono::seconds(2));
  }
  SUBCASE("the alias budget is a parameter")
  {
    std::string text = "a: &a [1, 2, 3]\nb: [*a, *a]\n";
    CHECK(parse_yaml(text).problems.empty());
    CHECK(has_problem(parse_yaml(text, 5), "alias"));
  }
  SUBCASE("an unknown anchor")
  {
    YamlDoc doc = parse_yaml("a: *nowhere\n");
    CHECK_FALSE(doc.root);
    CHECK_FALSE(doc.problems.empty());
  }
  SUBCASE("100000 nested brackets are a syntax problem, not a crash")
  {
    std::string text(100000, '[');
    YamlDoc doc = parse_yaml(text);
    CHECK_FALSE(doc.root);
    REQUIRE(doc.problems.size() == 1);
    CHECK(doc.problems[0].rule == "syntax");
    CHECK(doc.problems[0].line == 1);
  }
  SUBCASE("deep block nesting is bounded too")
  {
    std::string text;
    for (int i = 0; i < 2000; ++i)
      text += std::string(static_cast<size_t>(i), ' ') + "- \n";
    YamlDoc doc = parse_yaml(text);
    CHECK_FALSE(doc.root);
    CHECK(has_problem(doc, "syntax"));
  }
  SUBCASE("a syntax error carries its position")
  {
    YamlDoc doc = parse_yaml("kind: units\nitems: [a, b\n");
    CHECK_FALSE(doc.root);
    REQUIRE(doc.problems.size() == 1);
    CHECK(doc.problems[0].rule == "syntax");
    CHECK(doc.problems[0].line >= 2);
    CHECK_FALSE(doc.problems[0].message.empty());
  }
  SUBCASE("a second document is a problem")
  {
    YamlDoc doc = parse_yaml("kind: units\n---\nkind: tasks\n");
    REQUIRE(doc.root);
    REQUIRE(doc.problems.size() == 1);
    CHECK(doc.problems[0].rule == "syntax");
    CHECK(doc.problems[0].line == 2);
    CHECK(doc.problems[0].message.find("second") != std::string::npos);
  }
  SUBCASE("a leading --- and a closing ... are one document")
  {
    YamlDoc doc = parse_yaml("---\nkind: units\n...\n");
    REQUIRE(doc.root);
    CHECK(doc.problems.empty());
  }
  SUBCASE("empty text has no root and no problems")
  {
    for (const char* text : {"", "\n\n", "# only a comment\n"}) {
      YamlDoc doc = parse_yaml(text);
      CHECK_FALSE(doc.root);
      CHECK(doc.problems.empty());
    }
  }
  SUBCASE("a scalar document")
  {
    YamlDoc doc = parse_yaml("just text\n");
    REQUIRE(doc.root);
    CHECK(doc.root->is_scalar());
    CHECK(doc.root->text == "just text");
  }
}

TEST_SUITE_END();
