#include "shell/completion.hpp"

#include <fmt/format.h>

namespace duty::shell {

namespace {

// Each script works out which (sub)command the words so far name — skipping
// options and the values of options that take one — and completes the
// current word from that command's options, an option's values, or its
// operands. The tables below are written in each shell's own syntax.

struct Path
{
  std::string key; // "", "validate", "gen lists"
  const Command* cmd;
};

void
walk(const Command& c, const std::string& key, std::vector<Path>& out)
{
  out.push_back({key, &c});
  for (const auto& s : c.subcommands)
    walk(s, key.empty() ? s.name : key + " " + s.name, out);
}

std::vector<Path>
paths(const Command& root)
{
  std::vector<Path> out;
  walk(root, "", out);
  return out;
}

const char*
names_kind(Value v)
{
  switch (v) {
  case Value::matter: return "matters";
  case Value::territory: return "territories";
  case Value::unit: return "units";
  default: return nullptr;
  }
}

// --- bash -------------------------------------------------------------------

// A word inside double quotes.
std::string
dq(std::string_view s)
{
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\' || c == '$' || c == '`')
      out += '\\';
    out += c;
  }
  return out;
}

std::string
bash_action(Value v, const std::vector<std::string>& choices)
{
  switch (v) {
  case Value::choice: return fmt::format("COMPREPLY=($(compgen -W \"{}\" -- \"$cur\"))", dq(fmt::format("{}", fmt::join(choices, " "))));
  case Value::file:
  case Value::path: return "_duty_files";
  case Value::dir: return "_duty_dirs";
  case Value::matter:
  case Value::territory:
  case Value::unit: return fmt::format("_duty_names {}", names_kind(v));
  case Value::none:
  case Value::text: break;
  }
  return ":";
}

std::string
bash_tables(const Command& root)
{
  std::string takes, descend, value, options, operand;
  for (const auto& p : paths(root)) {
    for (const auto& s : p.cmd->subcommands)
      descend += fmt::format("  \"{}|{}\") return 0 ;;\n", dq(p.key), dq(s.name));
    std::vector<std::string> names;
    for (const auto& o : p.cmd->options) {
      for (const auto& n : o.names) {
        names.push_back(n);
        if (o.value == Value::none)
          continue;
        takes += fmt::format("  \"{}|{}\") return 0 ;;\n", dq(p.key), dq(n));
        value += fmt::format("  \"{}|{}\") {} ;;\n", dq(p.key), dq(n), bash_action(o.value, o.choices));
      }
    }
    options += fmt::format("  \"{}\") echo \"{}\" ;;\n", dq(p.key), dq(fmt::format("{}", fmt::join(names, " "))));
    std::vector<std::string> words = p.cmd->operand_choices;
    for (const auto& s : p.cmd->subcommands)
      words.push_back(s.name);
    std::string action = !words.empty() ? bash_action(Value::choice, words) : bash_action(p.cmd->operand, {});
    operand += fmt::format("  \"{}\") {} ;;\n", dq(p.key), action);
  }
  return fmt::format("# Does option $2 of command $1 take a value?\n"
                     "_duty_takes_value() {{\n  case \"$1|$2\" in\n{}  esac\n  return 1\n}}\n\n"
                     "# Is word $2 a subcommand of command $1?\n"
                     "_duty_descend() {{\n  case \"$1|$2\" in\n{}  esac\n  return 1\n}}\n\n"
                     "_duty_value() {{\n  case \"$1|$2\" in\n{}  esac\n}}\n\n"
                     "_duty_options() {{\n  case \"$1\" in\n{}  esac\n}}\n\n"
                     "_duty_operand() {{\n  case \"$1\" in\n{}  esac\n}}\n",
                     takes, descend, value, options, operand);
}

// --- zsh --------------------------------------------------------------------

// A word inside single quotes.
std::string
sq(std::string_view s)
{
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

// Help text inside an _arguments [description] or a _describe entry.
std::string
zsh_help(std::string_view s, bool describe = false)
{
  std::string out;
  for (char c : s) {
    if (c == '[')
      out += '(';
    else if (c == ']')
      out += ')';
    else if (c == ':' && describe)
      out += "\\:";
    else if (c == '\n')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string
zsh_action(Value v, const std::vector<std::string>& choices)
{
  switch (v) {
  case Value::choice: return fmt::format("({})", fmt::join(choices, " "));
  case Value::file:
  case Value::path: return "_files";
  case Value::dir: return "_files -/";
  case Value::matter:
  case Value::territory:
  case Value::unit: return fmt::format("_duty_names {}", names_kind(v));
  case Value::none:
  case Value::text: break;
  }
  return " ";
}

std::string
zsh_function_name(const std::string& key)
{
  std::string out = key.empty() ? "_duty" : "_duty_";
  for (char c : key)
    out += c == ' ' || c == '-' ? '_' : c;
  return out;
}

std::string
zsh_function(const Path& p)
{
  const Command& c = *p.cmd;
  std::string specs;
  for (const auto& o : c.options) {
    std::string excl;
    if (o.names.size() > 1 && !o.repeatable)
      excl = fmt::format("({})", fmt::join(o.names, " "));
    for (const auto& n : o.names) {
      std::string spec = (o.repeatable ? "*" : excl) + n;
      if (o.value != Value::none)
        spec += n.starts_with("--") ? "=" : "+";
      spec += "[" + zsh_help(o.help) + "]";
      if (o.value != Value::none)
        spec += ":" + (o.value == Value::choice ? std::string("value") : "arg") + ":" + zsh_action(o.value, o.choices);
      specs += " \\\n    " + sq(spec);
    }
  }
  std::string body;
  if (!c.subcommands.empty()) {
    std::string entries;
    for (const auto& s : c.subcommands)
      entries += " " + sq(s.name + ":" + zsh_help(s.help, true));
    std::string cases;
    for (const auto& s : c.subcommands)
      cases += fmt::format("        {}) {} ;;\n", s.name,
                           zsh_function_name(p.key.empty() ? s.name : p.key + " " + s.name));
    body = fmt::format("  local curcontext=$curcontext state line ret=1\n"
                       "  _arguments -C{} \\\n    '1: :->command' \\\n    '*:: :->args' && return 0\n"
                       "  case $state in\n"
                       "    command)\n      local -a commands\n      commands=({})\n"
                       "      _describe -t commands command commands ;;\n"
                       "    args)\n      case $words[1] in\n{}      esac ;;\n  esac\n",
                       specs, entries, cases);
  } else {
    std::string operand;
    if (!c.operand_choices.empty())
      operand = " \\\n    " + sq("*:operand:" + zsh_action(Value::choice, c.operand_choices));
    else if (c.operand != Value::none)
      operand = " \\\n    " + sq("*:operand:" + zsh_action(c.operand, {}));
    body = fmt::format("  _arguments -s{}{}\n", specs, operand);
  }
  return fmt::format("{}() {{\n{}}}\n\n", zsh_function_name(p.key), body);
}

// --- fish -------------------------------------------------------------------

std::string
fish_tables(const Command& root)
{
  std::string takes, descend;
  for (const auto& p : paths(root)) {
    for (const auto& s : p.cmd->subcommands)
      descend += " " + sq(p.key + "|" + s.name);
    for (const auto& o : p.cmd->options)
      if (o.value != Value::none)
        for (const auto& n : o.names)
          takes += " " + sq(p.key + "|" + n);
  }
  return fmt::format("function __duty_takes_value\n    switch \"$argv[1]|$argv[2]\"\n        case{}\n"
                     "            return 0\n    end\n    return 1\nend\n\n"
                     "function __duty_descend\n    switch \"$argv[1]|$argv[2]\"\n        case{}\n"
                     "            return 0\n    end\n    return 1\nend\n\n",
                     takes.empty() ? " ''" : takes, descend);
}

std::string
fish_action(Value v, const std::vector<std::string>& choices)
{
  switch (v) {
  case Value::choice: return " -x -a " + sq(fmt::format("{}", fmt::join(choices, " ")));
  case Value::file:
  case Value::path: return " -r -F";
  case Value::dir: return " -x -a '(__fish_complete_directories (commandline -ct))'";
  case Value::matter:
  case Value::territory:
  case Value::unit: return fmt::format(" -x -a '(__duty_names {})'", names_kind(v));
  case Value::none: return "";
  case Value::text: break;
  }
  return " -x";
}

std::string
fish_lines(const Path& p)
{
  const Command& c = *p.cmd;
  std::string cond = " -n " + sq("__duty_using " + p.key);
  std::string out;
  for (const auto& s : c.subcommands)
    out += fmt::format("complete -c duty{} -a {} -d {}\n", cond, sq(s.name), sq(s.help));
  for (const auto& o : c.options) {
    std::string line = "complete -c duty" + cond;
    for (const auto& n : o.names)
      line += n.starts_with("--") ? " -l " + n.substr(2) : " -s " + n.substr(1);
    line += fish_action(o.value, o.choices) + " -d " + sq(o.help);
    out += line + "\n";
  }
  if (!c.operand_choices.empty())
    out += fmt::format("complete -c duty{}{}\n", cond, fish_action(Value::choice, c.operand_choices));
  else if (c.operand != Value::none && c.subcommands.empty())
    out += fmt::format("complete -c duty{}{}\n", cond, fish_action(c.operand, {}));
  return out;
}

} // namespace

std::string
bash_completion(const Command& root)
{
  return "# bash completion for duty, generated by `duty completion bash` from its commands' options.\n"
         "# Load it with: source <(duty completion bash)\n\n" +
         bash_tables(root) + R"SH(
_duty_files() {
  local IFS=$'\n'
  compopt -o filenames 2>/dev/null
  COMPREPLY=($(compgen -f -- "$cur"))
}

_duty_dirs() {
  local IFS=$'\n'
  compopt -o filenames 2>/dev/null
  COMPREPLY=($(compgen -d -- "$cur"))
}

# Names of units or matters of the list set given by --lists or $DUTY_LISTS.
_duty_names() {
  local lists=${DUTY_LISTS:-} i w
  for ((i = 1; i < COMP_CWORD; i++)); do
    if [[ ${COMP_WORDS[i]} == --lists ]]; then
      w=${COMP_WORDS[i + 1]}
      [[ $w == = ]] && w=${COMP_WORDS[i + 2]}
      lists=$w
    fi
  done
  [[ -n $lists ]] || return 0
  local prog=${COMP_WORDS[0]/#\~/$HOME}
  local IFS=$'\n'
  for w in $("$prog" completion --names "$1" --lists "$lists" 2>/dev/null); do
    [[ $w == "$cur"* ]] && COMPREPLY+=("$w")
  done
}

_duty() {
  local cur=$2 opt= key= i w before
  COMPREPLY=()
  # bash splits --format=json at '=': the option is the word before it.
  if [[ ${COMP_WORDS[COMP_CWORD]} == = ]]; then
    opt=${COMP_WORDS[COMP_CWORD - 1]}
  elif ((COMP_CWORD > 1)) && [[ ${COMP_WORDS[COMP_CWORD - 1]} == = ]]; then
    opt=${COMP_WORDS[COMP_CWORD - 2]}
  elif ((COMP_CWORD > 0)); then
    opt=${COMP_WORDS[COMP_CWORD - 1]}
  fi
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    before=${COMP_WORDS[i - 1]}
    [[ $w == -* || $w == = || $before == = ]] && continue
    _duty_takes_value "$key" "$before" && continue
    _duty_descend "$key" "$w" && key=${key:+$key }$w
  done
  if [[ $opt == -* ]] && _duty_takes_value "$key" "$opt"; then
    _duty_value "$key" "$opt"
    return 0
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_duty_options "$key")" -- "$cur"))
    return 0
  fi
  _duty_operand "$key"
  return 0
}

complete -F _duty duty
)SH";
}

std::string
zsh_completion(const Command& root)
{
  std::string out = "#compdef duty\n"
                    "# zsh completion for duty, generated by `duty completion zsh` from its commands' options.\n"
                    "# Save it as _duty in a directory of $fpath, or load it with: source <(duty completion zsh)\n\n"
                    R"SH(# Names of units or matters of the list set given by --lists or $DUTY_LISTS.
_duty_names() {
  local lists=${DUTY_LISTS:-} i
  for ((i = 1; i < $#words; i++)); do
    [[ $words[i] == --lists ]] && lists=$words[i+1]
    [[ $words[i] == --lists=* ]] && lists=${words[i]#--lists=}
  done
  [[ -n $lists ]] || return 1
  # _arguments passes compadd's options (-J group …) first: the kind is the last word.
  local -a names
  names=(${(f)"$(${_duty_prog:-duty} completion --names ${@[-1]} --lists $lists 2>/dev/null)"})
  compadd "${@[1,-2]}" -a names
}

)SH";
  for (const auto& p : paths(root))
    out += zsh_function(p);
  out += "_duty_main() {\n  local _duty_prog=${words[1]}\n  _duty\n}\n\n"
         "if [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n  _duty_main \"$@\"\nelse\n"
         "  compdef _duty_main duty\nfi\n";
  return out;
}

std::string
fish_completion(const Command& root)
{
  std::string out = "# fish completion for duty, generated by `duty completion fish` from its commands' options.\n"
                    "# Save it as ~/.config/fish/completions/duty.fish, or load it with: duty completion fish | source\n\n" +
                    fish_tables(root) + R"SH(# The (sub)command the words so far name, options and their values skipped.
function __duty_key
    set -l words (commandline -opc)
    set -l key ''
    for i in (seq 2 (count $words))
        set -l w $words[$i]
        set -l before $words[(math $i - 1)]
        if string match -q -- '-*' $w
            continue
        end
        if __duty_takes_value "$key" $before
            continue
        end
        if __duty_descend "$key" $w
            set key (string trim -- "$key $w")
        end
    end
    echo $key
end

function __duty_using
    test (__duty_key) = "$argv"
end

# Names of units or matters of the list set given by --lists or $DUTY_LISTS.
function __duty_names
    set -l words (commandline -opc)
    set -l lists $DUTY_LISTS
    for i in (seq (count $words))
        if test $words[$i] = --lists; and test $i -lt (count $words)
            set lists $words[(math $i + 1)]
        end
    end
    test -n "$lists"; or return
    $words[1] completion --names $argv[1] --lists $lists 2>/dev/null
end

complete -c duty -f
)SH";
  for (const auto& p : paths(root))
    out += fish_lines(p);
  return out;
}

} // namespace duty::shell
