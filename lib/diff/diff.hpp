#pragma once

// What a revision of a list set changes: the items added, removed and changed
// (by id, with the fields that changed), the effect on every slice (who leads,
// who assists, the limits and the whistle duty), and the findings it brings
// and fixes. The model only; output/diff.cpp formats it.
#include "audit/audit.hpp"
#include "diag/diagnostic.hpp"
#include "lists/config.hpp"
#include "lists/load.hpp"
#include "resolve/resolver.hpp"

#include <string>
#include <vector>

namespace duty::diff {

// One side of the comparison: a loaded and checked list set, and the name of
// its directory as its files' paths begin ("lists/yanqing", "HEAD~1:lists/yanqing").
struct Side
{
  lists::LoadResult loaded;
  std::string root;
};

// A value before and after; empty when absent on that side.
struct FieldChange
{
  std::string field;
  std::string before, after;
};

enum class Change { added, removed, changed };

const char*
change_name(Change c);

// A place shown as file:line; file empty when the item is absent on that side.
struct Place
{
  std::string file;
  int line = 0;
};

struct ItemChange
{
  Change change = Change::changed;
  std::string kind;  // "powers"
  std::string what;  // "power"
  std::string id;    // the item's key within its kind
  std::string label; // its name, when it has one
  Place before, after;
  std::vector<FieldChange> fields; // changed items only
};

// Slices whose answer changed the same way, merged as the audit merges findings.
struct EffectChange
{
  std::string matter, matter_name;
  std::vector<std::string> territories; // ids, sorted
  size_t all_territories = 0;           // territories on either side
  std::vector<resolve::DimValues> combos;
  size_t all_combos = 0;             // combinations the matter has
  std::vector<FieldChange> aspects; // lead, assist, limits, whistle
  size_t slices = 0;

  // "在建违法建设 (land=国有土地) in all 18 territories", as the audit says it.
  std::string where() const;
};

enum class Baseline { fresh, unchanged, absent }; // SARIF's new, unchanged, absent

const char*
baseline_name(Baseline b);

struct Report
{
  util::Date as_of;
  std::string before_root, after_root;
  size_t before_files = 0, before_items = 0, after_files = 0, after_items = 0;
  std::vector<ItemChange> items;
  std::vector<EffectChange> effects;
  // Findings of NEW that OLD lacks, of OLD that NEW lacks (located in OLD),
  // and of both (located in NEW). Each carries its baseline state.
  std::vector<diag::Diagnostic> fresh, fixed, unchanged;
  bool unreadable = false; // a side could not be read in full

  // `path` of a file in OLD, named as in NEW (same place under the root).
  std::string after_path(const std::string& before_path) const;
};

struct Options
{
  util::Date as_of;
  lists::Config config;
  audit::Filter filter; // --only, --skip, --strict, applied to both sides
};

// Compares two sides. Never throws on bad lists: their problems are findings.
Report
compare(const Side& before, const Side& after, const Options& options);

// The parts, for tests.
std::vector<ItemChange>
diff_items(const Side& before, const Side& after);
std::vector<EffectChange>
diff_effects(const lists::ListSet& before, const lists::ListSet& after, util::Date as_of);

// The list files of `dir` (a directory in a git work tree) at revision `rev`,
// read with git from PATH, named "REV:DIR/…". Throws UsageError when git is
// missing, `dir` is not in a work tree, or `rev` names no commit.
Side
read_revision(const std::string& rev, const std::string& dir);

// The list files of directory `dir` in the working tree.
Side
read_directory(const std::string& dir);

} // namespace duty::diff
