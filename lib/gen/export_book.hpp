#pragma once

// Rows of a generated export written as a platform hands them out in Excel:
// a title merged across the table, a note row, then the header and the rows,
// times as date cells (a value that is not a valid time stays text, as dirty
// exports have it), columns as wide as their widest value.
#include "cases/fields.hpp"
#include "xlsx/writer.hpp"

#include <string>
#include <vector>

namespace duty::gen {

class ExportBook
{
public:
  ExportBook(xlsx::BookWriter& out, cases::Kind kind, std::string sheet, std::string title, std::string note);
  // The first call is the header.
  void row(const std::vector<std::string>& fields);
  // Sets the column widths and writes the file. Throws UsageError.
  void close();

private:
  xlsx::BookWriter& m_out;
  cases::Kind m_kind;
  std::string m_title, m_note;
  std::vector<bool> m_time;    // per column: a time field
  std::vector<size_t> m_width; // per column: display width seen
  uint32_t m_row = 0;
};

} // namespace duty::gen
