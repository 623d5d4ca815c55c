#include "util/iconv.hpp"

#include "util/error.hpp"

#include <cerrno>
#include <cstring>
#include <iconv.h>

namespace duty::util {

Converter::Converter(const char* to, const char* from)
{
  iconv_t cd = iconv_open(to, from);
  if (cd == reinterpret_cast<iconv_t>(-1))
    throw IoError(std::string("iconv cannot convert from ") + from + " to " + to + ": "
                  + std::strerror(errno));
  m_cd = cd;
}

Converter::~Converter()
{
  iconv_close(static_cast<iconv_t>(m_cd));
}

Converter::Result
Converter::convert(std::string& in, std::string& out, bool at_end)
{
  auto cd = static_cast<iconv_t>(m_cd);
  char* src = in.data();
  size_t left = in.size();
  Result result = Result::done;
  while (left > 0) {
    size_t pos = out.size();
    out.resize(pos + left * 2 + 16);
    char* o = out.data() + pos;
    size_t o_left = out.size() - pos;
    size_t r = iconv(cd, &src, &left, &o, &o_left);
    out.resize(out.size() - o_left);
    if (r != size_t(-1) || errno == E2BIG)
      continue;
    if (errno == EINVAL && !at_end)
      break; // a character cut at the end: finish it with the next piece
    result = Result::invalid;
    break;
  }
  in.erase(0, in.size() - left);
  return result;
}

std::string
convert(std::string_view text, const char* to, const char* from)
{
  Converter c(to, from);
  std::string in(text), out;
  if (c.convert(in, out, true) == Converter::Result::invalid)
    throw InputError(std::string("text that ") + to + " cannot hold");
  return out;
}

} // namespace duty::util
