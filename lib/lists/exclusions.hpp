#pragma once

// What the profile's exclusion rules read in an order, where more than one
// area applies them (rates counts with them; replay reports them).
#include <string_view>

namespace duty::lists {

// Whether an order of this 工单类型 is a consultation (咨询, 咨询类), which the
// `consultation` exclusion removes.
inline bool
is_consultation(std::string_view order_type)
{
  return order_type == "咨询" || order_type == "咨询类";
}

} // namespace duty::lists
