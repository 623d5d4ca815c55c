#include "report/stamp.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <set>

namespace duty::report {

std::vector<std::pair<std::string, std::string>>
stamp_fields(const Stamp& s)
{
  return {
    {"清单", s.lists},
    {"清单哈希", s.lists_hash},
    {"考核方案", s.profile},
    {"工作日历", s.calendar_years},
    {"数据截至", s.as_of},
    {"生成工具", "duty " + s.version},
  };
}

std::string
calendar_years(const lists::ListSet& set)
{
  std::set<int> years;
  for (const auto& c : set.calendars)
    years.insert(c.year);
  return years.empty() ? std::string("无") : fmt::format("{}", fmt::join(years, ", "));
}

} // namespace duty::report
