// Tests for util/parallel: every index runs once; exceptions come back, never terminate.
#include "util/parallel.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <new>
#include <stdexcept>
#include <vector>

using namespace duty::util;

TEST_SUITE_BEGIN("util");

TEST_CASE("run_parallel")
{
  SUBCASE("each index runs exactly once, on any number of threads")
  {
    for (unsigned threads : {0u, 1u, 2u, 8u, 64u}) {
      std::vector<std::atomic<int>> runs(100);
      auto errors = run_parallel(runs.size(), threads, [&](size_t i) { ++runs[i]; });
      CHECK(errors.size() == runs.size());
      for (size_t i = 0; i < runs.size(); ++i) {
        CHECK(runs[i] == 1);
        CHECK_FALSE(errors[i]);
      }
    }
    CHECK(run_parallel(0, 4, [](size_t) {}).empty());
  }
  SUBCASE("std::bad_alloc and other exceptions on worker threads are carried back")
  {
    std::atomic<int> done{0};
    auto errors = run_parallel(40, 4, [&](size_t i) {
      if (i % 10 == 3)
        throw std::bad_alloc();
      if (i == 7)
        throw std::runtime_error("seven");
      if (i == 8)
        throw 8; // not even an exception class
      ++done;
    });
    CHECK(done == 34);
    for (size_t i = 0; i < errors.size(); ++i) {
      INFO("index ", i);
      CHECK(static_cast<bool>(errors[i]) == (i % 10 == 3 || i == 7 || i == 8));
    }
    CHECK_THROWS_AS(std::rethrow_exception(errors[13]), std::bad_alloc);
    CHECK_THROWS_WITH(std::rethrow_exception(errors[7]), "seven");
    CHECK_THROWS_AS(std::rethrow_exception(errors[8]), int);
  }
}

TEST_SUITE_END();
