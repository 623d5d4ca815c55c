#pragma once

// The assessment profile: every setting of the three rates, the composite
// score, the ranking and the time limits, typed. A profile is an item of kind
// `profile` in a list set, a file of that kind given with --profile, or one of
// the built-in profiles (bj-practice, on-time), which are written in the same
// YAML and read by the same code. See duty-lists(5), PROFILES.
#include "lists/model.hpp"
#include "lists/source.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace duty::lists {

// "0.9", "1", "0.125", "100" → a Ratio; nullopt for anything else (signs,
// exponents, more than 9 decimals).
std::optional<Ratio>
parse_ratio(std::string_view s);

// Reads one profile item (a mapping) into `out`, reporting every problem at
// its place: unknown keys, bad values, weights that do not sum to 1, factors
// outside 0..1, a period window that overlaps or leaves gaps between
// consecutive periods. Returns false when the item has errors.
bool
parse_profile(const YNode& item, uint32_t file, Sink& sink, Profile& out);

// The canonical (English) word of a setting, as the YAML and JSON write it.
std::string_view name_of(RateCount v);
std::string_view name_of(RateBase v);
std::string_view name_of(ExclusionRule v);
std::string_view name_of(Measure v);
std::string_view name_of(Attribution v);
std::string_view name_of(Period::Kind v);
std::string_view name_of(PeriodStamp v);
std::string_view name_of(Tie v);
std::string_view name_of(Summary v);

// An exact decimal as written: 9/10 → "0.9", 35/100 → "0.35", 1/1 → "1".
std::string
ratio_text(const Ratio& r);

// The top-level fields of a profile item (for the JSON Schema and completions).
std::span<const std::string_view>
profile_keys();

// The names of the built-in profiles, the default first.
std::vector<std::string_view>
builtin_profile_names();

// The YAML text (a list file of kind profile) of a built-in profile, or "".
std::string_view
builtin_profile_text(std::string_view name);

// The profile a command uses, chosen by --profile SPEC: a path to a list file
// of kind profile (holding one profile, or the one whose id follows a '#':
// file.yaml#id), else a profile id of `set` (may be null), else a built-in
// name; an empty SPEC means bj-practice. `files` and `diags` locate the
// problems of a file or built-in that does not parse; `profile` is empty then.
struct ProfileChoice
{
  std::optional<Profile> profile;
  std::string source; // "built-in bj-practice", "lists/x/profile/a.yaml:9"
  std::vector<SourceFile> files;
  std::vector<diag::Diagnostic> diags;
  bool unreadable = false;
};

// Throws UsageError for a SPEC that names nothing (with did-you-mean over the
// set's profiles and the built-ins).
ProfileChoice
choose_profile(std::string_view spec, const ListSet* set);

} // namespace duty::lists
