#pragma once

// The one place that calls iconv(3).
#include <string>
#include <string_view>

namespace duty::util {

// A streaming conversion from one character set to another.
class Converter
{
public:
  // Throws IoError when iconv lacks the conversion.
  Converter(const char* to, const char* from);
  ~Converter();
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;

  enum class Result { done, invalid };
  // Converts the bytes of `in` and appends the result to `out`, erasing what
  // was consumed from `in`. A character cut at the end of `in` stays there
  // for the next call unless `at_end`. On `invalid`, `in` starts at the bad bytes.
  Result convert(std::string& in, std::string& out, bool at_end);

private:
  void* m_cd; // iconv_t
};

// Converts all of `text`; throws IoError when iconv lacks the conversion and
// InputError when `text` holds bytes (or characters) the conversion cannot take.
std::string
convert(std::string_view text, const char* to, const char* from);

} // namespace duty::util
