#pragma once

#include "diag/diagnostic.hpp"
#include "lists/model.hpp"

#include <string>
#include <vector>

namespace duty::lists {

struct LoadResult
{
  ListSet set;
  std::vector<diag::Diagnostic> diags;
  bool unreadable = false; // some path could not be read: exit 2
};

// Finds the list files under `paths` (directories are searched recursively
// for *.yaml and *.yml, in sorted order, hidden entries skipped; "-" is one
// file read from standard input, named <stdin>), parses and
// checks each file against its kind's schema, and builds the model. Never
// throws on bad input; every problem becomes a located diagnostic.
LoadResult
load_list_set(const std::vector<std::string>& paths);

// load_list_set followed by check_list_set: everything `duty validate` checks.
LoadResult
load_and_check(const std::vector<std::string>& paths);

// Loads one file's text (already read) into `result`; `path` names it in
// diagnostics. Used by load_list_set and by tests.
void
load_text(LoadResult& result, const std::string& path, std::string text);

} // namespace duty::lists
