#pragma once

#include "lists/model.hpp"
#include "lists/schema.hpp"

namespace duty::lists {

// Turns a checked item (its slots) into a model value and appends it to the set.
// Kinds with nested settings (profile) report their problems to `sink`.
void
build_item(ListSet& set, const KindSchema& schema, uint32_t file, const YNode& item,
           const Slots& slots, Sink& sink);

// Reads a matters file's `dimensions:` mapping (name → allowed values).
void
build_dimensions(ListSet& set, uint32_t file, const YNode& node, Sink& sink);

} // namespace duty::lists
