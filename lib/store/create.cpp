// Where an ingest writes: an existing store in place (one WAL transaction),
// a new store of orders beside its path, renamed into place when complete.
#include "store/impl.hpp"

#include "util/error.hpp"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <optional>
#include <sys/file.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace duty::store {

namespace {

bool
exists(const std::string& path)
{
  struct stat st;
  // Cannot tell (EACCES, …): treat as existing, the ordinary path reports it.
  return ::lstat(path.c_str(), &st) == 0 || errno != ENOENT; // a dangling link counts
}

[[noreturn]] void
fail(const std::string& path)
{
  throw IoError(path + ": " + std::strerror(errno));
}

// An exclusive flock on PATH-lock, held while a new store is built or its
// file created, so that two first ingests never build the same store.
class PathLock
{
public:
  PathLock() = default;
  PathLock(const PathLock&) = delete;
  PathLock& operator=(const PathLock&) = delete;
  ~PathLock()
  {
    if (m_fd >= 0) {
      ::unlink(m_path.c_str()); // waiters notice the file is gone and lock the new one
      ::close(m_fd);
    }
  }

  // False when the lock file cannot be made (a read-only directory, say).
  bool acquire(const std::string& path, int busy_ms)
  {
    m_path = path;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_ms);
    for (;;) {
      int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
      if (fd < 0)
        return false;
      while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
          ::close(fd);
          return false;
        }
        if (std::chrono::steady_clock::now() > deadline) {
          ::close(fd);
          throw IoError(path + ": another ingest is still creating the store");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      // The previous holder removes the file as it unlocks: lock the one at the path.
      struct stat held, now;
      if (::fstat(fd, &held) == 0 && ::stat(path.c_str(), &now) == 0
          && held.st_dev == now.st_dev && held.st_ino == now.st_ino) {
        m_fd = fd;
        return true;
      }
      ::close(fd);
    }
  }

private:
  std::string m_path;
  int m_fd = -1;
};

void
remove_temp(const std::string& temp)
{
  for (const char* suffix : {"", "-journal", "-wal", "-shm"})
    ::unlink((temp + suffix).c_str());
}

void
fsync_path(const std::string& path, int flags)
{
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0)
    fail(path);
  if (::fsync(fd) != 0) {
    int e = errno;
    ::close(fd);
    errno = e;
    fail(path);
  }
  ::close(fd);
}

// rename() that refuses to replace: a store that appeared meanwhile is never clobbered.
void
move_into_place(const std::string& temp, const std::string& path)
{
#ifdef RENAME_NOREPLACE
  if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE) == 0)
    return;
  if (errno != EINVAL && errno != ENOSYS)
    fail(path);
#endif
  if (::link(temp.c_str(), path.c_str()) != 0)
    fail(path);
  ::unlink(temp.c_str());
}

} // namespace

IngestSummary
ingest_into(const std::string& path, const std::vector<std::string>& inputs,
            const IngestOptions& options, int busy_ms)
{
  bool existed = path == ":memory:" || exists(path);
  std::optional<Store> st;
  if (!existed) {
    PathLock lock;
    bool locked = lock.acquire(path + "-lock", busy_ms);
    existed = exists(path); // another first ingest may have made it while we waited
    const std::string temp = path + "-new";
    if (locked)
      remove_temp(temp); // only the lock holder builds one: this is from a killed ingest
    if (locked && !existed && options.reader.kind == cases::Kind::orders) {
      // Nobody else sees PATH-new and a failure discards it: no WAL, no sync
      // until the end, indexes sorted once.
      try {
        IngestSummary summary;
        util::PendingFile skip;
        {
          auto impl = std::make_unique<Store::Impl>(
            temp, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX, busy_ms,
            false);
          impl->bulk = true;
          impl->db.exec("PRAGMA page_size=16384");
          impl->db.exec("PRAGMA journal_mode=MEMORY"); // keeps ROLLBACK working
          impl->db.exec("PRAGMA synchronous=OFF");
          impl->db.exec("PRAGMA cache_size=-65536");
          Store s(std::move(impl));
          summary = s.ingest(inputs, options);
          skip = std::move(s.m_impl->pending_skip);
          s.m_impl->db.exec("PRAGMA journal_mode=WAL");
        } // closing checkpoints and removes PATH-new-wal
        fsync_path(temp, O_RDONLY);
        move_into_place(temp, path);
        fsync_path(std::filesystem::path(path).parent_path().empty()
                     ? std::string(".")
                     : std::filesystem::path(path).parent_path().string(),
                   O_RDONLY | O_DIRECTORY);
        skip.commit(); // the rejects appear only with the store that holds the rest
        return summary;
      } catch (const SQLite::Exception& e) {
        remove_temp(temp);
        throw IoError(path + ": " + e.what());
      } catch (...) {
        remove_temp(temp);
        throw;
      }
    }
    // Created under the lock, so that a new-store build cannot race the file.
    try {
      st.emplace(Store::open_write(path, busy_ms));
    } catch (...) {
      if (!existed)
        remove_if_empty(path);
      throw;
    }
  } else {
    if (path != ":memory:" && exists(path + "-lock")) {
      // Left by an ingest killed just after its rename: remove it (and any
      // PATH-new) unless someone holds it.
      try {
        PathLock stale;
        if (stale.acquire(path + "-lock", 0))
          remove_temp(path + "-new");
      } catch (const IoError&) {
        // Held: not stale.
      }
    }
    st.emplace(Store::open_write(path, busy_ms));
  }
  try {
    return st->ingest(inputs, options);
  } catch (...) {
    st.reset();
    // A failed first ingest must not leave an empty store behind.
    if (!existed)
      remove_if_empty(path);
    throw;
  }
}

} // namespace duty::store
