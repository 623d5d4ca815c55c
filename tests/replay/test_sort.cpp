// Tests for replay/sort: the external merge sort, in memory and spilling.
#include "replay/sort.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

using namespace duty::replay;

namespace {

std::vector<std::pair<std::string, std::string>>
drain(ExternalSorter& s)
{
  std::vector<std::pair<std::string, std::string>> out;
  std::string_view k, p;
  while (s.next(k, p))
    out.emplace_back(std::string(k), std::string(p));
  return out;
}

// Files in `dir` whose names start with duty-replay-: none are ever left.
size_t
leftovers(const std::string& dir)
{
  size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    n += e.path().filename().string().starts_with("duty-replay-");
  return n;
}

} // namespace

TEST_SUITE_BEGIN("replay");

TEST_CASE("sort: records come out by key, equal keys in the order added")
{
  ExternalSorter s(1 << 20);
  const char* keys[] = {"b", "a", "c", "a", "b"};
  for (uint64_t i = 0; i < 5; ++i)
    s.add(keys[i], i, "p" + std::to_string(i));
  auto out = drain(s);
  REQUIRE(out.size() == 5);
  CHECK(out[0] == std::pair<std::string, std::string>{"a", "p1"});
  CHECK(out[1] == std::pair<std::string, std::string>{"a", "p3"});
  CHECK(out[2] == std::pair<std::string, std::string>{"b", "p0"});
  CHECK(out[3] == std::pair<std::string, std::string>{"b", "p4"});
  CHECK(out[4] == std::pair<std::string, std::string>{"c", "p2"});
  CHECK(s.runs_written() == 0);
}

TEST_CASE("sort: beyond the budget it spills, merges in passes, and leaves no file")
{
  std::string dir = std::filesystem::temp_directory_path() / "duty-sort-XXXXXX";
  dir = ::mkdtemp(dir.data());
  std::multimap<std::string, std::string> want;
  {
    ExternalSorter s(1 << 20, dir); // 1 MiB: about 45 runs of 500,000 records
    uint64_t x = 12345;
    for (uint64_t i = 0; i < 500000; ++i) {
      x = x * 6364136223846793005ull + 1442695040888963407ull;
      std::string key = "id" + std::to_string(x % 50000);
      std::string payload(size_t(x >> 60), char('a' + i % 26)); // 0–15 bytes, some empty
      s.add(key, i, payload);
      want.emplace(key, payload);
    }
    s.finish();
    CHECK(s.runs_written() > ExternalSorter::kFanIn); // more runs than one merge takes
    CHECK(leftovers(dir) == 0);                       // unlinked at once
    auto out = drain(s);
    REQUIRE(out.size() == want.size());
    CHECK(std::equal(out.begin(), out.end(), want.begin(), [](const auto& a, const auto& b) {
      return a.first == b.first && a.second == b.second;
    }));
    CHECK(s.records() == 500000);
  }
  CHECK(leftovers(dir) == 0);
  std::filesystem::remove_all(dir);
}

TEST_CASE("sort: input already in order is not re-sorted and may be empty")
{
  ExternalSorter empty(1 << 20);
  std::string_view k, p;
  CHECK_FALSE(empty.next(k, p));
  ExternalSorter s(1 << 20);
  for (uint64_t i = 0; i < 1000; ++i)
    s.add("k" + std::to_string(1000 + i), i, {});
  auto out = drain(s);
  REQUIRE(out.size() == 1000);
  CHECK(out.front().first == "k1000");
  CHECK(out.back().first == "k1999");
}

TEST_CASE("sort: a directory that cannot hold the runs is an error, not a crash")
{
  ExternalSorter s(1 << 20, "/nonexistent/dir");
  std::string big(4096, 'x');
  CHECK_THROWS_WITH(
      [&] {
        for (uint64_t i = 0; i < 2000; ++i)
          s.add("k", i, big);
      }(),
      doctest::Contains("temporary sort file"));
}
