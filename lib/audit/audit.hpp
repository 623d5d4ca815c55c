#pragma once

#include "diag/diagnostic.hpp"
#include "lists/index.hpp"
#include "lists/model.hpp"
#include "resolve/resolver.hpp"

#include <string>
#include <vector>

namespace duty::audit {

struct Options
{
  util::Date as_of;
};

// The cross-list rules over every slice (leaf matter × territory × dimension
// values) at the as-of date: overlap, orphan-matter, conflicting-primary,
// lead-without-power, task-conflict. Each finding is merged across the
// territories and dimension values where it is the same.
std::vector<diag::Diagnostic>
check_slices(const resolve::Resolver& resolver, const Options& options);

// The item rules: power-without-responsibility, missing-basis, retired-unit,
// idle-unit, whistle-without-power.
std::vector<diag::Diagnostic>
check_items(const resolve::Resolver& resolver, const Options& options);

// Applies "# duty: allow RULE -- reason" comments of the set's files to
// `diags` (marking them suppressed) and appends bad-suppression and
// unused-suppression findings.
void
apply_suppressions(const lists::ListSet& set, std::vector<diag::Diagnostic>& diags);

// The cross-list rules of the audit (which suppression comments may waive),
// as opposed to validate's rules about the files themselves.
bool
is_audit_rule(std::string_view rule);

// Everything: validate's checks are the caller's; this runs the audit rules
// and suppressions on a loaded set.
std::vector<diag::Diagnostic>
run_audit(const lists::ListSet& set, const lists::Index& index, const Options& options);

} // namespace duty::audit
