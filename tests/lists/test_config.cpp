// Tests for lists/config: reading duty.yaml, finding it, applying it.
#include "lists/config.hpp"

#include "util/error.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fmt/format.h>
#include <filesystem>
#include <fstream>

using namespace duty;
using namespace duty::lists;

namespace fs = std::filesystem;

namespace {

std::string
messages(const ConfigResult& r)
{
  std::string s;
  for (const auto& d : r.diags)
    s += fmt::format("{}:{}: {} [{}] {}\n", d.location.line, d.location.column, d.message, d.rule, d.hint);
  return s;
}

diag::Diagnostic
finding(const std::string& rule, diag::Severity s = diag::Severity::error)
{
  diag::Diagnostic d;
  d.rule = rule;
  d.severity = s;
  return d;
}

// Sets an environment variable for the scope, then restores it.
struct Env
{
  std::string name;
  std::optional<std::string> old;
  Env(const char* n, const std::string& value) : name(n)
  {
    if (const char* v = std::getenv(n))
      old = v;
    ::setenv(n, value.c_str(), 1);
  }
  ~Env()
  {
    if (old)
      ::setenv(name.c_str(), old->c_str(), 1);
    else
      ::unsetenv(name.c_str());
  }
};

} // namespace

TEST_CASE("config: every setting")
{
  auto r = parse_config("duty.yaml", "strict: true\nas-of: 2025-06-01\nprofile: beijing-practice\n"
                                     "rules:\n  idle-unit: off\n  missing-basis: warning\n  overlap: error\n");
  CHECK(messages(r) == "");
  CHECK(r.config.strict == true);
  CHECK(r.config.as_of.kind == AsOfPolicy::Kind::date);
  CHECK(r.config.as_of.date.str() == "2025-06-01");
  CHECK(r.config.profile == "beijing-practice");
  CHECK(profile_spec("", r.config) == "beijing-practice");
  CHECK(profile_spec("on-time", r.config) == "on-time"); // --profile wins
  REQUIRE(r.config.rules.size() == 3);
  CHECK(r.config.rules[0] == std::pair<std::string, RuleLevel>{"idle-unit", RuleLevel::off});

  CHECK(parse_config("c", "as-of: today\n").config.as_of.kind == AsOfPolicy::Kind::today);
  CHECK(parse_config("c", "as-of: required\n").config.as_of.kind == AsOfPolicy::Kind::required);
  CHECK(parse_config("c", "").config.rules.empty()); // an empty file: no settings
  CHECK(!parse_config("c", "# nothing\n").config.strict);
}

TEST_CASE("config: mistakes are located, with did-you-mean")
{
  CHECK(messages(parse_config("c", "strcit: true\n")) ==
        "1:1: unknown setting \"strcit\" [unknown-key] did you mean \"strict\"?\n");
  CHECK(messages(parse_config("c", "strict: yes please\n")) ==
        "1:9: \"strict\" is \"yes please\"; expected true or false [bad-value] \n");
  CHECK(messages(parse_config("c", "as-of: 2025-02-30\n")) ==
        "1:8: \"as-of\" is \"2025-02-30\"; expected today, required or a date YYYY-MM-DD [bad-value] "
        "\"2025-02-30\" is not a date: February 2025 has 28 days\n");
  CHECK(messages(parse_config("c", "rules:\n  overlapp: off\n")) ==
        "2:3: unknown rule \"overlapp\" [unknown-key] did you mean \"overlap\"?\n");
  CHECK(messages(parse_config("c", "rules:\n  overlap: of\n")) ==
        "2:12: level \"of\" of rule \"overlap\"; expected error, warning or off [bad-value] did you mean \"off\"?\n");
  CHECK(messages(parse_config("c", "rules:\n  syntax: off\n")) ==
        "2:3: rule \"syntax\" cannot be configured: a file it reports cannot be read at all [bad-value] \n");
  CHECK(messages(parse_config("c", "rules: [overlap]\n")).starts_with("1:8: \"rules\" is a list; expected a mapping"));
  CHECK(messages(parse_config("c", "- a\n")).starts_with("1:1: a config file is a list"));
  CHECK(messages(parse_config("c", "strict: [\n")).find("[syntax]") != std::string::npos);
}

