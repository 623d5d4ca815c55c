#include "commands.hpp"

namespace duty::tools {

namespace {

constexpr Command kCommands[] = {
  {"validate", "check list files: syntax, schema, references", cmd_validate},
};

} // namespace

std::span<const Command>
commands()
{
  return kCommands;
}

} // namespace duty::tools
