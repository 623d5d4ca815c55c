#pragma once

// 未诉先办 candidates: clusters of repeated complaints about the same matter at
// the same place, which call for fixing the cause before the next call.
//
// The rule: orders are grouped by (matter, territory, community); the
// community is part of the place when the order names one. Within a group, a
// window of `days` consecutive calendar days that holds at least `min_orders`
// orders qualifies; every order in a qualifying window belongs to a cluster,
// and qualifying windows that share an order are one cluster. A cluster is
// reported with its order count and its first and last dates.
#include "util/date.hpp"

#include <string>
#include <vector>

namespace duty::report {

// One order as the clustering sees it: no caller, no content.
struct Complaint
{
  std::string matter;    // the matter id the lists resolved, else the category as written
  std::string territory; // street or township
  std::string community; // 村/社区, may be empty
  util::Date received;
};

struct ClusterRule
{
  int min_orders = 3; // at least this many orders …
  int days = 7;       // … within this many consecutive days
};

struct Cluster
{
  std::string matter, territory, community;
  size_t orders = 0;
  util::Date first, last;
};

// The clusters, most orders first (then earliest, then by matter and place).
// Orders without a matter or a territory are not clustered.
std::vector<Cluster>
find_clusters(std::vector<Complaint> orders, const ClusterRule& rule);

} // namespace duty::report
