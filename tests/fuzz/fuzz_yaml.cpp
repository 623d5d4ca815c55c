// libFuzzer target: the YAML layer of the list loader alone (lists/yaml.hpp,
// lists/yaml_syntax.hpp), fast enough to explore the syntax checker deeply.
// Invariants: parse_yaml never throws; every problem lies inside the text;
// the checker's edits are sorted, disjoint and inside the text, and the edited
// text is one the checker accepts as it is (valid, nothing left to edit);
// parsing is deterministic.
#include "fuzz/invariant.hpp"
#include "lists/yaml.hpp"
#include "lists/yaml_edit.hpp"
#include "lists/yaml_syntax.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

using namespace duty::lists;
using duty::fuzz::require;

namespace {

std::string
describe(const YamlDoc& doc)
{
  std::string out = doc.root ? "root " + std::string(doc.root->kind_name()) : "no root";
  for (const auto& p : doc.problems)
    out += "|" + std::to_string(p.line) + ":" + std::to_string(p.col) + " " + p.rule + " " + p.message;
  return out;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  if (size > 65536)
    return 0;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t lines = static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1;

  YamlDoc doc = parse_yaml(text);
  for (const auto& p : doc.problems) {
    require(p.line >= 1 && p.line <= lines, "a problem beyond the text: line " + std::to_string(p.line));
    require(p.col >= 1, "a problem without a column");
    require(!p.message.empty() && !p.rule.empty(), "a problem without rule or message");
  }
  require(describe(parse_yaml(text)) == describe(doc), "parse_yaml is not deterministic");

  SyntaxCheck check = check_yaml_syntax(text);
  size_t end = 0;
  for (const auto& e : check.edits) {
    require(e.begin >= end && e.begin <= e.end && e.end <= text.size(), "edits overlap or leave the text");
    end = e.end;
  }
  if (check.problem || check.edits.empty())
    return 0;
  OffsetMap map;
  std::string edited = apply_edits(text, check.edits, map);
  SyntaxCheck again = check_yaml_syntax(edited);
  require(!again.problem,
          "the edited text is invalid: " + (again.problem ? again.problem->message : "") + "\n" + edited);
  require(again.edits.empty(), "the edited text needs edits again:\n" + edited);
  for (size_t i = 0; i <= edited.size(); i += 1 + edited.size() / 64)
    require(map.original(i) <= text.size(), "the offset map leaves the original text");
  return 0;
}
