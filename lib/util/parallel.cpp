#include "util/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <system_error>
#include <thread>

namespace duty::util {

std::vector<std::exception_ptr>
run_parallel(size_t n, unsigned threads, const std::function<void(size_t)>& fn)
{
  std::vector<std::exception_ptr> errors(n);
  std::atomic<size_t> next{0};
  auto work = [&]() noexcept {
    for (size_t i; (i = next.fetch_add(1)) < n;) {
      try {
        fn(i);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  threads = static_cast<unsigned>(std::clamp<size_t>(threads, 1, std::max<size_t>(n, 1)));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) {
    try {
      pool.emplace_back(work);
    } catch (const std::system_error&) {
      break; // no more threads: the ones running (and this one) do the work
    } catch (const std::bad_alloc&) {
      break;
    }
  }
  work();
  for (auto& t : pool)
    t.join();
  return errors;
}

} // namespace duty::util
