#pragma once

// Tables of the commands that print rows: the data comes from the area that
// computes it, the layout is decided here, the rendering in table.hpp.
#include "audit/matrix.hpp"
#include "output/table.hpp"
#include "store/result.hpp"

#include <vector>

namespace duty::output {

// A query's result set as a table: columns as SQLite named them.
Table
results_table(const store::ResultSet& rs);

// Renders tables one after another: separated by a blank line (text, csv,
// md) or written one after another (json: one array each).
std::string
render_tables(const std::vector<Table>& tables, Format f);

// A query's result sets as tables, named "result", "result 2", ….
std::vector<Table>
results_tables(const std::vector<store::ResultSet>& results);

// Renders each result set of a query; several are separated by a blank line
// (text, csv, md) or written one after another (json: one array each).
std::string
render_results(const std::vector<store::ResultSet>& results, Format f);

// The coverage matrix: one row per leaf-matter slice. Keys are the English
// names; headers are bilingual (事项 matter, …) except in csv, whose header
// row stays the keys for scripts; lists join with ";" in csv, ", " elsewhere.
Table
matrix_table(const std::vector<audit::MatrixRow>& rows, Format f);

// The matrix in `f`: json is one object {"slices": [...]} with lists as
// arrays; text, csv, md (and xlsx, through matrix_table) are tables.
std::string
render_matrix(const std::vector<audit::MatrixRow>& rows, Format f);

} // namespace duty::output
