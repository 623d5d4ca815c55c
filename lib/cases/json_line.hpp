#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace duty::cases {

// Parses one JSON object (a JSON Lines record). Strings are unescaped; numbers
// and booleans keep their text; null becomes an absent key; arrays and
// objects are kept as compact JSON text. Returns an error message, or "" on success.
std::string
parse_json_object(std::string_view text, std::vector<std::pair<std::string, std::string>>& out);

} // namespace duty::cases
