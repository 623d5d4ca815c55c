#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace duty::store {

// One result set of a query: SQLite's values as they came.
struct ResultSet
{
  using Cell = std::variant<std::monostate, int64_t, double, std::string>;
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
};

} // namespace duty::store
