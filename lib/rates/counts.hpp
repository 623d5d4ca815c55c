#pragma once

// What the rates are computed from: exact integer counts that add up across
// files, threads and months.
#include <array>
#include <cstdint>

namespace duty::rates {

constexpr size_t kReasons = 8; // one per lists::ExclusionRule

// One rate's counts: the orders in its base, those that count in full, and
// those that count by a factor (部分解决, 基本满意).
struct RateCounts
{
  uint64_t base = 0, full = 0, part = 0;
  void add(const RateCounts& o)
  {
    base += o.base;
    full += o.full;
    part += o.part;
  }
};

struct Counts
{
  uint64_t orders = 0; // 受理量: orders counted for the unit (not excluded from volume)
  uint64_t visits = 0; // of those, orders with a valid return visit
  std::array<RateCounts, 3> rate; // response, resolution, satisfaction
  std::array<uint64_t, kReasons> excluded{}; // orders each exclusion rule applied to

  void add(const Counts& o)
  {
    orders += o.orders;
    visits += o.visits;
    for (size_t i = 0; i < rate.size(); ++i)
      rate[i].add(o.rate[i]);
    for (size_t i = 0; i < kReasons; ++i)
      excluded[i] += o.excluded[i];
  }
};

} // namespace duty::rates
