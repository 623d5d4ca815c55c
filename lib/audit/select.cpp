#include "audit/audit.hpp"

namespace duty::audit {

std::vector<diag::Diagnostic>
audit_findings(const lists::ListSet& set, const lists::Index& index, const Options& options,
               std::vector<diag::Diagnostic> diags)
{
  auto found = run_audit(set, index, options);
  diags.insert(diags.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  apply_suppressions(set, diags);
  return diags;
}

void
select_findings(std::vector<diag::Diagnostic>& diags, const lists::Config& config, const Filter& filter)
{
  lists::apply_rule_levels(config, diags, filter.only);
  apply_filter(diags, filter);
}

} // namespace duty::audit
