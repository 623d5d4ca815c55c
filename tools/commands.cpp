#include "commands.hpp"

namespace duty::tools {

namespace {

constexpr Command kCommands[] = {
  {.name = "validate", .summary = "check list files: syntax, schema, references", .make = make_validate},
  {.name = "audit", .summary = "find overlapping and orphaned duties across a list set", .make = make_audit},
  {.name = "route", .summary = "who leads on a matter, here, now, and which list items say so", .make = make_route},
  {.name = "diff", .summary = "what a revision of the lists changes: items, leads, findings", .make = make_diff},
  {.name = "ingest", .summary = "load case logs (12345 orders, events) into SQLite", .make = make_ingest},
  {.name = "query", .summary = "run SQL over a case store or a piped log", .make = make_query},
  {.name = "replay", .summary = "judge every work order and whistle of a case log against the lists", .make = make_replay},
  {.name = "rates", .summary = "the three rates, composite score and rankings of a month", .make = make_rates},
  {.name = "report", .summary = "the monthly assessment report (HTML or Markdown) with charts", .make = make_report},
  {.name = "gen", .summary = "generate synthetic list sets and case logs", .make = make_gen},
  {.name = "schema", .summary = "print the JSON Schema of list files, for editors", .make = make_schema},
  {.name = "completion", .summary = "print shell completions (bash, zsh, fish)", .make = make_completion},
};

} // namespace

std::span<const Command>
commands()
{
  return kCommands;
}

const Command*
find_command(std::string_view name)
{
  for (const auto& c : kCommands)
    if (c.name == name)
      return &c;
  return nullptr;
}

} // namespace duty::tools
