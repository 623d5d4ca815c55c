#pragma once

// Read access to the parts of a zip archive (libzip), with the limits that
// keep a zip bomb from costing more than seconds and bounded memory.
#include "xlsx/limits.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace duty::xlsx {

class ZipPart;

class ZipArchive
{
public:
  // Opens a file; `name` is how messages call it. Throws InputError when
  // the bytes are not a readable zip archive.
  static ZipArchive open_file(const std::string& path, const std::string& name, const Limits& limits);
  // Opens bytes in memory (they must outlive the archive).
  static ZipArchive open_memory(std::string_view bytes, const std::string& name, const Limits& limits);
  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) noexcept;
  ~ZipArchive();

  // The index of a part by name (case-insensitive, as OOXML part names are;
  // a leading '/' is ignored), or nullopt.
  std::optional<uint64_t> find(std::string_view name) const;
  // Opens a part for reading. Throws InputError when its sizes look like a
  // zip bomb or it cannot be opened.
  ZipPart open(uint64_t index) const;
  const std::string&
  name() const
  {
    return m_name;
  }
  const Limits&
  limits() const
  {
    return m_limits;
  }

private:
  ZipArchive(void* zip, std::string name, const Limits& limits);
  void* m_zip = nullptr; // zip_t*
  std::string m_name;
  Limits m_limits;
};

// One part being inflated. read() never yields more than the size the
// archive declares for the part, nor more than the limits allow.
class ZipPart
{
public:
  ZipPart(ZipPart&&) noexcept;
  ZipPart& operator=(ZipPart&&) = delete;
  ~ZipPart();
  // Up to `n` bytes into `buf`; 0 at the end. Throws InputError on a damaged part.
  size_t read(char* buf, size_t n);
  const std::string&
  part() const
  {
    return m_part;
  }
  uint64_t
  size() const
  {
    return m_size;
  }

private:
  friend class ZipArchive;
  ZipPart(void* file, std::string archive, std::string part, uint64_t size);
  void* m_file = nullptr; // zip_file_t*
  std::string m_archive, m_part;
  uint64_t m_size = 0, m_done = 0;
};

} // namespace duty::xlsx
