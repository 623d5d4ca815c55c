#pragma once

// Synthetic list sets for tests and benchmarks: a district's units, a matter
// tree and its powers, responsibilities, primary-duty entries, tasks, whistles
// and a calendar, with a known number of planted overlaps and orphans.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duty::gen {

// splitmix64: tiny, fast and identical everywhere. std:: distributions are not
// (their output differs between standard libraries), so generators use this.
class Rng
{
public:
  explicit Rng(uint64_t seed) : m_state(seed) {}

  uint64_t
  next()
  {
    uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  // Uniform in [0, n); n > 0. The modulo bias is below 2^-40 for our n.
  uint64_t
  below(uint64_t n)
  {
    return next() % n;
  }

  // True with probability per_mille / 1000.
  bool
  chance(unsigned per_mille)
  {
    return below(1000) < per_mille;
  }

private:
  uint64_t m_state;
};

struct ListsSpec
{
  size_t matters = 1000; // matters in the tree: roots, mid-level and leaves
  size_t units = 40;     // all units: the district, territories, their teams, departments
  uint64_t seed = 1;
  std::optional<size_t> overlaps; // planted overlaps; default about 1% of the leaves
  std::optional<size_t> orphans;  // planted orphans; default about 1% of the leaves
  size_t max_items_per_file = 5000;
  std::string command; // echoed in each file's header comment; empty: none
};

struct ListsSummary
{
  size_t files = 0;
  size_t items = 0;
  size_t bytes = 0;
  std::vector<std::string> overlaps; // matter ids, sorted
  std::vector<std::string> orphans;  // matter ids, sorted
};

// Receives each generated file: a bare file name and its full text.
using FileSink = std::function<void(const std::string& name, const std::string& text)>;

// The unit and leaf counts `spec` leads to; throws UsageError when the spec is
// impossible (too few matters or units, more planted faults than leaves).
struct ListsShape
{
  size_t territories = 0, teams = 0, departments = 0;
  size_t roots = 0, mids = 0, leaves = 0;
  size_t overlaps = 0, orphans = 0;
};

ListsShape
lists_shape(const ListsSpec& spec);

// Generates the list set, file by file. Deterministic: the same spec gives the
// same bytes on every platform.
ListsSummary
generate_lists(const ListsSpec& spec, const FileSink& sink);

// Generates into `dir` (created if missing). Refuses when `dir` already holds
// *.yaml or *.yml files, unless `force`, which removes those files first so
// that no stale file joins the new set. Throws UsageError.
ListsSummary
write_lists(const ListsSpec& spec, const std::string& dir, bool force);

} // namespace duty::gen
