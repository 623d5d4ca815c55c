#include "cases/stream.hpp"

#include "util/error.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace duty::cases {

namespace {

constexpr size_t kChunk = 1 << 20;
constexpr size_t kDetectBytes = 1 << 16;

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

// Whether `head` (no BOM) reads as UTF-8: valid multi-byte characters must
// outnumber the bytes that are not UTF-8. A GBK file fails at almost every
// Chinese character; a UTF-8 file with one stray GBK line (an export pasted
// together) stays UTF-8, so that the stray line is reported as what it is.
bool
mostly_utf8(std::string_view head)
{
  size_t valid = 0, invalid = 0;
  for (size_t i = 0; i < head.size();) {
    auto c = static_cast<unsigned char>(head[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t bad = util::find_invalid_utf8(head.substr(i, 4));
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (bad == std::string_view::npos || bad >= len) {
      ++valid;
      i += len;
    } else {
      ++invalid;
      ++i;
    }
  }
  return invalid == 0 || valid > invalid;
}

// UTF-16 without a mark: mostly ASCII text has a NUL in every other byte.
std::optional<Encoding>
utf16_without_bom(std::string_view head)
{
  size_t pairs = head.size() / 2, even = 0, odd = 0;
  if (pairs < 4)
    return std::nullopt;
  for (size_t i = 0; i + 1 < head.size(); i += 2) {
    even += head[i] == '\0';
    odd += head[i + 1] == '\0';
  }
  // Some CJK characters (U+4E00 一) have a zero byte too: allow a few.
  if (odd * 10 >= pairs * 3 && even * 10 <= odd)
    return Encoding::utf16le;
  if (even * 10 >= pairs * 3 && odd * 10 <= even)
    return Encoding::utf16be;
  return std::nullopt;
}

const char*
iconv_name(Encoding e)
{
  switch (e) {
  case Encoding::gb18030: return "GB18030";
  case Encoding::utf16le: return "UTF-16LE";
  case Encoding::utf16be: return "UTF-16BE";
  case Encoding::utf32le: return "UTF-32LE";
  case Encoding::utf32be: return "UTF-32BE";
  default: return nullptr;
  }
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
  if (n == "utf-16be" || n == "utf16be")
    return Encoding::utf16be;
  if (n == "utf-32le" || n == "utf32le" || n == "utf-32")
    return Encoding::utf32le;
  if (n == "utf-32be" || n == "utf32be")
    return Encoding::utf32be;
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
  case Encoding::utf16be: return "utf-16be";
  case Encoding::utf32le: return "utf-32le";
  case Encoding::utf32be: return "utf-32be";
  }
  return "?";
}

TextStream::TextStream(const std::string& path, Encoding encoding, int fd, std::string taken)
  : m_path(path == "-" ? "<stdin>" : path), m_fd(fd), m_encoding(encoding), m_raw(std::move(taken))
{
  m_sha.update(m_raw);
}

TextStream::TextStream(const std::string& path, Encoding encoding)
  : m_path(path == "-" ? "<stdin>" : path), m_encoding(encoding)
{
  m_fd = path == "-" ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (m_fd < 0)
    throw IoError(path + ": " + std::strerror(errno));
}

TextStream::~TextStream()
{
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
    throw IoError(m_path + ": " + std::strerror(errno));
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
  while (!m_eof && m_raw.size() < kDetectBytes)
    fill_raw();
  std::string_view s(m_raw);
  struct Mark
  {
    std::string_view bytes;
    Encoding encoding;
  };
  // UTF-32LE's mark starts with UTF-16LE's: test the longer marks first.
  static constexpr Mark kMarks[] = {
    {{"\xFF\xFE\x00\x00", 4}, Encoding::utf32le}, {{"\x00\x00\xFE\xFF", 4}, Encoding::utf32be},
    {"\xEF\xBB\xBF", Encoding::utf8},             {"\xFF\xFE", Encoding::utf16le},
    {"\xFE\xFF", Encoding::utf16be},
  };
  for (const auto& m : kMarks) {
    if (!s.starts_with(m.bytes))
      continue;
    if (m_encoding == Encoding::detect || m_encoding == m.encoding) {
      m_raw.erase(0, m.bytes.size());
      if (m_encoding == Encoding::detect)
        m_encoding = m.encoding;
    }
    break;
  }
  if (m_encoding == Encoding::detect) {
    m_detected = true;
    std::string_view head(m_raw);
    head = head.substr(0, kDetectBytes);
    if (auto u16 = utf16_without_bom(head)) {
      m_encoding = *u16;
    } else {
      if (!m_eof)
        head.remove_suffix(cut_tail(head));
      m_encoding = mostly_utf8(head) ? Encoding::utf8 : Encoding::gb18030;
    }
  }
  if (const char* name = iconv_name(m_encoding))
    m_converter = std::make_unique<util::Converter>("UTF-8", name);
}

void
TextStream::count_lines(std::string_view text)
{
  // LF, CRLF and a lone CR each end a line, as the record reader counts them.
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      if (!(i == 0 && m_last_cr))
        ++m_lines_out;
    } else if (c == '\r') {
      ++m_lines_out;
    }
  }
  if (!text.empty())
    m_last_cr = text.back() == '\r';
}

void
TextStream::decoding_error(std::string_view decoded_before)
{
  count_lines(decoded_before);
  std::string at = m_path + ":" + std::to_string(m_lines_out + 1) + ": ";
  if (m_encoding == Encoding::utf8)
    throw InputError(at + "not valid UTF-8"
                     + (m_detected ? " (the start of the file is)" : std::string())
                     + "; pass --encoding gbk if it is a GBK export");
  throw InputError(at + "bytes that are not " + std::string(encoding_name(m_encoding)) + " text");
}

void
TextStream::decode(std::string& out, bool at_end)
{
  size_t start = out.size();
  if (m_encoding == Encoding::utf8) {
    size_t keep = at_end ? 0 : cut_tail(m_raw);
    std::string_view part(m_raw.data(), m_raw.size() - keep);
    if (size_t bad = util::find_invalid_utf8(part); bad != std::string_view::npos)
      decoding_error(part.substr(0, bad));
    out.append(part);
    m_raw.erase(0, part.size());
  } else if (m_converter->convert(m_raw, out, at_end) == util::Converter::Result::invalid) {
    decoding_error(std::string_view(out).substr(start));
  }
  count_lines(std::string_view(out).substr(start));
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
    m_hash = util::Sha256::hex(m_sha.finish());
  return m_hash;
}

std::string
encode_gb18030(std::string_view utf8)
{
  return util::convert(utf8, "GB18030", "UTF-8");
}

} // namespace duty::cases
