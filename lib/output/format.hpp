#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace duty::output {

// The one vocabulary of --format names, for every command. Each command
// accepts a subset (its `allowed` list); "table" is another name for text.
enum class Format {
  automatic, // github under GitHub Actions, else text
  text,      // for a person: findings with carets, tables aligned by display width
  json,
  jsonl,
  csv,
  md,
  html,
  sarif,
  github,
  xlsx,
};

// The canonical name ("auto", "text", …).
std::string_view
format_name(Format f);

// Any name of the vocabulary ("table" is text); nullopt otherwise.
std::optional<Format>
parse_format(std::string_view name);

// Parses `name` for a command that accepts `allowed`; throws UsageError
// naming the allowed formats (with did-you-mean) otherwise. `automatic`
// resolves through resolve_format() when it is allowed.
Format
parse_format_for(std::string_view name, std::span<const Format> allowed);

// "auto, text, json or sarif" — for --help texts and messages.
std::string
describe_formats(std::span<const Format> allowed);

// `auto` is github under GitHub Actions (GITHUB_ACTIONS=true), text otherwise.
Format
resolve_format(Format f);

// Whether to colour text output: only on a terminal, never with NO_COLOR set
// or TERM=dumb; `choice` is "auto", "always" or "never".
bool
use_color(std::string_view choice, int fd);

} // namespace duty::output
