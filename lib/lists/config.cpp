#include "lists/config.hpp"

#include "diag/rules.hpp"
#include "lists/profile.hpp"
#include "lists/source.hpp"
#include "lists/yaml.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/spell.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>

namespace fs = std::filesystem;

namespace duty::lists {

namespace {

constexpr std::string_view kKeys[] = {"strict", "as-of", "profile", "rules"};

std::optional<std::string>
env(const char* name)
{
  const char* v = std::getenv(name);
  if (v && *v)
    return std::string(v);
  return std::nullopt;
}

class ConfigReader
{
public:
  ConfigReader(std::vector<SourceFile>& files, Config& c) : m_files(files), m_sink(files), m_c(c) {}

  void read(const YNode& root)
  {
    if (!root.is_map()) {
      m_sink.add(0, root, "schema",
                 fmt::format("a config file is {}; expected a mapping of settings", root.kind_name()),
                 "e.g. strict: true");
      return;
    }
    std::vector<std::string_view> keys(std::begin(kKeys), std::end(kKeys));
    for (size_t i = 0; i < root.map_size(); ++i) {
      const YNode& k = root.key(i);
      const YNode& v = root.value(i);
      if (k.text == "strict")
        strict(v);
      else if (k.text == "as-of")
        as_of(v);
      else if (k.text == "profile")
        profile(v);
      else if (k.text == "rules")
        rules(v);
      else {
        std::string hint = k.is_scalar() ? util::did_you_mean(k.text, keys) : "";
        m_sink.add(0, k, "unknown-key",
                   fmt::format("unknown setting {}", k.is_scalar() ? util::quote(k.text) : "key"),
                   hint.empty() ? "settings: " + util::one_of(keys) : hint);
      }
    }
  }

  std::vector<diag::Diagnostic> take() { return m_sink.take(); }

private:
  bool scalar(const YNode& v, std::string_view what)
  {
    if (v.is_scalar() && !util::trim(v.text).empty())
      return true;
    m_sink.add(0, v, "schema", fmt::format("\"{}\" is {}; expected a single value", what,
                                           v.is_scalar() ? "empty" : v.kind_name()));
    return false;
  }

  void strict(const YNode& v)
  {
    if (!scalar(v, "strict"))
      return;
    if (v.text == "true" || v.text == "false")
      m_c.strict = v.text == "true";
    else
      m_sink.add(0, v, "bad-value", fmt::format("\"strict\" is {}; expected true or false", util::quote(v.text)));
  }

  void as_of(const YNode& v)
  {
    if (!scalar(v, "as-of"))
      return;
    if (v.text == "today") {
      m_c.as_of.kind = AsOfPolicy::Kind::today;
    } else if (v.text == "required") {
      m_c.as_of.kind = AsOfPolicy::Kind::required;
    } else if (auto d = util::parse_date(v.text)) {
      m_c.as_of.kind = AsOfPolicy::Kind::date;
      m_c.as_of.date = *d;
    } else {
      std::string why = util::date_problem(v.text);
      m_sink.add(0, v, "bad-value",
                 fmt::format("\"as-of\" is {}; expected today, required or a date YYYY-MM-DD", util::quote(v.text)),
                 why.starts_with("dates are") ? "" : util::quote(v.text) + " is not a date: " + why);
    }
  }

  void profile(const YNode& v)
  {
    if (scalar(v, "profile")) {
      m_c.profile = util::trim(v.text);
      m_c.profile_at = locate(m_files, loc_of(0, v), token_length(v));
    }
  }

