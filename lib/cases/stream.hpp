#pragma once

#include "util/iconv.hpp"
#include "util/sha256.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace duty::cases {

enum class Encoding { detect, utf8, gb18030, utf16le, utf16be, utf32le, utf32be };

// "auto", "utf-8"/"utf8", "gbk"/"gb2312"/"gb18030", "utf-16le", "utf-16be",
// "utf-32le", "utf-32be"; nullopt otherwise.
std::optional<Encoding>
parse_encoding(std::string_view name);

std::string_view
encoding_name(Encoding e);

// Reads a file (or standard input for "-") in chunks and hands out UTF-8.
// Detection looks at the first 64 KiB: a byte-order mark names UTF-8,
// UTF-16LE/BE or UTF-32LE/BE (the UTF-32LE mark is checked before the
// UTF-16LE mark it starts with); text with a NUL in every other byte is UTF-16
// without a mark; otherwise UTF-8 unless the bytes that are not UTF-8
// outnumber the UTF-8 characters, which means GB18030 (a superset of GBK and
// GB2312). Memory stays bounded by the chunk size.
class TextStream
{
public:
  // Throws IoError when the file cannot be opened.
  TextStream(const std::string& path, Encoding encoding);
  // Reads from `fd`, already open on `path` (and closed with the stream);
  // `taken` holds bytes already read from it to sniff the format: they come first.
  TextStream(const std::string& path, Encoding encoding, int fd, std::string taken);
  ~TextStream();
  TextStream(const TextStream&) = delete;
  TextStream& operator=(const TextStream&) = delete;

  // Appends the next piece of UTF-8 text to `out`; false at the end of input.
  // Throws InputError naming the line when the bytes cannot be decoded, and
  // IoError when reading fails.
  bool read(std::string& out);

  Encoding encoding() const { return m_encoding; }
  const std::string& path() const { return m_path; }
  // SHA-256 of the raw bytes read so far (complete after read() returned false).
  std::string content_hash();

private:
  bool fill_raw();
  void decode(std::string& out, bool at_end);
  void detect();
  void count_lines(std::string_view text);
  [[noreturn]] void decoding_error(std::string_view decoded_before);

  std::string m_path;
  int m_fd = -1;
  Encoding m_encoding;
  std::unique_ptr<util::Converter> m_converter;
  std::string m_raw; // bytes read but not yet decoded
  bool m_eof = false;
  bool m_started = false;
  bool m_detected = false;  // the encoding was guessed, not given
  uint64_t m_lines_out = 0; // line breaks handed out, to name the line of a decoding error
  bool m_last_cr = false;   // the text handed out so far ends in CR
  util::Sha256 m_sha;
  std::string m_hash;
};

// Converts UTF-8 text to GB18030 (a GBK superset), as a Chinese Excel saves
// CSV. Throws InputError for text GB18030 cannot hold.
std::string
encode_gb18030(std::string_view utf8);

} // namespace duty::cases
