#pragma once

// duty.yaml (or .duty.yaml): settings of a list set that the task force keeps
// next to its lists — rule severities, strictness, the as-of date policy and
// the default assessment profile. Options on the command line win over it.
// The format is in duty-config(5).
#include "diag/diagnostic.hpp"
#include "lists/model.hpp"
#include "util/date.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace duty::lists {

enum class RuleLevel { error, warning, off };

// Which date commands use when --as-of is not given.
struct AsOfPolicy
{
  enum class Kind { today, date, required };
  Kind kind = Kind::today;
  util::Date date; // Kind::date
};

struct Config
{
  std::string path; // the file read; empty when none was found
  std::optional<bool> strict;
  AsOfPolicy as_of;
  std::string profile; // the default assessment profile's id; empty when unset
  diag::Location profile_at; // where `profile` is set, for messages about it
  std::vector<std::pair<std::string, RuleLevel>> rules; // in file order
};

struct ConfigResult
{
  Config config;
  std::vector<diag::Diagnostic> diags; // problems in the file: usage errors
};

inline constexpr const char* kConfigNames[] = {"duty.yaml", ".duty.yaml"};

// Whether a file name is a config file's (duty.yaml, .duty.yaml).
bool
is_config_name(std::string_view filename);

// The config file for the list set at `list_dir` (a directory or a file in
// one), found as yamllint finds its own: $DUTY_CONFIG when set; else the first
// duty.yaml or .duty.yaml in the directory or one of its parents, stopping
// after the home directory or the root; else $XDG_CONFIG_HOME/duty/config.yaml
// (~/.config/duty/config.yaml). nullopt when there is none.
std::optional<std::string>
find_config(const std::string& list_dir);

// Reads and checks a config file: unknown keys (with did-you-mean), unknown
// or unconfigurable rules, bad levels and dates are located diagnostics.
ConfigResult
read_config(const std::string& path);

// The same for text already read; `path` names it in diagnostics.
ConfigResult
parse_config(const std::string& path, std::string text);

// find_config then read_config; an empty Config when there is no file.
ConfigResult
load_config(const std::string& list_dir);

// Applies the rule levels: "off" drops a rule's findings, "error" and
// "warning" set their severity. Rules named in `keep` (e.g. --only) are never
// dropped: the command line wins.
void
apply_rule_levels(const Config& config, std::vector<diag::Diagnostic>& diags,
                  const std::vector<std::string>& keep = {});

// The --profile SPEC a command uses (lists/profile.hpp, choose_profile): the
// option when given, else the config's profile (a file named there is found
// from the config file's directory); empty means the default.
std::string
profile_spec(const std::string& given, const Config& config);

// The config's profile checked against the list set: a profile item's id, a
// built-in or an existing file. Otherwise an unknown-reference finding at the
// config's line, so that validate catches what rates and report would refuse.
std::vector<diag::Diagnostic>
check_config_profile(const Config& config, const ListSet& set);

// The date a command works on: `given` (--as-of, YYYY-MM-DD) when not empty,
// else the policy's. Throws UsageError for a bad date, or when the policy
// requires --as-of and none was given.
util::Date
resolve_as_of(const std::string& given, const AsOfPolicy& policy, const std::string& option = "--as-of");

} // namespace duty::lists
