// duty diff: what a revision of the lists changes — items, the lead on every
// slice, and the findings it brings and fixes.
#include "cli.hpp"
#include "commands.hpp"

#include "diag/rules.hpp"
#include "diff/diff.hpp"
#include "output/diff.hpp"
#include "util/error.hpp"
#include "util/spell.hpp"
#include "util/text.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <unistd.h>

namespace duty::tools {

namespace {

class Diff final : public Tool
{
public:
  void define(CLI::App& app) override
  {
    app.description("Compare two revisions of a list set: the items added, removed and changed (by id, "
                    "with the fields that changed), every slice whose lead, assisting units, limits or "
                    "whistle duty changed, and the audit's findings that are new, fixed or unchanged. "
                    "OLD and NEW are list-set directories; --rev REV compares DIR as it was at a git "
                    "revision with DIR in the working tree.");
    app.add_option("dirs", m_dirs, "OLD NEW, or with --rev the list-set directory DIR (default: --lists, "
                                   "$DUTY_LISTS)")
      ->type_name("DIR")
      ->expected(0, 2);
    app.add_option("--rev", m_rev, "Compare DIR at this git revision (read with git) against the working tree")
      ->type_name("REV");
    add_lists_option(app, m_lists);
    add_as_of_option(app, m_as_of);
    add_format_option(app, m_format, output::kDiffFormats,
                      "Output format (auto: github under GitHub Actions, else text)");
    add_color_option(app, m_color);
    app.add_option("--fail-on", m_fail_on,
                   "Exit 1 when: new (NEW has an error or warning OLD lacks), any (NEW has an error), "
                   "or none")
      ->check(CLI::IsMember({"none", "new", "any"}))
      ->capture_default_str();
    m_strict.add_to(app);
    app.add_option("--only", m_filter.only, "Compare only this rule's findings (repeatable)")
      ->allow_extra_args(false)
      ->type_name("RULE");
    app.add_option("--skip", m_filter.skip, "Leave this rule's findings out (repeatable)")
      ->allow_extra_args(false)
      ->type_name("RULE");
    app.footer("Exit status: 0 compared (and --fail-on not triggered), 1 --fail-on triggered, 2 usage "
               "error or unreadable input.\nSee duty-diff(1) and duty-config(5).");
  }

  int run(CLI::App&) override
  {
    check_rule_names(m_filter.only, "--only");
    check_rule_names(m_filter.skip, "--skip");
    diff::Side before, after;
    std::string new_dir;
    if (!m_rev.empty()) {
      if (m_dirs.size() > 1)
        throw UsageError("--rev takes one directory: duty diff --rev REV [DIR]");
      new_dir = m_dirs.empty() ? lists_dir(m_lists) : m_dirs[0];
    } else {
      if (m_dirs.size() != 2)
        throw UsageError("give OLD and NEW directories, or --rev REV [DIR]");
      new_dir = m_dirs[1];
    }
    // A side that is no directory is a usage error before anything is compared:
    // a diff against nothing would list every item as removed.
    for (const std::string& d : m_rev.empty() ? m_dirs : std::vector<std::string>{new_dir}) {
      std::error_code ec;
      if (!std::filesystem::is_directory(d, ec))
        throw UsageError(util::quote(d) + (std::filesystem::exists(d, ec) ? " is not a directory"
                                                                          : ": no such directory"));
    }
    lists::Config config = config_for(new_dir);
    diff::Options options{lists::resolve_as_of(m_as_of, config.as_of), config, m_filter};
    options.filter.strict = m_strict.resolve(config);
    if (!m_rev.empty())
      before = diff::read_revision(m_rev, new_dir);
    else
      before = diff::read_directory(m_dirs[0]);
    after = diff::read_directory(new_dir);

    diff::Report report = diff::compare(before, after, options);
    output::ReportContext ctx;
    ctx.command = "diff";
    ctx.color = output::use_color(m_color, STDOUT_FILENO);
    ctx.files = report.after_files;
    ctx.items = report.after_items;
    output::Format format = output::parse_format_for(m_format, output::kDiffFormats);
    write_stdout(output::format_diff(report, format, ctx));
    if (report.unreadable)
      return exit_usage;
    return failed(report) ? exit_findings : exit_clean;
  }

private:
  bool failed(const diff::Report& r) const
  {
    if (m_fail_on == "new")
      return std::any_of(r.fresh.begin(), r.fresh.end(), [](const diag::Diagnostic& d) {
        return !d.suppressed && d.severity != diag::Severity::note;
      });
    if (m_fail_on == "any") {
      auto error = [](const diag::Diagnostic& d) { return !d.suppressed && d.severity == diag::Severity::error; };
      return std::any_of(r.fresh.begin(), r.fresh.end(), error) ||
             std::any_of(r.unchanged.begin(), r.unchanged.end(), error);
    }
    return false;
  }

  std::vector<std::string> m_dirs;
  std::string m_rev, m_lists, m_as_of, m_format = "auto", m_color = "auto", m_fail_on = "none";
  StrictOption m_strict;
  audit::Filter m_filter;
};

} // namespace

std::unique_ptr<Tool>
make_diff()
{
  return std::make_unique<Diff>();
}

} // namespace duty::tools
