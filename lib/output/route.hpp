#pragma once

#include "lists/model.hpp"
#include "resolve/route.hpp"

#include <string>

namespace duty::output {

// Who leads, who assists, whom to whistle for, the time limits, and the list
// items that decide it — for a person (text, coloured when `color`) or a
// program (json). Evidence is in a fixed order: by kind, then file and line.
std::string
format_route_text(const resolve::RouteAnswer& a, const lists::ListSet& set, bool color = false);
std::string
format_route_json(const resolve::RouteAnswer& a, const lists::ListSet& set);

} // namespace duty::output
