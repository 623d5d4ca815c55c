#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace duty::util {

// Appends `s` as a JSON string literal (quotes included). Invalid UTF-8
// bytes become U+FFFD so the output is always valid JSON.
void
append_json_string(std::string& out, std::string_view s);

// A small streaming JSON writer: keys in the order written; compact, or
// pretty-printed with `indent` spaces per level.
class JsonWriter
{
public:
  explicit JsonWriter(std::string& out, int indent = 0) : m_out(out), m_indent(indent) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view v);
  JsonWriter& value(const char* v) { return value(std::string_view(v)); }
  JsonWriter& value(int64_t v);
  JsonWriter& value(int v) { return value(static_cast<int64_t>(v)); }
  JsonWriter& value(size_t v) { return value(static_cast<int64_t>(v)); }
  JsonWriter& value(double v);
  JsonWriter& value(bool v);
  JsonWriter& null();
  // Writes already-encoded JSON as the next value.
  JsonWriter& raw(std::string_view json);

private:
  void comma();
  void newline(size_t depth);
  void close(char c);
  std::string& m_out;
  int m_indent = 0;
  std::vector<bool> m_first; // one entry per open container
  bool m_after_key = false;
};

} // namespace duty::util
