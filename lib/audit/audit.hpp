#pragma once

#include "diag/diagnostic.hpp"
#include "lists/config.hpp"
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

// The audit rules (check_slices and check_items) on a loaded set; validate's
// checks and the suppressions are the caller's.
std::vector<diag::Diagnostic>
run_audit(const lists::ListSet& set, const lists::Index& index, const Options& options);

// Which findings a run reports, and how severe they are.
struct Filter
{
  std::vector<std::string> only; // report only these rules (empty: all)
  std::vector<std::string> skip; // never these
  bool strict = false;           // warnings become errors
};

// Applies `filter` to `diags`: --only narrows the audit's findings, but errors
// in the files themselves (syntax, schema, references) always stay, or a broken
// set could pass as clean; --skip drops a rule; strict promotes warnings.
void
apply_filter(std::vector<diag::Diagnostic>& diags, const Filter& filter);

// Everything duty audit reports: validate's findings `diags`, the audit's,
// and the suppression comments applied to all of them.
std::vector<diag::Diagnostic>
audit_findings(const lists::ListSet& set, const lists::Index& index, const Options& options,
               std::vector<diag::Diagnostic> diags);

// The config file's rule levels (duty-config(5)), then `filter`; a rule named
// by --only is shown even when the config turns it off.
void
select_findings(std::vector<diag::Diagnostic>& diags, const lists::Config& config, const Filter& filter);

} // namespace duty::audit
