#include "util/file.hpp"

#include "util/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace duty::util {

std::optional<std::string>
read_file(const std::string& path, std::string& error)
{
  int fd = path == "-" ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  std::string data;
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      error = std::strerror(errno);
      if (fd != 0)
        ::close(fd);
      return std::nullopt;
    }
    if (n == 0)
      break;
    data.append(buf, static_cast<size_t>(n));
  }
  if (fd != 0)
    ::close(fd);
  return data;
}

void
write_file_atomic(const std::string& path, const std::string& data)
{
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f)
    throw UsageError(path + ": " + std::strerror(errno));
  bool ok = std::fwrite(data.data(), 1, data.size(), f) == data.size();
  ok = (std::fclose(f) == 0) && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string why = std::strerror(errno);
    std::remove(tmp.c_str());
    throw UsageError(path + ": " + why);
  }
}

} // namespace duty::util
