#pragma once

#include "lists/model.hpp"
#include "lists/source.hpp"

namespace duty::lists {

// Ids, names, aliases and references that hold invisible characters (an
// error: "u1" and "u1" followed by U+200B look alike and differ) or that begin
// or end with a space (a warning: U+3000 pasted after a name).
void check_identifiers(const ListSet& set, Sink& sink);

} // namespace duty::lists
