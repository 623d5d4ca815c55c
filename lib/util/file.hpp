#pragma once

#include <optional>
#include <string>

namespace duty::util {

// Reads a whole file (or standard input for "-"). On failure returns nullopt
// and sets `error` to a message naming the cause (strerror text).
std::optional<std::string>
read_file(const std::string& path, std::string& error);

// Writes `data` to `path` atomically (temporary file + rename). Throws
// UsageError on failure.
void
write_file_atomic(const std::string& path, const std::string& data);

} // namespace duty::util