  void rules(const YNode& v)
  {
    if (v.kind == YNode::Kind::null)
      return;
    if (!v.is_map()) {
      m_sink.add(0, v, "schema", fmt::format("\"rules\" is {}; expected a mapping of rule to level", v.kind_name()),
                 "e.g. rules: {idle-unit: off, missing-basis: warning}");
      return;
    }
    std::vector<std::string_view> ids;
    for (const auto& r : diag::all_rules())
      if (diag::is_configurable(r.id))
        ids.push_back(r.id);
    for (size_t i = 0; i < v.map_size(); ++i) {
      const YNode& k = v.key(i);
      const YNode& level = v.value(i);
      if (!k.is_scalar()) {
        m_sink.add(0, k, "schema", "a rule name must be a single value");
        continue;
      }
      if (!diag::find_rule(k.text)) {
        std::string hint = util::did_you_mean(k.text, ids);
        m_sink.add(0, k, "unknown-key", fmt::format("unknown rule {}", util::quote(k.text)),
                   hint.empty() ? "the rules are listed in duty-audit(1) and duty-validate(1)" : hint);
        continue;
      }
      if (!diag::is_configurable(k.text)) {
        m_sink.add(0, k, "bad-value",
                   fmt::format("rule {} cannot be configured: a file it reports cannot be read at all",
                               util::quote(k.text)));
        continue;
      }
      if (!scalar(level, k.text))
        continue;
      std::optional<RuleLevel> l;
      if (level.text == "error")
        l = RuleLevel::error;
      else if (level.text == "warning")
        l = RuleLevel::warning;
      else if (level.text == "off")
        l = RuleLevel::off;
      if (!l) {
        std::string hint = util::did_you_mean(level.text, {"error", "warning", "off"});
        m_sink.add(0, level, "bad-value",
                   fmt::format("level {} of rule {}; expected error, warning or off", util::quote(level.text),
                               util::quote(k.text)),
                   hint);
        continue;
      }
      m_c.rules.emplace_back(k.text, *l);
    }
  }

