#pragma once

// A file that lives in memory (memfd) and is opened by path like any export:
// the readers under test see a real file descriptor, and nothing touches disk.
#include "fuzz/invariant.hpp"

#include <string>
#include <sys/mman.h>
#include <unistd.h>

namespace duty::fuzz {

class MemFile
{
public:
  explicit MemFile(const std::string& bytes)
  {
    m_fd = memfd_create("duty-fuzz", 0);
    require(m_fd >= 0, "memfd_create failed");
    for (size_t done = 0; done < bytes.size();) {
      ssize_t n = write(m_fd, bytes.data() + done, bytes.size() - done);
      require(n > 0, "write to memfd failed");
      done += static_cast<size_t>(n);
    }
    m_path = "/proc/self/fd/" + std::to_string(m_fd);
  }
  ~MemFile() { close(m_fd); }
  MemFile(const MemFile&) = delete;
  MemFile& operator=(const MemFile&) = delete;

  const std::string&
  path() const
  {
    return m_path;
  }

private:
  int m_fd;
  std::string m_path;
};

} // namespace duty::fuzz
