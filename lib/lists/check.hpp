#pragma once

#include "diag/diagnostic.hpp"
#include "lists/index.hpp"
#include "lists/model.hpp"

#include <vector>

namespace duty::lists {

// The checks that need the whole set: duplicate ids across files, references
// to units, matters, powers, dimensions and their values, calendar
// consistency, the matter tree's acyclicity, and role-specific fields.
std::vector<diag::Diagnostic>
check_list_set(const ListSet& set, const Index& index);

} // namespace duty::lists
