#pragma once

// Where a workbook (.xlsx, .xls) goes: a file, or standard output when that
// is not a terminal. A workbook is binary: written to a terminal it would
// only garble it, so that is refused.
#include "output/table.hpp"

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace duty::tools {

// Adds -o/--output FILE: where a command's table goes (default: standard output).
void add_output_option(CLI::App& app, std::string& out);

// Before the work: throws UsageError when a workbook would go to a terminal.
void check_output(output::Format f, const std::string& out);

// The one way a command writes its tables: xlsx as a workbook
// (output::write_xlsx) to `out`, a file, or standard output when that is not
// a terminal; every other format as text (output::render_tables) to `out` or
// standard output. Returns the exit status: 0, or 2 when it cannot write.
// Throws UsageError for a workbook bound for a terminal.
int emit_tables(const std::vector<output::Table>& tables, output::Format f, const std::string& out);

// Text a command rendered itself, to `out` (written whole, atomically) or
// standard output. Returns 0, or 2 when standard output fails.
int emit_text(const std::string& text, const std::string& out);

class BookOutput
{
public:
  // `out` is a path, or "-" (or empty) for standard output. Throws
  // UsageError when standard output is a terminal.
  explicit BookOutput(const std::string& out);
  ~BookOutput();
  BookOutput(const BookOutput&) = delete;
  BookOutput& operator=(const BookOutput&) = delete;

  // The file the writer should write.
  const std::string&
  path() const
  {
    return m_path;
  }
  // After the writer closed the file: copies it to standard output if that
  // is where it goes. False when standard output fails (a closed pipe).
  bool finish();

private:
  std::string m_path;
  bool m_stdout = false;
};

} // namespace duty::tools
