#include "util/csv.hpp"

namespace duty::util {

void
append_csv_field(std::string& out, std::string_view s)
{
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += s;
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"')
      out += '"';
    out += c;
  }
  out += '"';
}

} // namespace duty::util
