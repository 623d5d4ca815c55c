#include "diag/rules.hpp"

namespace duty::diag {

namespace {

using S = Severity;

constexpr Rule kRules[] = {
  {"io", S::error, "A file or directory could not be read.",
   "Check the path and its permissions."},
  {"encoding", S::error, "A list file is not valid UTF-8 text.",
   "List files are UTF-8. Convert a GBK file with iconv -f GB18030 -t UTF-8; remove NUL bytes."},
  {"syntax", S::error, "A list file is not well-formed YAML.",
   "Fix the YAML at the position shown: indentation uses spaces, quotes and brackets must close."},
  {"no-lists", S::error, "A path holds no list files.",
   "A list set is a directory of *.yaml or *.yml files, each with kind: and items:."},
  {"schema", S::error, "A value has the wrong shape, type or format, or a required field is missing.",
   "See duty-lists(5) for the fields of each kind."},
  {"unknown-kind", S::error, "A list file declares a kind duty does not know.",
   "kind must be one of units, matters, powers, responsibilities, primary, tasks, whistles, "
   "calendar, profile."},
  {"unknown-key", S::error, "A mapping holds a key that its kind does not define.",
   "Unknown keys are errors so that a misspelt field is never silently ignored."},
  {"bad-value", S::error, "A value lies outside its allowed set, or is not a valid date or duration.",
   "Dates are YYYY-MM-DD; durations are 30m, 2h, 7d or 7wd."},
  {"duplicate-key", S::error, "A mapping holds the same key twice.",
   "YAML requires unique keys; parsers disagree on which value wins."},
  {"duplicate-id", S::error, "Two items of one kind share an id.",
   "Ids (unit id, matter id, power code, …) are unique within a kind across all files."},
  {"unknown-reference", S::error,
   "A value names a unit, matter, power, dimension or dimension value that does not exist.",
   "Define the referenced item, or fix the spelling."},
  {"alias", S::error, "A YAML alias forms a cycle or expands beyond the allowed size.",
   "Aliases may refer only to finished nodes, and their expansion is bounded."},
  {"calendar", S::error, "A calendar is inconsistent.",
   "Holidays must fall inside the calendar's year; make-up workdays must be Saturdays or Sundays."},
  {"matter-cycle", S::error, "The matter tree has a cycle.",
   "Each matter's parent chain must end at a root matter."},
};

} // namespace

std::span<const Rule>
all_rules()
{
  return kRules;
}

const Rule*
find_rule(std::string_view id)
{
  for (const auto& r : kRules)
    if (r.id == id)
      return &r;
  return nullptr;
}

} // namespace duty::diag
