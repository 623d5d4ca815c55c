#pragma once

#include <string>
#include <string_view>

namespace duty::util {

// Appends `s` as one RFC 4180 field: quoted (with doubled quotes) only when it
// holds a comma, a quote or a line break.
void
append_csv_field(std::string& out, std::string_view s);

inline std::string
csv_field(std::string_view s)
{
  std::string out;
  append_csv_field(out, s);
  return out;
}

} // namespace duty::util
