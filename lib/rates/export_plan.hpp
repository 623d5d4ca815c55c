#pragma once

// How the fast scan reads an export (rates/scan_export.hpp): the encoding,
// the separator, where the rows start, and which column holds which
// canonical order field, decided from the header the way the case reader
// decides it. Private to the rates area.
#include "cases/mapfile.hpp"
#include "cases/reader.hpp"

#include <cstdint>
#include <iconv.h>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duty::rates::exports {

constexpr size_t npos = size_t(-1);

// An open file, closed on every path.
struct File
{
  int fd = -1;
  explicit File(const std::string& path);
  ~File();
  File(const File&) = delete;
  File& operator=(const File&) = delete;
};

// pread until `n` bytes or the end; throws UsageError on a read error.
size_t
read_at(int fd, char* buf, size_t n, uint64_t offset, const std::string& path);

// GB18030 → UTF-8 for the few values a job decodes; UTF-8 is checked and copied.
class Decoder
{
public:
  explicit Decoder(bool gbk);
  ~Decoder();
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;
  // False when the bytes are not text of the file's encoding.
  bool decode(std::string_view raw, std::string& out);

private:
  iconv_t m_cd = reinterpret_cast<iconv_t>(-1);
};

struct Column
{
  size_t field = npos; // canonical order field
  int part = -1;       // 一级/二级/三级分类
};

// What a file holds and where its rows start.
struct Plan
{
  std::string path;
  uint64_t size = 0;
  uint64_t data_start = 0; // byte offset of the first record after the header
  uint64_t data_line = 1;  // its physical line
  bool gbk = false, utf8_bom = false;
  char sep = ',';
  std::vector<std::string> header;
  std::vector<Column> columns;
  std::vector<size_t> field_column; // per canonical field: column or npos
  bool category_parts = false;
  cases::TimeSpec time;
};

// Reads the header of the file open at `fd`. Throws InputError when it is
// broken, runs over lines or has no id column.
Plan
open_plan(const std::string& path, const cases::ReaderOptions& reader, int fd, uint64_t size);

} // namespace duty::rates::exports
