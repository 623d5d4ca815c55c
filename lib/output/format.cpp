#include "output/format.hpp"

#include "util/error.hpp"
#include "util/spell.hpp"

#include <algorithm>
#include <cstdlib>
#include <unistd.h>
#include <vector>

namespace duty::output {

namespace {

struct Name
{
  std::string_view name;
  Format format;
};

// Canonical names first; aliases after.
constexpr Name kNames[] = {
  {"auto", Format::automatic}, {"text", Format::text},   {"json", Format::json},
  {"jsonl", Format::jsonl},    {"csv", Format::csv},     {"md", Format::md},
  {"html", Format::html},      {"sarif", Format::sarif}, {"github", Format::github},
  {"xlsx", Format::xlsx},      {"table", Format::text},  {"ndjson", Format::jsonl},
  {"markdown", Format::md},
};

} // namespace

std::string_view
format_name(Format f)
{
  for (const auto& n : kNames)
    if (n.format == f)
      return n.name;
  return "?";
}

std::optional<Format>
parse_format(std::string_view name)
{
  for (const auto& n : kNames)
    if (n.name == name)
      return n.format;
  return std::nullopt;
}

std::string
describe_formats(std::span<const Format> allowed)
{
  std::vector<std::string_view> names;
  for (Format f : allowed)
    names.push_back(format_name(f));
  return util::one_of(names);
}

Format
parse_format_for(std::string_view name, std::span<const Format> allowed)
{
  auto f = parse_format(name);
  if (!f || std::find(allowed.begin(), allowed.end(), *f) == allowed.end()) {
    std::vector<std::string_view> names;
    for (Format a : allowed)
      names.push_back(format_name(a));
    std::string hint = f ? "" : util::did_you_mean(name, names);
    throw UsageError("--format: \"" + std::string(name) + "\" is not a format of this command; expected "
                     + describe_formats(allowed) + (hint.empty() ? "" : " (" + hint + ")"));
  }
  if (*f != Format::automatic)
    return *f;
  // auto means github only where the command writes findings; a table goes out as text.
  Format r = resolve_format(*f);
  return std::find(allowed.begin(), allowed.end(), r) != allowed.end() ? r : Format::text;
}

Format
resolve_format(Format f)
{
  if (f != Format::automatic)
    return f;
  const char* gha = std::getenv("GITHUB_ACTIONS");
  return gha && std::string_view(gha) == "true" ? Format::github : Format::text;
}

bool
use_color(std::string_view choice, int fd)
{
  if (choice == "always")
    return true;
  if (choice == "never")
    return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color)
    return false;
  const char* term = std::getenv("TERM");
  if (term && std::string_view(term) == "dumb")
    return false;
  return ::isatty(fd) == 1;
}

} // namespace duty::output
