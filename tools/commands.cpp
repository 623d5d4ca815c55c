#include "commands.hpp"

namespace duty::tools {

namespace {

constexpr Command kCommands[] = {
  {"validate", "check list files: syntax, schema, references", cmd_validate},
  {"audit", "find overlapping and orphaned duties across a list set", cmd_audit},
  {"route", "who leads on a matter, here, now, and which list items say so", cmd_route},
  {"ingest", "load case logs (12345 orders, events) into SQLite", cmd_ingest},
  {"query", "run SQL over a case store or a piped log", cmd_query},
  {"replay", "judge every work order and whistle of a case log against the lists", cmd_replay},
  {"rates", "the three rates, composite score and rankings of a month", cmd_rates},
  {"report", "the monthly assessment report (HTML or Markdown) with charts", cmd_report},
  {"gen", "generate synthetic list sets and case logs", cmd_gen},
};

} // namespace

std::span<const Command>
commands()
{
  return kCommands;
}

} // namespace duty::tools