TEST_CASE("config: rule levels, --only wins over off")
{
  Config c = parse_config("c", "rules: {idle-unit: off, missing-basis: warning, overlap: warning, overlap: error}\n").config;
  std::vector<diag::Diagnostic> ds = {finding("idle-unit", diag::Severity::warning), finding("missing-basis"),
                                      finding("overlap"), finding("schema")};
  auto copy = ds;
  apply_rule_levels(c, copy);
  REQUIRE(copy.size() == 3);
  CHECK(copy[0].rule == "missing-basis");
  CHECK(copy[0].severity == diag::Severity::warning);
  CHECK(copy[1].severity == diag::Severity::error); // the last setting of a rule wins
  apply_rule_levels(c, ds, {"idle-unit"});
  CHECK(ds.size() == 4);
}

TEST_CASE("config: the as-of date")
{
  AsOfPolicy today;
  AsOfPolicy fixed{AsOfPolicy::Kind::date, *util::parse_date("2025-03-01")};
  AsOfPolicy required{AsOfPolicy::Kind::required, {}};
  CHECK(resolve_as_of("2025-06-01", required).str() == "2025-06-01");
  CHECK(resolve_as_of("", fixed).str() == "2025-03-01");
  CHECK(resolve_as_of("", today) == util::today_shanghai());
  CHECK_THROWS_WITH_AS(resolve_as_of("", required), "--as-of is required: the config file sets as-of: required",
                       UsageError);
  CHECK_THROWS_WITH_AS(resolve_as_of("2025-13-01", today), "--as-of: \"2025-13-01\" is not a date: there is no month 13",
                       UsageError);
}

TEST_CASE("config: found upward from the list set, as yamllint finds its own")
{
  fs::path root = fs::temp_directory_path() / fs::path("duty-config-XXXXXX");
  std::string tmpl = root.string();
  root = ::mkdtemp(tmpl.data());
  fs::create_directories(root / "repo/lists/set/sub");
  fs::create_directories(root / "home/.config/duty");
  Env home("HOME", (root / "home").string());
  Env xdg("XDG_CONFIG_HOME", (root / "xdg").string());
  ::unsetenv("DUTY_CONFIG");
  auto found = [&](const char* dir) {
    auto p = find_config((root / dir).string());
    return p ? fs::weakly_canonical(*p).lexically_relative(fs::weakly_canonical(root)).string() : std::string("-");
  };
  CHECK(found("repo/lists/set") == "-");
  std::ofstream(root / "repo/.duty.yaml") << "strict: true\n";
  CHECK(found("repo/lists/set") == "repo/.duty.yaml");
  CHECK(found("repo/lists/set/sub/x.yaml") == "repo/.duty.yaml"); // a file: from its directory
  std::ofstream(root / "repo/lists/set/duty.yaml") << "strict: false\n";
  CHECK(found("repo/lists/set") == "repo/lists/set/duty.yaml");
  std::ofstream(root / "repo/lists/set/.duty.yaml") << "strict: false\n";
  CHECK(found("repo/lists/set") == "repo/lists/set/duty.yaml"); // duty.yaml before .duty.yaml
  {
    Env explicit_config("DUTY_CONFIG", "/elsewhere/duty.yaml");
    CHECK(find_config((root / "repo").string()) == "/elsewhere/duty.yaml");
  }
  // The global one: $XDG_CONFIG_HOME/duty/config.yaml, else ~/.config/duty/config.yaml.
  fs::create_directories(root / "home/other");
  CHECK(found("home/other") == "-");
  std::ofstream(root / "home/.config/duty/config.yaml") << "strict: true\n";
  CHECK(found("home/other") == "-"); // XDG_CONFIG_HOME is set: only there
  ::unsetenv("XDG_CONFIG_HOME");
  CHECK(found("home/other") == "home/.config/duty/config.yaml");
  // The search stops at the home directory: a duty.yaml above it is not found.
  std::ofstream(root / "duty.yaml") << "strict: true\n";
  CHECK(found("home/other") == "home/.config/duty/config.yaml");
  fs::remove_all(root);
}
