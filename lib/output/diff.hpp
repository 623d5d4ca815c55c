#pragma once

#include "diff/diff.hpp"
#include "output/report.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace duty::output {

// The formats duty diff writes (and auto).
inline constexpr Format kDiffFormats[] = {Format::automatic, Format::text, Format::md, Format::json,
                                          Format::sarif, Format::github};

// A revision's report: for a person (text), a pull-request comment (md), a
// program (json), code scanning (sarif, each result with its baselineState)
// or workflow annotations of the new findings (github).
std::string
format_diff(const diff::Report& r, Format f, const ReportContext& ctx);

} // namespace duty::output
