#pragma once

// Tables as an Excel workbook (.xlsx): the one binary rendering of
// output::Table, beside the text renderings in table.hpp.
#include "output/table.hpp"

#include <string>
#include <vector>

namespace duty::output {

// Writes `tables` to the file `path`, one sheet per table (named by
// Table::name): the header row bold and frozen, an autofilter over it,
// column widths by display width, numbers as numbers — integers whole,
// decimals with the decimals they are shown with, percentages as
// percentages ("0.0%"), totals rows bold — and a last sheet "说明 about"
// with each table's provenance (Table::meta: list-set hash, profile, …).
// The same tables give the same bytes. Throws UsageError when the file
// cannot be written.
void write_xlsx(const std::vector<Table>& tables, const std::string& path);

} // namespace duty::output
