#pragma once

#include "cases/pii.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace duty::cases {

enum class Encoding { detect, utf8, gb18030, utf16le };

// "auto", "utf-8"/"utf8", "gbk"/"gb2312"/"gb18030", "utf-16le"; nullopt otherwise.
std::optional<Encoding>
parse_encoding(std::string_view name);

std::string_view
encoding_name(Encoding e);

// Reads a file (or standard input for "-") in chunks and hands out UTF-8.
// Detection looks at the first chunk: a UTF-8 BOM means UTF-8, a UTF-16LE BOM
// (Excel's "Unicode text") UTF-16LE, bytes that are not UTF-8 mean GB18030
// (a superset of GBK and GB2312). Memory stays bounded by the chunk size.
class TextStream
{
public:
  TextStream(const std::string& path, Encoding encoding);
  ~TextStream();
  TextStream(const TextStream&) = delete;
  TextStream& operator=(const TextStream&) = delete;

  // Appends the next piece of UTF-8 text to `out`; false at the end of input.
  // Throws InputError naming the line when the bytes cannot be decoded.
  bool read(std::string& out);

  Encoding encoding() const { return m_encoding; }
  const std::string& path() const { return m_path; }
  // SHA-256 of the raw bytes read so far (complete after read() returned false).
  std::string content_hash();

private:
  bool fill_raw();
  void decode(std::string& out, bool at_end);
  void detect();

  std::string m_path;
  int m_fd = -1;
  Encoding m_encoding;
  void* m_iconv = nullptr; // iconv_t
  std::string m_raw;       // bytes read but not yet decoded
  bool m_eof = false;
  bool m_started = false;
  uint64_t m_lines_out = 0; // newlines handed out, to name the line of a decoding error
  Sha256 m_sha;
  std::string m_hash;
};

// Converts UTF-8 text to GB18030 (a GBK superset), as a Chinese Excel saves
// CSV. Throws UsageError when iconv lacks the conversion.
std::string
encode_gb18030(std::string_view utf8);

} // namespace duty::cases
