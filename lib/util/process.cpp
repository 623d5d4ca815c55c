#include "util/process.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <csignal>
#include <ctime>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace duty::util {

namespace {

struct Pipe
{
  int fd[2] = {-1, -1};
  bool open() { return ::pipe2(fd, O_CLOEXEC) == 0; }
  void close_end(int i)
  {
    if (fd[i] >= 0)
      ::close(fd[i]);
    fd[i] = -1;
  }
  ~Pipe()
  {
    close_end(0);
    close_end(1);
  }
};

// Writes with SIGPIPE blocked for this thread, so that a program that stops
// reading gives EPIPE rather than killing a caller that has not ignored SIGPIPE.
ssize_t
write_quietly(int fd, std::string_view data)
{
  sigset_t pipe, old;
  sigemptyset(&pipe);
  sigaddset(&pipe, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe, &old);
  ssize_t k = ::write(fd, data.data(), data.size());
  int saved = errno;
  if (k < 0 && errno == EPIPE && !sigismember(&old, SIGPIPE)) {
    timespec zero{0, 0};
    sigtimedwait(&pipe, nullptr, &zero); // consume the SIGPIPE our write raised
  }
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  errno = saved;
  return k;
}

} // namespace

ProcessResult
run_process(const std::vector<std::string>& argv, std::string_view input, const std::string& cwd)
{
  ProcessResult r;
  Pipe in, out, err;
  if (argv.empty() || !in.open() || !out.open() || !err.open()) {
    r.error = argv.empty() ? "no program" : std::strerror(errno);
    return r;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, in.fd[0], 0);
  posix_spawn_file_actions_adddup2(&fa, out.fd[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err.fd[1], 2);
  if (!cwd.empty())
    posix_spawn_file_actions_addchdir_np(&fa, cwd.c_str());
  std::vector<char*> args;
  for (const auto& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) {
    r.error = std::strerror(rc);
    return r;
  }
  r.started = true;
  in.close_end(0);
  out.close_end(1);
  err.close_end(1);
  ::fcntl(in.fd[1], F_SETFL, O_NONBLOCK);
  size_t written = 0;
  if (input.empty())
    in.close_end(1);
  char buf[65536];
  while (out.fd[0] >= 0 || err.fd[0] >= 0) {
    pollfd fds[3];
    nfds_t n = 0;
    if (out.fd[0] >= 0)
      fds[n++] = {out.fd[0], POLLIN, 0};
    if (err.fd[0] >= 0)
      fds[n++] = {err.fd[0], POLLIN, 0};
    if (in.fd[1] >= 0)
      fds[n++] = {in.fd[1], POLLOUT, 0};
    if (::poll(fds, n, -1) < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    for (nfds_t i = 0; i < n; ++i) {
      if (fds[i].revents == 0)
        continue;
      if (fds[i].fd == in.fd[1]) {
        ssize_t k = write_quietly(in.fd[1], input.substr(written));
        if (k > 0)
          written += static_cast<size_t>(k);
        if ((k < 0 && errno != EAGAIN && errno != EINTR) || written == input.size())
          in.close_end(1); // done, or the program stopped reading (EPIPE)
        continue;
      }
      Pipe& p = fds[i].fd == out.fd[0] ? out : err;
      ssize_t k = ::read(p.fd[0], buf, sizeof buf);
      if (k > 0)
        (&p == &out ? r.out : r.err).append(buf, static_cast<size_t>(k));
      else if (k == 0 || (errno != EAGAIN && errno != EINTR))
        p.close_end(0);
    }
  }
  in.close_end(1);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
  return r;
}

} // namespace duty::util
