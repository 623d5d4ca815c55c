#pragma once

#include "lists/yaml.hpp"
#include "lists/yaml_edit.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace duty::lists {

struct SyntaxCheck
{
  // The first place where the text breaks the YAML 1.2 grammar in a way that
  // yaml-cpp lets pass (an unterminated quote, text glued to a closing quote,
  // a line without its ':', an empty flow entry, a tab used as indentation…).
  std::optional<YamlProblem> problem;
  // Edits that keep the document's meaning but avoid constructs yaml-cpp
  // cannot read although YAML allows them (a flow-mapping key spread over
  // lines, '?' inside a flow scalar, a top-level block scalar at column 1,
  // a blank line holding a tab). Sorted, not overlapping.
  std::vector<TextEdit> edits;
  // False when the checker stopped at a construct it does not model.
  bool complete = false;
};

// Scans `text` (valid UTF-8) once, tracking just enough of YAML's structure —
// block indentation, flow nesting, scalar extents — to catch what yaml-cpp
// accepts but the YAML specification rejects. Where it meets a construct it
// does not model it stops without a verdict, leaving yaml-cpp to judge.
SyntaxCheck check_yaml_syntax(std::string_view text);

} // namespace duty::lists
