#pragma once

#include <stdexcept>
#include <string>

namespace duty {

// The exit codes every tool uses.
enum ExitCode : int {
  exit_clean = 0,    // no findings
  exit_findings = 1, // findings or errors in the input
  exit_usage = 2,    // usage error, or input that could not be read
};

// An error in what the user gave us (a file, a value, a query): exit 1.
class InputError : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
};

// A mistake in how the tool was called (an option, a missing argument, a
// store of another version): exit 2.
class UsageError : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
};

// A file or the store could not be read or written (a missing file, a full
// disk, read-only media, an SQLite failure): exit 2, like UsageError, but
// named for what happened.
class IoError : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
};

} // namespace duty
