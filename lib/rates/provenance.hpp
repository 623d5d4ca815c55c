#pragma once

#include "lists/model.hpp"

#include <string>

namespace duty::rates {

// A content hash of a list set: SHA-256 over each file's kind and text in
// load order (paths left out, so a copied set hashes the same), in hex.
std::string
lists_hash(const lists::ListSet& set);

} // namespace duty::rates
