#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace duty::lists {

// One replacement of the bytes [begin, end) of a text.
struct TextEdit
{
  size_t begin = 0, end = 0;
  std::string text;
};

// Maps byte offsets of an edited text back to the original, so that a parser
// reading the edited text still reports the original file's lines and columns.
class OffsetMap
{
public:
  // Offset in the original text of byte `edited` of the edited text. Bytes
  // inside a replacement map to the start of the bytes it replaced.
  size_t original(size_t edited) const;

private:
  friend std::string apply_edits(std::string_view, const std::vector<TextEdit>&, OffsetMap&);
  struct Span
  {
    size_t edited, original;
    bool copied; // bytes copied unchanged (else replacement text)
  };
  std::vector<Span> m_spans; // sorted by `edited`
};

// Applies `edits` (sorted by begin, not overlapping) to `text`.
std::string apply_edits(std::string_view text, const std::vector<TextEdit>& edits, OffsetMap& map);

// The value of a flow scalar as written, on one line, as a double-quoted YAML
// scalar with the same value: line breaks are folded as YAML folds them,
// escapes of a double-quoted original are kept. `raw` includes the quotes of
// a quoted scalar; `style` is '"', '\'' or 0 for a plain scalar.
std::string requote_flow_scalar(std::string_view raw, char style);

} // namespace duty::lists