  const std::vector<SourceFile>& m_files;
  Sink m_sink;
  Config& m_c;
};

} // namespace

bool
is_config_name(std::string_view filename)
{
  return std::find(std::begin(kConfigNames), std::end(kConfigNames), filename) != std::end(kConfigNames);
}

std::optional<std::string>
find_config(const std::string& list_dir)
{
  if (auto explicit_path = env("DUTY_CONFIG"))
    return explicit_path;
  std::error_code ec;
  fs::path dir = fs::absolute(list_dir.empty() ? "." : list_dir, ec);
  std::error_code missing;
  if (!ec && !fs::is_directory(dir, missing))
    dir = dir.parent_path(); // a file, or a path that is not there: from its directory
  dir = dir.lexically_normal();
  if (dir.has_filename() == false && dir != dir.root_path())
    dir = dir.parent_path(); // "a/b/" → "a/b"
  std::optional<fs::path> home;
  if (auto h = env("HOME"))
    home = fs::path(*h).lexically_normal();
  for (int depth = 0; !ec && depth < 256; ++depth) {
    for (const char* name : kConfigNames) {
      fs::path candidate = dir / name;
      std::error_code absent; // set for a file that is not there: no error here
      if (fs::is_regular_file(candidate, absent)) {
        std::error_code rel_ec;
        fs::path rel = fs::relative(candidate, fs::current_path(rel_ec), rel_ec);
        return (rel_ec || rel.empty() ? candidate : rel).string();
      }
    }
    if ((home && (dir == *home || dir / "" == *home)) || dir == dir.root_path() || !dir.has_relative_path())
      break;
    dir = dir.parent_path();
  }
  fs::path global;
  if (auto xdg = env("XDG_CONFIG_HOME"))
    global = fs::path(*xdg) / "duty" / "config.yaml";
  else if (home)
    global = *home / ".config" / "duty" / "config.yaml";
  if (!global.empty() && fs::is_regular_file(global, missing))
    return global.string();
  return std::nullopt;
}

ConfigResult
parse_config(const std::string& path, std::string text)
{
  ConfigResult r;
  r.config.path = path;
  std::vector<SourceFile> files(1);
  SourceFile& f = files[0];
  f.path = path;
  if (text.starts_with("\xEF\xBB\xBF"))
    text.erase(0, 3);
  f.text = std::move(text);
  f.line_starts = util::line_starts(f.text);
  if (util::find_invalid_utf8(f.text) != std::string::npos || f.text.find('\0') != std::string::npos) {
    Sink sink(files);
    sink.add(Loc{0, 1, 1}, "encoding", "the config file is not UTF-8 text");
    r.diags = sink.take();
    return r;
  }
  YamlDoc doc = parse_yaml(f.text);
  Sink sink(files);
  for (const auto& p : doc.problems)
    sink.add(Loc{0, p.line, p.col}, p.rule, p.message, p.hint);
  r.diags = sink.take();
  if (!doc.root)
    return r; // an empty file: no settings
  ConfigReader reader(files, r.config);
  reader.read(*doc.root);
  auto more = reader.take();
  r.diags.insert(r.diags.end(), more.begin(), more.end());
  return r;
}

ConfigResult
read_config(const std::string& path)
{
  std::string why;
  auto text = util::read_file(path, why);
  if (!text) {
    ConfigResult r;
    diag::Diagnostic d;
    d.location.file = path;
    d.rule = "io";
    d.message = "cannot read the config file: " + why;
    r.diags.push_back(std::move(d));
    return r;
  }
  return parse_config(path, std::move(*text));
}

ConfigResult
load_config(const std::string& list_dir)
{
  auto path = find_config(list_dir);
  if (!path)
    return {};
  return read_config(*path);
}

void
apply_rule_levels(const Config& config, std::vector<diag::Diagnostic>& diags, const std::vector<std::string>& keep)
{
  if (config.rules.empty())
    return;
  auto level_of = [&](const std::string& rule) -> std::optional<RuleLevel> {
    std::optional<RuleLevel> out;
    for (const auto& [r, l] : config.rules)
      if (r == rule)
        out = l; // the last setting of a rule wins, as in a YAML merge
    return out;
  };
  std::erase_if(diags, [&](diag::Diagnostic& d) {
    auto l = level_of(d.rule);
    if (!l)
      return false;
    if (*l == RuleLevel::off)
      return std::find(keep.begin(), keep.end(), d.rule) == keep.end();
    d.severity = *l == RuleLevel::error ? diag::Severity::error : diag::Severity::warning;
    return false;
  });
}

namespace {

bool
names_file(std::string_view spec)
{
  std::string_view path = spec.substr(0, spec.find('#'));
  return path.ends_with(".yaml") || path.ends_with(".yml") || path.find('/') != std::string_view::npos;
}

} // namespace

std::string
profile_spec(const std::string& given, const Config& config)
{
  if (!given.empty())
    return given;
  namespace fs = std::filesystem;
  if (names_file(config.profile) && !config.path.empty() && fs::path(config.profile).is_relative())
    return (fs::path(config.path).parent_path() / config.profile).string(); // ".." as the OS reads it: after symlinks
  return config.profile;
}

std::vector<diag::Diagnostic>
check_config_profile(const Config& config, const ListSet& set)
{
  if (config.profile.empty())
    return {};
  std::vector<std::string_view> names = builtin_profile_names();
  if (std::find(names.begin(), names.end(), config.profile) != names.end())
    return {};
  for (const auto& p : set.profiles)
    if (p.id.value == config.profile)
      return {};
  diag::Diagnostic d;
  d.location = config.profile_at;
  d.rule = "unknown-reference";
  const diag::Rule* r = diag::find_rule(d.rule);
  d.severity = r ? r->severity : diag::Severity::error;
  if (names_file(config.profile)) {
    std::error_code ec;
    std::string spec = profile_spec("", config);
    std::string path = spec.substr(0, spec.find('#'));
    if (std::filesystem::exists(path, ec))
      return {}; // the file itself is checked when a command reads it
    d.message = fmt::format("\"profile\" names the file {}, which does not exist", util::quote(config.profile));
    d.hint = fmt::format("a profile file is found from the config file's directory: {}", path);
    return {d};
  }
  for (const auto& p : set.profiles)
    names.push_back(p.id.value);
  d.message = fmt::format("\"profile\" is {}, which is neither a profile of the list set nor a built-in",
                          util::quote(config.profile));
  std::string hint = util::did_you_mean(config.profile, names);
  d.hint = hint.empty() ? "profiles: " + util::one_of(names) : hint;
  return {d};
}

util::Date
resolve_as_of(const std::string& given, const AsOfPolicy& policy, const std::string& option)
{
  if (!given.empty()) {
    if (auto d = util::parse_date(given))
      return *d;
    throw UsageError(fmt::format("{}: {} is not a date: {}", option, util::quote(given), util::date_problem(given)));
  }
  switch (policy.kind) {
  case AsOfPolicy::Kind::today: return util::today_shanghai();
  case AsOfPolicy::Kind::date: return policy.date;
  case AsOfPolicy::Kind::required: break;
  }
  throw UsageError(option + " is required: the config file sets as-of: required");
}

} // namespace duty::lists
