#pragma once

#include "diag/diagnostic.hpp"

#include <span>
#include <string_view>

namespace duty::diag {

// Every rule duty reports, in one table: its stable id, default severity,
// a one-line summary and a longer help text (used by SARIF and the man pages).
struct Rule
{
  std::string_view id;
  Severity severity;
  std::string_view summary;
  std::string_view help;
  // A cross-list rule of duty audit, which a suppression comment may waive; the
  // others are validate's rules about the files themselves.
  bool audit = false;
};

std::span<const Rule>
all_rules();

// nullptr when `id` is not a rule.
const Rule*
find_rule(std::string_view id);

// Whether `id` is a cross-list rule of duty audit (see Rule::audit).
bool
is_audit_rule(std::string_view id);

// Whether a config file (duty-config(5)) may change the rule's severity or turn
// it off: every rule but those about files that cannot be read at all.
bool
is_configurable(std::string_view id);

} // namespace duty::diag
