// duty completion bash|zsh|fish: shell completions read off the command
// table and each command's CLI11 app, so they list exactly the options there are.
#include "cli.hpp"
#include "commands.hpp"

#include "diag/rules.hpp"
#include "lists/load.hpp"
#include "lists/model.hpp"
#include "shell/completion.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace duty::tools {

namespace {

// The value kind an option declared with its type name ("DIR", "TEXT:{a,b}").
shell::Value
value_of(const CLI::Option& o, std::vector<std::string>& choices)
{
  if (o.get_items_expected_max() == 0)
    return shell::Value::none;
  std::string type = o.get_type_name();
  size_t brace = type.find(":{");
  if (brace != std::string::npos && type.ends_with("}")) {
    std::string list = type.substr(brace + 2, type.size() - brace - 3);
    for (size_t p = 0; p <= list.size();) {
      size_t comma = std::min(list.find(',', p), list.size());
      choices.push_back(list.substr(p, comma - p));
      p = comma + 1;
    }
    return shell::Value::choice;
  }
  type = type.substr(0, type.find(':'));
  if (type == "RULE") {
    for (const auto& r : diag::all_rules())
      choices.emplace_back(r.id);
    return shell::Value::choice;
  }
  if (type == "DIR")
    return shell::Value::dir;
  if (type == "FILE")
    return shell::Value::file;
  if (type == "PATH")
    return shell::Value::path;
  if (type == "MATTER")
    return shell::Value::matter;
  if (type == "TERRITORY")
    return shell::Value::territory;
  if (type == "UNIT")
    return shell::Value::unit;
  return shell::Value::text;
}

// The first sentence of a description, for a one-line summary.
std::string
summary_of(std::string s)
{
  size_t end = std::min({s.find(". "), s.find(": "), s.find('\n')});
  if (end != std::string::npos)
    s.resize(end);
  if (s.ends_with("."))
    s.pop_back();
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z')
    s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

shell::Command
from_app(const CLI::App& app, const std::string& name, const std::string& help)
{
  shell::Command c;
  c.name = name;
  c.help = help;
  for (const CLI::Option* o : app.get_options()) {
    if (o->get_group().empty())
      continue; // hidden
    std::vector<std::string> choices;
    shell::Value v = value_of(*o, choices);
    if (o->get_positional()) {
      c.operand = v == shell::Value::none ? shell::Value::text : v;
      if (v == shell::Value::choice)
        c.operand_choices = choices;
      continue;
    }
    shell::Option opt;
    for (const auto& l : o->get_lnames())
      opt.names.push_back("--" + l);
    for (const auto& s : o->get_snames())
      opt.names.push_back("-" + s);
    opt.value = v;
    opt.choices = std::move(choices);
    opt.help = o->get_description();
    opt.repeatable = v != shell::Value::none && o->get_expected_max() > 1;
    c.options.push_back(std::move(opt));
  }
  for (const CLI::App* s : app.get_subcommands([](const CLI::App*) { return true; }))
    c.subcommands.push_back(from_app(*s, s->get_name(), summary_of(s->get_description())));
  return c;
}

shell::Command
describe_all()
{
  shell::Command root;
  root.name = "duty";
  root.options = {{{"--help", "-h"}, shell::Value::none, {}, "show the commands and exit", false},
                  {{"--version", "-V"}, shell::Value::none, {}, "show the version and exit", false}};
  std::vector<std::string> names;
  for (const auto& cmd : commands()) {
    names.emplace_back(cmd.name);
    Described d = describe(cmd.make(), "duty " + std::string(cmd.name));
    root.subcommands.push_back(from_app(*d.app, std::string(cmd.name), std::string(cmd.summary)));
  }
  shell::Command help;
  help.name = "help";
  help.help = "show a command's options";
  help.operand = shell::Value::choice;
  help.operand_choices = names;
  root.subcommands.push_back(std::move(help));
  return root;
}

// What the completion scripts offer for matters and units: ids and names.
std::string
names(const std::string& kind, const std::string& dir)
{
  lists::LoadResult loaded = lists::load_list_set({dir});
  std::set<std::string> out;
  auto add = [&](const lists::Text& t) {
    if (!t.value.empty())
      out.insert(t.value);
  };
  if (kind == "matters") {
    for (const auto& m : loaded.set.matters) {
      add(m.id);
      add(m.name);
    }
  } else {
    for (const auto& u : loaded.set.units)
      if (kind == "units" || lists::is_territory(u.type)) {
        add(u.id);
        add(u.name);
      }
  }
  std::string text;
  for (const auto& n : out)
    text += n + "\n";
  return text;
}

class Completion final : public Tool
{
public:
  void define(CLI::App& app) override
  {
    app.description("Print shell completions for bash, zsh or fish: the commands, their options, the "
                    "values of options such as --format, file and directory arguments, and — where "
                    "$DUTY_LISTS (or --lists) names a list set — its matters and territories.");
    app.add_option("shell", m_shell, "The shell: bash, zsh or fish")->check(CLI::IsMember({"bash", "zsh", "fish"}));
    // For the scripts themselves: the names to offer, one per line.
    // Checked in run(): CLI11 words a hidden option's error without its name.
    app.add_option("--names", m_names, "Print the names of matters, territories or units")->group("");
    app.add_option("--lists", m_lists, "List-set directory for --names (default: $DUTY_LISTS)")->group("");
    app.footer("bash:  source <(duty completion bash)        (or save it in ~/.local/share/bash-completion/completions/duty)\n"
               "zsh:   duty completion zsh > \"${fpath[1]}/_duty\"\n"
               "fish:  duty completion fish > ~/.config/fish/completions/duty.fish\n"
               "Exit status: 0 printed, 2 usage error.\nSee duty-completion(1).");
  }

  int run(CLI::App&) override
  {
    if (!m_names.empty()) {
      if (m_names != "matters" && m_names != "territories" && m_names != "units")
        throw UsageError("--names: " + util::quote(m_names) + " is not one of matters, territories, units");
      write_stdout(names(m_names, lists_dir(m_lists)));
      return exit_clean;
    }
    if (m_shell.empty())
      throw UsageError("name the shell: duty completion bash|zsh|fish");
    shell::Command root = describe_all();
    std::string script = m_shell == "bash"  ? shell::bash_completion(root)
                         : m_shell == "zsh" ? shell::zsh_completion(root)
                                            : shell::fish_completion(root);
    write_stdout(script);
    return exit_clean;
  }

private:
  std::string m_shell, m_names, m_lists;
};

} // namespace

std::unique_ptr<Tool>
make_completion()
{
  return std::make_unique<Completion>();
}

} // namespace duty::tools
