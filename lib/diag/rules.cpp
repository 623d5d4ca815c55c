#include "diag/rules.hpp"

#include <algorithm>

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
  {"invisible-character", S::error,
   "An id, name, alias or reference holds a character that cannot be seen: a zero-width or "
   "bidirectional-control character, another format or control character, or a space other than "
   "U+0020 and U+3000.",
   "Delete the character: it makes the text differ from the same text without it."},
  {"stray-space", S::warning, "An id, name, alias or reference begins or ends with a space (often U+3000).",
   "Remove the space: names are matched without it, but ids and references keep it."},
  {"unknown-reference", S::error,
   "A value names a unit, matter, power, dimension or dimension value that does not exist.",
   "Define the referenced item, or fix the spelling."},
  {"alias", S::error, "A YAML alias forms a cycle or expands beyond the allowed size.",
   "Aliases may refer only to finished nodes, and their expansion is bounded."},
  {"calendar", S::error, "A calendar is inconsistent.",
   "Holidays must fall inside the calendar's year; make-up workdays must be Saturdays or Sundays."},
  {"matter-cycle", S::error, "The matter tree has a cycle.",
   "Each matter's parent chain must end at a root matter."},
  {"unsplit-dimension", S::error,
   "A condition names a dimension that neither its matter nor the matters above or below it split by.",
   "Such a condition never holds: add the dimension to the matter's split_by, or drop the condition."},
  // Cross-list rules of duty audit.
  {"responsibility-without-power", S::error,
   "A responsibility names a power that does not exist or is not in force.",
   "Each responsibility-list entry belongs to a power of the power list.", true},
  {"overlap", S::error, "Two or more units lead the same slice and no primary entry settles it.",
   "Add a primary-duty entry (kind: primary) for the matter and condition that names one lead "
   "and the assisting units (多头管).", true},
  {"orphan-matter", S::error, "A slice of a matter has no lead.",
   "Give a unit a power or a 基本履职 task on the matter, or add a primary-duty entry (没人管).", true},
  {"conflicting-primary", S::error, "Equally specific primary-duty entries name different leads.",
   "Make one entry more specific (a deeper matter, a where or a when) or remove one.", true},
  {"lead-without-power", S::error,
   "A primary-duty lead holds neither a power nor a 基本履职 task for the matter.",
   "The lead must be able to act (看得见的管不了): give it the power, or name the holder as lead.", true},
  {"power-without-responsibility", S::warning, "A power has no responsibility-list entry.",
   "Every power carries duties and accountability (责任清单).", true},
  {"missing-basis", S::error, "A power has no legal basis (设定依据).",
   "List the law, regulation or rule that sets the power under basis:.", true},
  {"retired-unit", S::error, "An item in force refers to a unit outside its valid_from..valid_to.",
   "Point the item at the unit that took over the duties, or end the item's validity.", true},
  {"idle-unit", S::warning, "A unit in force has no power, task, primary role or whistle duty.",
   "Retire the unit (valid_to) or give it its duties.", true},
  {"whistle-without-power", S::warning,
   "A whistle summons a unit that holds no power over the matter.",
   "Summon the departments that hold powers over the matter (吹哨报到).", true},
  {"task-conflict", S::error, "A unit is both 基本履职 and 上级收回 for the same slice.",
   "A matter taken back by the district (上级收回) cannot also be the street's own duty.", true},
  {"bad-suppression", S::error, "A suppression comment is malformed, lacks a reason or names an unknown rule.",
   "Write # duty: allow RULE -- reason, on the item's line or the line above."},
  {"unused-suppression", S::warning, "A suppression comment silences nothing.",
   "Remove it: the finding it waived is gone."},
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

bool
is_audit_rule(std::string_view id)
{
  const Rule* r = find_rule(id);
  return r && r->audit;
}

bool
is_configurable(std::string_view id)
{
  // A file these report could not be read at all: nothing to relax.
  static constexpr std::string_view kUnreadable[] = {"io", "encoding", "syntax", "no-lists", "alias"};
  return find_rule(id) && std::find(std::begin(kUnreadable), std::end(kUnreadable), id) == std::end(kUnreadable);
}

} // namespace duty::diag
