#pragma once

// Reading the tables other commands print (rates_tables, replay's summary
// table) by column key: the report takes its numbers from them as they are.
#include "output/table.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace duty::report {

// The index of the column keyed `key`, or nullopt.
std::optional<size_t>
column_of(const output::Table& t, std::string_view key);

// The cell of `row` in the column keyed `key`; null when there is none.
output::Cell
cell_of(const output::Table& t, const std::vector<output::Cell>& row, std::string_view key);

// The integer of that cell (0 when it holds none).
int64_t
count_of(const output::Table& t, const std::vector<output::Cell>& row, std::string_view key);

// The value of `key` in a table's meta, or "".
std::string
meta_of(const output::Table& t, std::string_view key);

// A table of the columns `keys` of `rows` of `from`, headed `headers`, with a
// leading 序号 column numbering the rows; `footer` rows (already among
// `rows`, at the end) are set off and not numbered.
output::Table
pick_columns(const output::Table& from, const std::vector<const std::vector<output::Cell>*>& rows,
             const std::vector<std::pair<std::string_view, std::string_view>>& keys_headers, size_t footer = 0);

} // namespace duty::report
