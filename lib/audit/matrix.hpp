#pragma once

#include "resolve/resolver.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace duty::audit {

// One row of the coverage matrix: a leaf-matter slice and who leads it.
struct MatrixRow
{
  std::string matter, matter_name, territory, dims, status, lead;
  std::vector<std::string> assist;
  std::vector<std::string> decided_by; // primary entry ids, power codes or task ids
};

std::vector<MatrixRow>
coverage_matrix(const resolve::Resolver& resolver, util::Date as_of);

} // namespace duty::audit
