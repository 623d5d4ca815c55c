#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace duty::util {

struct ProcessResult
{
  bool started = false; // false: the program could not be run (see `error`)
  int status = -1;      // exit status; 128 + N when killed by signal N
  std::string out, err; // what it wrote to stdout and stderr
  std::string error;    // why it could not be started
};

// Runs argv[0] (searched on PATH) in `cwd` (empty: ours) with `input` on its
// standard input, and collects its standard output and error. Reads and
// writes concurrently, so neither side can block the other on a full pipe.
ProcessResult
run_process(const std::vector<std::string>& argv, std::string_view input = {}, const std::string& cwd = {});

} // namespace duty::util
