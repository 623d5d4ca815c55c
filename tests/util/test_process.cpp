// Tests for util/process: output, errors and status of a child process.
#include "util/process.hpp"

#include <doctest/doctest.h>

using namespace duty::util;

TEST_CASE("process: output, input and exit status")
{
  auto r = run_process({"sh", "-c", "cat; echo err >&2; exit 3"}, "hello\n");
  CHECK(r.started);
  CHECK(r.status == 3);
  CHECK(r.out == "hello\n");
  CHECK(r.err == "err\n");
  // More than a pipe holds, both ways at once: no deadlock.
  std::string big(1 << 20, 'x');
  auto c = run_process({"cat"}, big);
  CHECK(c.status == 0);
  CHECK(c.out.size() == big.size());
  auto pwd = run_process({"pwd"}, {}, "/");
  CHECK(pwd.out == "/\n");
}

TEST_CASE("process: a program that does not exist, or dies")
{
  auto r = run_process({"duty-no-such-program-here"});
  CHECK(!r.started);
  CHECK(r.error == "No such file or directory");
  auto k = run_process({"sh", "-c", "kill -9 $$"});
  CHECK(k.status == 128 + 9);
  // A program that does not read its input: the rest is dropped, no hang.
  auto t = run_process({"true"}, std::string(1 << 20, 'x'));
  CHECK(t.status == 0);
}
