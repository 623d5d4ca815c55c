#pragma once

// Shell completion scripts (bash, zsh, fish) written from a description of
// the commands and their options — the description tools/ reads off each
// command's CLI11 app, so the scripts never drift from the options.
#include <string>
#include <vector>

namespace duty::shell {

// What a value is, for completing it.
enum class Value {
  none,      // a flag
  file,      // a file
  dir,       // a directory
  path,      // a file or a directory
  choice,    // one of `choices`
  matter,    // a matter of the list set in $DUTY_LISTS (or --lists)
  territory, // a street, town or township of that set
  unit,      // any unit of that set
  text,      // anything: nothing to offer
};

struct Option
{
  std::vector<std::string> names; // "--format", "-f"
  Value value = Value::none;
  std::vector<std::string> choices;
  std::string help;
  bool repeatable = false;
};

struct Command
{
  std::string name;
  std::string help;
  std::vector<Option> options;
  Value operand = Value::none; // what the positional arguments are
  std::vector<std::string> operand_choices;
  std::vector<Command> subcommands;
};

// `root` is the program itself (name "duty"); its subcommands are the commands.
std::string
bash_completion(const Command& root);
std::string
zsh_completion(const Command& root);
std::string
fish_completion(const Command& root);

} // namespace duty::shell
