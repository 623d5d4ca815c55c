#pragma once

// One way for every fuzz target to report a broken invariant: print what
// broke and abort, which libFuzzer (and the replay driver) record as a crash.
#include <cstdio>
#include <cstdlib>
#include <string>

namespace duty::fuzz {

[[noreturn]] inline void
broken(const std::string& what)
{
  std::fprintf(stderr, "INVARIANT BROKEN: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

inline void
require(bool ok, const std::string& what)
{
  if (!ok)
    broken(what);
}

} // namespace duty::fuzz
