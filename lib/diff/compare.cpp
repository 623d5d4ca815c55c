#include "diff/diff.hpp"

#include <algorithm>
#include <map>

namespace duty::diff {

namespace {

std::string
relative(const std::string& path, const std::string& root)
{
  if (!root.empty() && path.size() > root.size() && path.starts_with(root) && path[root.size()] == '/')
    return path.substr(root.size() + 1);
  return path;
}

// A finding's identity across revisions: its rule, its file within the set
// and its message. Lines move when items are added above; these do not.
std::string
identity(const diag::Diagnostic& d, const std::string& root)
{
  return d.rule + '\x1f' + relative(d.location.file, root) + '\x1f' + d.message;
}

std::vector<diag::Diagnostic>
findings(const Side& side, const Options& o)
{
  lists::Index index(side.loaded.set);
  auto diags = audit::audit_findings(side.loaded.set, index, audit::Options{o.as_of}, side.loaded.diags);
  audit::select_findings(diags, o.config, o.filter);
  diag::sort_diagnostics(diags);
  return diags;
}

} // namespace

const char*
baseline_name(Baseline b)
{
  switch (b) {
  case Baseline::fresh: return "new";
  case Baseline::unchanged: return "unchanged";
  case Baseline::absent: return "absent";
  }
  return "?";
}

std::string
Report::after_path(const std::string& before_path) const
{
  std::string rel = relative(before_path, before_root);
  if (rel == before_path)
    return before_path;
  return after_root.empty() ? rel : after_root + "/" + rel;
}

Report
compare(const Side& before, const Side& after, const Options& options)
{
  Report r;
  r.as_of = options.as_of;
  r.before_root = before.root;
  r.after_root = after.root;
  r.before_files = before.loaded.set.files.size();
  r.before_items = before.loaded.set.item_count();
  r.after_files = after.loaded.set.files.size();
  r.after_items = after.loaded.set.item_count();
  r.unreadable = before.loaded.unreadable || after.loaded.unreadable;
  r.items = diff_items(before, after);
  r.effects = diff_effects(before.loaded.set, after.loaded.set, options.as_of);

  auto old_findings = findings(before, options);
  auto new_findings = findings(after, options);
  std::multimap<std::string, size_t> pool; // OLD's findings not yet matched
  for (size_t i = 0; i < old_findings.size(); ++i)
    pool.emplace(identity(old_findings[i], before.root), i);
  for (auto& d : new_findings) {
    auto it = pool.find(identity(d, after.root));
    if (it == pool.end()) {
      d.baseline = baseline_name(Baseline::fresh);
      r.fresh.push_back(std::move(d));
    } else {
      pool.erase(it);
      d.baseline = baseline_name(Baseline::unchanged);
      r.unchanged.push_back(std::move(d));
    }
  }
  std::vector<size_t> left;
  for (const auto& [key, i] : pool)
    left.push_back(i);
  std::sort(left.begin(), left.end()); // OLD's order: sorted by place
  for (size_t i : left) {
    old_findings[i].baseline = baseline_name(Baseline::absent);
    r.fixed.push_back(std::move(old_findings[i]));
  }
  return r;
}

Side
read_directory(const std::string& dir)
{
  Side s;
  s.root = dir;
  while (s.root.size() > 1 && s.root.ends_with('/'))
    s.root.pop_back();
  s.loaded = lists::load_and_check({dir});
  return s;
}

} // namespace duty::diff
