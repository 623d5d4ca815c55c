#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <vector>

namespace duty::util {

// Calls fn(0) … fn(n - 1) on up to `threads` threads (the calling thread is
// one of them). An exception thrown by fn(i) — std::bad_alloc included — is
// caught on its thread and returned at index i, never left to terminate the
// process; the other calls still run.
std::vector<std::exception_ptr> run_parallel(size_t n, unsigned threads,
                                             const std::function<void(size_t)>& fn);

} // namespace duty::util
