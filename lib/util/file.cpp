#include "util/file.hpp"

#include "util/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace duty::util {

namespace {

[[noreturn]] void
io_fail(const std::string& path, int err)
{
  throw IoError(path + ": " + std::strerror(err));
}

} // namespace

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

std::string
read_small_file(const std::string& path, size_t max_bytes, const std::string& what)
{
  // O_NONBLOCK: opening a FIFO without a writer must not wait for one.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    throw IoError(path + ": cannot read the " + what + ": " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw IoError(path + ": cannot read the " + what + ": not a regular file");
  }
  if (uint64_t(st.st_size) > max_bytes) {
    ::close(fd);
    throw IoError(path + ": the " + what + " is larger than " + std::to_string(max_bytes)
                  + " bytes");
  }
  std::string data;
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      int e = errno;
      ::close(fd);
      throw IoError(path + ": cannot read the " + what + ": " + std::strerror(e));
    }
    if (n == 0)
      break;
    data.append(buf, size_t(n));
    if (data.size() > max_bytes) { // it grew while we read
      ::close(fd);
      throw IoError(path + ": the " + what + " is larger than " + std::to_string(max_bytes)
                    + " bytes");
    }
  }
  ::close(fd);
  return data;
}

void
write_file_atomic(const std::string& path, const std::string& data)
{
  PendingFile f(path);
  f.write(data);
  f.commit();
}

PendingFile::PendingFile(const std::string& path) : m_path(path)
{
  // Only a regular file (or a new one) is replaced by a rename: renaming
  // over /dev/null or a FIFO would put a plain file in its place. Those are
  // written directly; a symbolic link is followed, so the link stays.
  std::string target = path;
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    char* real = ::realpath(path.c_str(), nullptr);
    if (real) {
      target = real;
      std::free(real);
    }
  }
  if (::stat(target.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    m_file = std::fopen(path.c_str(), "wb");
    if (!m_file)
      io_fail(path, errno);
    return;
  }
  m_path = target;
  m_temp = target + ".tmp-" + std::to_string(::getpid());
  m_file = std::fopen(m_temp.c_str(), "wbx");
  if (!m_file && errno == EEXIST) { // left by a killed run with our pid
    ::unlink(m_temp.c_str());
    m_file = std::fopen(m_temp.c_str(), "wbx");
  }
  if (!m_file) {
    m_temp.clear();
    io_fail(path, errno);
  }
}

PendingFile::~PendingFile()
{
  discard();
}

PendingFile::PendingFile(PendingFile&& other) noexcept
  : m_path(std::move(other.m_path)), m_temp(std::exchange(other.m_temp, {})),
    m_file(std::exchange(other.m_file, nullptr))
{
}

PendingFile&
PendingFile::operator=(PendingFile&& other) noexcept
{
  if (this != &other) {
    discard();
    m_path = std::move(other.m_path);
    m_temp = std::exchange(other.m_temp, {});
    m_file = std::exchange(other.m_file, nullptr);
  }
  return *this;
}

void
PendingFile::write(std::string_view data)
{
  if (!m_file)
    return;
  if (std::fwrite(data.data(), 1, data.size(), m_file) != data.size())
    io_fail(m_path, errno);
}

void
PendingFile::close()
{
  if (!m_file)
    return;
  std::FILE* f = std::exchange(m_file, nullptr);
  // fsync only what will be renamed: a device or a pipe may refuse it.
  bool ok = std::fflush(f) == 0 && (m_temp.empty() || ::fsync(::fileno(f)) == 0);
  int e = errno;
  ok = std::fclose(f) == 0 && ok;
  if (!ok)
    io_fail(m_path, e ? e : errno);
}

void
PendingFile::commit()
{
  close();
  if (m_temp.empty())
    return;
  if (std::rename(m_temp.c_str(), m_path.c_str()) != 0)
    io_fail(m_path, errno);
  m_temp.clear();
}

void
PendingFile::discard() noexcept
{
  if (m_file)
    std::fclose(std::exchange(m_file, nullptr));
  if (!m_temp.empty())
    ::unlink(std::exchange(m_temp, {}).c_str());
}

} // namespace duty::util
