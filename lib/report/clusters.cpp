#include "report/clusters.hpp"

#include <algorithm>
#include <tuple>

namespace duty::report {

namespace {

auto
place(const Complaint& c)
{
  return std::tie(c.matter, c.territory, c.community);
}

// The clusters of one place's orders, sorted by date: [begin, end).
void
cluster_group(std::vector<Complaint>::const_iterator begin, std::vector<Complaint>::const_iterator end,
              const ClusterRule& rule, std::vector<Cluster>& out)
{
  size_t n = static_cast<size_t>(end - begin);
  size_t run_begin = 0, run_end = 0; // the cluster being built: orders [run_begin, run_end)
  bool open = false;
  auto close = [&] {
    if (!open)
      return;
    const Complaint& first = begin[static_cast<ptrdiff_t>(run_begin)];
    out.push_back({first.matter, first.territory, first.community, run_end - run_begin, first.received,
                   begin[static_cast<ptrdiff_t>(run_end - 1)].received});
    open = false;
  };
  size_t e = 0;
  for (size_t j = 0; j < n; ++j) {
    // The window starting at order j's day: [day, day + days - 1].
    int32_t last_day = begin[static_cast<ptrdiff_t>(j)].received.days + rule.days - 1;
    e = std::max(e, j);
    while (e < n && begin[static_cast<ptrdiff_t>(e)].received.days <= last_day)
      ++e;
    if (e - j < static_cast<size_t>(rule.min_orders))
      continue;
    if (open && j < run_end) {
      run_end = std::max(run_end, e);
    } else {
      close();
      run_begin = j, run_end = e, open = true;
    }
  }
  close();
}

} // namespace

std::vector<Cluster>
find_clusters(std::vector<Complaint> orders, const ClusterRule& rule)
{
  std::vector<Cluster> out;
  if (rule.min_orders < 1 || rule.days < 1)
    return out;
  std::erase_if(orders, [](const Complaint& c) { return c.matter.empty() || c.territory.empty(); });
  std::sort(orders.begin(), orders.end(), [](const Complaint& a, const Complaint& b) {
    return std::tie(a.matter, a.territory, a.community, a.received) <
           std::tie(b.matter, b.territory, b.community, b.received);
  });
  for (auto it = orders.cbegin(); it != orders.cend();) {
    auto end = std::find_if(it, orders.cend(), [&](const Complaint& c) { return place(c) != place(*it); });
    cluster_group(it, end, rule, out);
    it = end;
  }
  std::sort(out.begin(), out.end(), [](const Cluster& a, const Cluster& b) {
    return std::tie(b.orders, a.first, a.matter, a.territory, a.community) <
           std::tie(a.orders, b.first, b.matter, b.territory, b.community);
  });
  return out;
}

} // namespace duty::report
