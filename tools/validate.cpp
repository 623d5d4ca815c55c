// duty validate: check list files for everything one pass can see.
#include "cli.hpp"
#include "commands.hpp"

#include "lists/config.hpp"
#include "lists/load.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>

namespace duty::tools {

namespace {

// Drops the paths outside the list set at `dir` but config files (duty.yaml
// may sit above the set); says so on stderr, as a hook's log shows it.
// Whether `p` lies under `root`: by its path as written (a set's file may be a
// symlink to one elsewhere) or by its real path.
bool
under(const std::filesystem::path& root, const std::filesystem::path& p)
{
  namespace fs = std::filesystem;
  auto inside = [](const fs::path& r, const fs::path& f) {
    return std::mismatch(r.begin(), r.end(), f.begin(), f.end()).first == r.end();
  };
  std::error_code ec;
  return inside(fs::absolute(root, ec).lexically_normal(), fs::absolute(p, ec).lexically_normal())
         || inside(fs::weakly_canonical(root, ec), fs::weakly_canonical(p, ec));
}

// Drops the paths outside the list set at `dir` but config files (duty.yaml
// may sit above the set); says so on stderr, as a hook's log shows it.
void
skip_outside(const std::string& dir, std::vector<std::string>& paths)
{
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw UsageError("--lists: " + util::quote(dir) + " is not a directory");
  std::erase_if(paths, [&](const std::string& p) {
    if (p == "-" || lists::is_config_name(fs::path(p).filename().string()))
      return false;
    if (!under(dir, p)) {
      fmt::print(stderr, "duty validate: {}: not in the list set {}: skipped (--in-set)\n",
                 util::terminal_safe(p), util::terminal_safe(dir));
      return true;
    }
    // A hidden file or folder of the set (.github/…) is not read with the set either.
    fs::path rel = fs::absolute(p, ec).lexically_normal().lexically_relative(fs::absolute(dir, ec).lexically_normal());
    for (const auto& part : rel)
      if (part.string().starts_with(".") && part != "." && part != "..") {
        fmt::print(stderr, "duty validate: {}: hidden, not read with the list set {}: skipped (--in-set)\n",
                   util::terminal_safe(p), util::terminal_safe(dir));
        return true;
      }
    return false;
  });
}

// The config's profile checked against the set it names a default for: when
// the config sits at the root of the set validated, or the config file itself
// is given (then against the set it sits in, or the --lists set). A user's or
// $DUTY_CONFIG's config is not the set's, and a folder of a set is not the set.
std::vector<diag::Diagnostic>
profile_findings(const lists::Config& config, const lists::LoadResult& loaded, const std::string& set_dir,
                 bool config_given, bool focused, bool nothing_else)
{
  namespace fs = std::filesystem;
  if (config.profile.empty() || config.path.empty())
    return {};
  std::error_code ec;
  fs::path home = fs::path(config.path).parent_path();
  if (home.empty())
    home = ".";
  bool at_root = !set_dir.empty() && fs::weakly_canonical(home, ec) == fs::weakly_canonical(set_dir, ec);
  std::vector<diag::Diagnostic> out;
  if ((at_root && !focused) || (focused && config_given)) {
    out = lists::check_config_profile(config, loaded.set);
  } else if (config_given && nothing_else) {
    lists::LoadResult set = lists::load_list_set({home.string()});
    if (!set.unreadable)
      out = lists::check_config_profile(config, set.set);
  }
  return out;
}

class Validate final : public Tool
{
public:
  void define(CLI::App& app) override
  {
    app.description("Check list files: YAML syntax, schema, duplicate keys and ids, references, "
                    "calendars and the matter tree. Files given with --lists DIR are checked in the "
                    "context of the whole set, and only their findings are reported.");
    app.add_option("paths", m_paths, "List-set directories or list files ('-' reads standard input); "
                                     "a duty.yaml is checked as a config file")
      ->type_name("PATH");
    add_lists_option(app, m_lists);
    app.add_flag("--in-set", m_in_set,
                 "With --lists: skip the given files that lie outside the set (a hook passes every changed "
                 "YAML file, the CI's and the editor's too)");
    add_report_options(app, m_format, m_color);
    m_strict.add_to(app);
    app.footer("Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error or "
               "unreadable input.\nSee duty-validate(1), duty-lists(5) and duty-config(5).");
  }

  int run(CLI::App&) override
  {
    if (m_in_set && m_lists.empty())
      throw UsageError("--in-set skips files outside the set that --lists names: give --lists");
    bool focused = !m_paths.empty() && !m_lists.empty();
    if (m_in_set && focused) {
      skip_outside(m_lists, m_paths);
      std::vector<diag::Diagnostic> none;
      if (m_paths.empty()) // nothing of the set changed
        return report(none, 0, 0, "validate", m_format, m_color, false);
    }
    if (m_paths.empty())
      m_paths.push_back(lists_dir(m_lists));
    std::string dir = focused ? m_lists : m_paths.front() == "-" ? "." : m_paths.front();

    // A config file given by name is checked as one (a pre-commit hook passes it
    // too); its problems are then findings, not a usage error.
    std::vector<diag::Diagnostic> config_diags;
    std::vector<std::string> config_paths;
    std::erase_if(m_paths, [&](const std::string& p) {
      namespace fs = std::filesystem;
      if (!lists::is_config_name(fs::path(p).filename().string()) || fs::is_directory(p))
        return false;
      auto r = lists::read_config(p);
      config_diags.insert(config_diags.end(), r.diags.begin(), r.diags.end());
      config_paths.push_back(fs::weakly_canonical(p).string());
      return true;
    });
    lists::Config config;
    auto found = lists::find_config(dir);
    bool config_given = found && std::find(config_paths.begin(), config_paths.end(),
                                           std::filesystem::weakly_canonical(*found).string()) != config_paths.end();
    if (config_given) {
      auto r = lists::read_config(*found);
      if (diag::count(r.diags).errors == 0)
        config = r.config;
    } else {
      config = config_for(dir);
    }
    size_t config_files = config_paths.size();

    lists::LoadResult loaded;
    size_t files = 0, items = 0;
    if (focused) {
      lists::FocusResult r = lists::load_focused(m_lists, m_paths);
      loaded = std::move(r.loaded);
      files = r.files;
      items = r.items;
    } else if (!m_paths.empty()) {
      loaded = lists::load_and_check(m_paths);
      files = loaded.set.files.size();
      items = loaded.set.item_count();
    }
    std::string set_dir = focused ? m_lists
                          : m_paths.size() == 1 && std::filesystem::is_directory(m_paths[0]) ? m_paths[0]
                                                                                          : std::string();
    auto profile = profile_findings(config, loaded, set_dir, config_given, focused, m_paths.empty());
    loaded.diags.insert(loaded.diags.end(), profile.begin(), profile.end());
    lists::apply_rule_levels(config, loaded.diags);
    if (m_strict.resolve(config))
      for (auto& d : loaded.diags)
        if (d.severity == diag::Severity::warning)
          d.severity = diag::Severity::error;
    loaded.diags.insert(loaded.diags.end(), config_diags.begin(), config_diags.end());
    return report(loaded.diags, files + config_files, items, "validate", m_format, m_color, loaded.unreadable);
  }

private:
  std::vector<std::string> m_paths;
  bool m_in_set = false;
  std::string m_lists, m_format = "auto", m_color = "auto";
  StrictOption m_strict;
};

} // namespace

std::unique_ptr<Tool>
make_validate()
{
  return std::make_unique<Validate>();
}

} // namespace duty::tools
