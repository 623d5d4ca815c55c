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

// A list file's text, already read (e.g. from git), and the path that names it.
struct SourceText
{
  std::string path;
  std::string text;
};

// Loads files already in memory, in the given order (no checks across files).
LoadResult
load_sources(std::vector<SourceText> sources);

// load_sources followed by check_list_set.
LoadResult
load_and_check(std::vector<SourceText> sources);

// The files of a set a command looks at, and the findings about them only.
struct FocusResult
{
  LoadResult loaded; // the whole set; diags only those about the focus
  size_t files = 0;  // focus files read
  size_t items = 0;  // their items
};

// Loads and checks the set at `dir` together with `paths` (files or
// directories, inside the set or not; "-" is standard input) and keeps only
// the findings located in `paths` or related to them: a file is checked in the
// context of its whole set, as a pre-commit hook wants for the files it changed.
FocusResult
load_focused(const std::string& dir, const std::vector<std::string>& paths);

// Loads one file's text (already read) into `result`; `path` names it in
// diagnostics. Used by load_list_set and by tests.
void
load_text(LoadResult& result, const std::string& path, std::string text);

} // namespace duty::lists
