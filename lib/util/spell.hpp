#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace duty::util {

// Levenshtein distance counted in code points, so that one Chinese character
// is one edit.
size_t
edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is close enough to be a plausible
// typo (at most 3 edits and less than half the word), else "". Ties go to
// the candidate that sorts first, so the answer is deterministic.
std::string
suggest(std::string_view word, const std::vector<std::string_view>& candidates);

// "did you mean "x"?" or "" when nothing is close.
std::string
did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates);

// `"a", "b" or "c"` for listing allowed values of a short closed list.
std::string
one_of(const std::vector<std::string_view>& values);

} // namespace duty::util
