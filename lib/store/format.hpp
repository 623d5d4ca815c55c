#pragma once

#include "store/store.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace duty::store {

enum class OutputFormat { table, csv, json, jsonl };

std::optional<OutputFormat>
parse_output_format(std::string_view name);

// Renders query results. Table: columns aligned by display width (CJK takes
// two columns), numbers right-aligned, NULL blank. CSV: RFC 4180 with a
// header. JSON: an array of objects per result. JSON Lines: one object per row.
std::string
format_results(const std::vector<ResultSet>& results, OutputFormat format);

} // namespace duty::store
