#include "cases/stream.hpp"

#include "util/error.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <iconv.h>
#include <unistd.h>

namespace duty::cases {

namespace {

constexpr size_t kChunk = 1 << 20;

std::string
lower(std::string_view s)
{
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z')
      c = char(c - 'A' + 'a');
  return out;
}

// Length of a trailing UTF-8 sequence that is cut off at the end of `s`, or 0.
size_t
cut_tail(std::string_view s)
{
  size_t n = s.size();
  for (size_t back = 1; back <= 3 && back <= n; ++back) {
    auto c = static_cast<unsigned char>(s[n - back]);
    if ((c & 0xC0) == 0x80)
      continue;
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return len > back ? back : 0;
  }
  return 0;
}

} // namespace

std::optional<Encoding>
parse_encoding(std::string_view name)
{
  std::string n = lower(name);
  if (n == "auto" || n.empty())
    return Encoding::detect;
  if (n == "utf-8" || n == "utf8")
    return Encoding::utf8;
  if (n == "gbk" || n == "gb2312" || n == "gb18030" || n == "cp936")
    return Encoding::gb18030;
  if (n == "utf-16le" || n == "utf16le" || n == "utf-16")
    return Encoding::utf16le;
  return std::nullopt;
}

std::string_view
encoding_name(Encoding e)
{
  switch (e) {
  case Encoding::detect: return "auto";
  case Encoding::utf8: return "utf-8";
  case Encoding::gb18030: return "gb18030";
  case Encoding::utf16le: return "utf-16le";
  }
  return "?";
}

TextStream::TextStream(const std::string& path, Encoding encoding)
  : m_path(path == "-" ? "<stdin>" : path), m_encoding(encoding)
{
  m_fd = path == "-" ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (m_fd < 0)
    throw UsageError(path + ": " + std::strerror(errno));
}

TextStream::~TextStream()
{
  if (m_iconv)
    iconv_close(static_cast<iconv_t>(m_iconv));
  if (m_fd > 0)
    ::close(m_fd);
}

bool
TextStream::fill_raw()
{
  if (m_eof)
    return false;
  size_t old = m_raw.size();
  m_raw.resize(old + kChunk);
  ssize_t n;
  do {
    n = ::read(m_fd, m_raw.data() + old, kChunk);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    m_raw.resize(old);
    throw UsageError(m_path + ": " + std::strerror(errno));
  }
  m_raw.resize(old + size_t(n));
  m_sha.update(std::string_view(m_raw).substr(old));
  if (n == 0)
    m_eof = true;
  return n > 0;
}

void
TextStream::detect()
{
  // Look at up to 64 KiB so a short ASCII header does not decide alone.
  while (!m_eof && m_raw.size() < 65536)
    fill_raw();
  std::string_view s(m_raw);
  if (s.starts_with("\xEF\xBB\xBF")) {
    m_raw.erase(0, 3);
    if (m_encoding == Encoding::detect)
      m_encoding = Encoding::utf8;
  } else if (s.starts_with("\xFF\xFE")) {
    m_raw.erase(0, 2);
    if (m_encoding == Encoding::detect)
      m_encoding = Encoding::utf16le;
  }
  if (m_encoding == Encoding::detect) {
    std::string_view head(m_raw);
    if (!m_eof)
      head.remove_suffix(cut_tail(head));
    m_encoding = util::find_invalid_utf8(head) == std::string_view::npos ? Encoding::utf8
                                                                         : Encoding::gb18030;
  }
  if (m_encoding == Encoding::gb18030 || m_encoding == Encoding::utf16le) {
    iconv_t cd = iconv_open("UTF-8", m_encoding == Encoding::gb18030 ? "GB18030" : "UTF-16LE");
    if (cd == reinterpret_cast<iconv_t>(-1))
      throw UsageError(std::string("iconv cannot convert from ")
                       + std::string(encoding_name(m_encoding)) + ": " + std::strerror(errno));
    m_iconv = cd;
  }
}

void
TextStream::decode(std::string& out, bool at_end)
{
  size_t start = out.size();
  if (m_encoding == Encoding::utf8) {
    size_t keep = at_end ? 0 : cut_tail(m_raw);
    std::string_view part(m_raw.data(), m_raw.size() - keep);
    if (size_t bad = util::find_invalid_utf8(part); bad != std::string_view::npos) {
      uint64_t line = m_lines_out + 1 + std::count(part.begin(), part.begin() + long(bad), '\n');
      throw InputError(m_path + ":" + std::to_string(line)
                       + ": not valid UTF-8 (the start of the file was); pass --encoding gbk "
                         "if it is a GBK export");
    }
    out.append(part);
    m_raw.erase(0, part.size());
  } else {
    auto cd = static_cast<iconv_t>(m_iconv);
    char* in = m_raw.data();
    size_t in_left = m_raw.size();
    while (in_left > 0) {
      size_t pos = out.size();
      out.resize(pos + in_left * 2 + 16);
      char* o = out.data() + pos;
      size_t o_left = out.size() - pos;
      size_t r = iconv(cd, &in, &in_left, &o, &o_left);
      out.resize(out.size() - o_left);
      if (r != size_t(-1))
        continue;
      if (errno == E2BIG)
        continue;
      if (errno == EINVAL && !at_end)
        break; // a character cut at the chunk end: finish it with the next chunk
      uint64_t line = m_lines_out + 1
                      + std::count(out.begin() + long(start), out.end(), '\n');
      throw InputError(m_path + ":" + std::to_string(line) + ": bytes that are not "
                       + std::string(encoding_name(m_encoding)) + " text");
    }
    m_raw.erase(0, m_raw.size() - in_left);
  }
  m_lines_out += std::count(out.begin() + long(start), out.end(), '\n');
}

bool
TextStream::read(std::string& out)
{
  if (!m_started) {
    m_started = true;
    detect();
  } else if (m_raw.size() < kChunk) {
    fill_raw();
  }
  if (m_raw.empty() && m_eof)
    return false;
  size_t before = out.size();
  decode(out, m_eof);
  if (m_eof && !m_raw.empty())
    decode(out, true);
  return out.size() > before || !m_eof || !m_raw.empty();
}

std::string
TextStream::content_hash()
{
  if (m_hash.empty())
    m_hash = Sha256::hex(m_sha.finish());
  return m_hash;
}

std::string
encode_gb18030(std::string_view utf8)
{
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1))
    throw UsageError(std::string("iconv cannot convert to GB18030: ") + std::strerror(errno));
  std::string out(utf8.size() + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* o = out.data();
  size_t o_left = out.size();
  while (in_left > 0) {
    if (iconv(cd, &in, &in_left, &o, &o_left) != size_t(-1))
      break;
    if (errno != E2BIG) {
      iconv_close(cd);
      throw UsageError("text that GB18030 cannot hold");
    }
    size_t used = out.size() - o_left;
    out.resize(out.size() * 2);
    o = out.data() + used;
    o_left = out.size() - used;
  }
  out.resize(out.size() - o_left);
  iconv_close(cd);
  return out;
}

} // namespace duty::cases
