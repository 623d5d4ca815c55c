#pragma once

// Where a workbook (.xlsx, .xls) goes: a file, or standard output when that
// is not a terminal. A workbook is binary: written to a terminal it would
// only garble it, so that is refused.
#include <string>

namespace duty::tools {

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
  const std::string& path() const { return m_path; }
  // After the writer closed the file: copies it to standard output if that
  // is where it goes. Throws UsageError on a write error.
  void finish();

private:
  std::string m_path;
  bool m_stdout = false;
};

} // namespace duty::tools
