#pragma once

#include "diff/diff.hpp"
#include "output/report.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace duty::output {

enum class DiffFormat { text, md, json, sarif, github };

// text, md, json, sarif, github; nullopt for another name.
std::optional<DiffFormat>
parse_diff_format(std::string_view name);

// A revision's report: for a person (text), a pull-request comment (md), a
// program (json), code scanning (sarif, each result with its baselineState)
// or workflow annotations of the new findings (github).
std::string
format_diff(const diff::Report& r, DiffFormat f, const ReportContext& ctx);

} // namespace duty::output
