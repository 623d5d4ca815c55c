// Tests for util/file: PendingFile renames regular files only; bounded reads.
#include "util/error.hpp"
#include "util/file.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <stdlib.h>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace duty;

namespace {

struct Dir
{
  std::string path;
  Dir()
  {
    std::string d = std::filesystem::temp_directory_path() / "duty-file-XXXXXX";
    path = ::mkdtemp(d.data());
  }
  ~Dir() { std::filesystem::remove_all(path); }
};

std::string
slurp(const std::string& p)
{
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_CASE("util: PendingFile appears at commit, and not at all when discarded")
{
  Dir d;
  std::string p = d.path + "/out.jsonl";
  {
    util::PendingFile f(p);
    f.write("a\n");
    CHECK(!std::filesystem::exists(p));
  }
  CHECK(std::filesystem::is_empty(d.path));
  util::PendingFile f(p);
  f.write("b\n");
  f.commit();
  CHECK(slurp(p) == "b\n");
}

TEST_CASE("util: PendingFile writes devices, FIFOs and links in place")
{
  Dir d;
  // A FIFO stays a FIFO (renaming over it would put a file in its place, as
  // it would over /dev/null).
  std::string fifo = d.path + "/fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  pid_t reader = ::fork();
  if (reader == 0) {
    std::ifstream in(fifo);
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ::_exit(s == "x\n" ? 0 : 1);
  }
  {
    util::PendingFile f(fifo);
    f.write("x\n");
    f.commit();
  }
  int status = 0;
  ::waitpid(reader, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  struct stat st;
  REQUIRE(::stat(fifo.c_str(), &st) == 0);
  CHECK(S_ISFIFO(st.st_mode));
  // A link stays a link; its target gets the text.
  std::string target = d.path + "/target", link = d.path + "/link";
  std::ofstream(target) << "old";
  std::filesystem::create_symlink(target, link);
  util::PendingFile f(link);
  f.write("new");
  f.commit();
  CHECK(std::filesystem::is_symlink(link));
  CHECK(slurp(target) == "new");
}

TEST_CASE("util: read_small_file refuses what is not a small regular file")
{
  Dir d;
  CHECK_THROWS_AS(util::read_small_file("/dev/zero", 1024, "map file"), IoError);
  CHECK_THROWS_AS(util::read_small_file(d.path, 1024, "map file"), IoError);
  CHECK_THROWS_AS(util::read_small_file(d.path + "/missing", 1024, "map file"), IoError);
  std::ofstream(d.path + "/big") << std::string(2000, 'x');
  CHECK_THROWS_AS(util::read_small_file(d.path + "/big", 1024, "map file"), IoError);
  CHECK(util::read_small_file(d.path + "/big", 4096, "map file").size() == 2000);
}
