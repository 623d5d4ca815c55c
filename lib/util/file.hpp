#pragma once

#include <cstddef>
#include <cstdio>
#include <optional>
#include <string>

namespace duty::util {

// Reads a whole file (or standard input for "-"). On failure returns nullopt
// and sets `error` to a message naming the cause (strerror text).
std::optional<std::string>
read_file(const std::string& path, std::string& error);

// Reads a small regular file, such as a map or a key file: a FIFO, a device
// (/dev/zero) or a directory is refused without blocking, and so is a file
// larger than `max_bytes`. Throws IoError naming `path` and `what` it is.
std::string
read_small_file(const std::string& path, size_t max_bytes, const std::string& what);

// Writes `data` to `path` atomically (temporary file + rename). Throws
// IoError on failure.
void
write_file_atomic(const std::string& path, const std::string& data);

// A file written under a temporary name beside `path` and renamed to `path`
// by commit(); destroyed uncommitted (an error, a rollback), it leaves
// nothing behind. A `path` that exists and is not a regular file (/dev/null,
// /dev/stdout, a FIFO) is written directly: renaming over it would replace
// the device. A symbolic link is followed. Write errors (a full disk) throw IoError.
class PendingFile
{
public:
  PendingFile() = default;
  explicit PendingFile(const std::string& path);
  ~PendingFile();
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;
  PendingFile(PendingFile&& other) noexcept;
  PendingFile& operator=(PendingFile&& other) noexcept;

  bool active() const { return m_file != nullptr || !m_temp.empty(); }
  const std::string& path() const { return m_path; }
  void write(std::string_view data);
  // Flushes, syncs and closes the temporary file (may throw IoError), so that
  // only the rename is left for commit().
  void close();
  // Renames the temporary file to the path (closing it first if needed).
  void commit();
  // Removes the temporary file.
  void discard() noexcept;

private:
  std::string m_path, m_temp;
  std::FILE* m_file = nullptr;
};

} // namespace duty::util
