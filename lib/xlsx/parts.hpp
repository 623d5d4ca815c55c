#pragma once

// The small parts of an .xlsx package: relationships, the workbook (sheet
// names, the 1904 flag), the styles (which cell formats show dates) and the
// shared-string table.
#include "xlsx/limits.hpp"
#include "xlsx/numfmt.hpp"
#include "xlsx/zip.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace duty::xlsx {

struct Relationship
{
  std::string id, type, target; // target resolved to a part name
};

// Reads the relationships of `source_part` ("xl/workbook.xml" →
// "xl/_rels/workbook.xml.rels"); empty when the package has none.
std::vector<Relationship> read_relationships(const ZipArchive& zip, const std::string& source_part);

// "worksheet" for ".../relationships/worksheet", in both the transitional
// and the strict namespaces.
std::string_view relationship_kind(std::string_view type);

struct SheetEntry
{
  std::string name, rel_id;
  bool hidden = false;
};

struct WorkbookPart
{
  std::vector<SheetEntry> sheets;
  bool date1904 = false;
};

WorkbookPart read_workbook(const ZipArchive& zip, const std::string& part);

// The date kind of every cell format (the s attribute of a cell indexes it).
std::vector<DateKind> read_styles(const ZipArchive& zip, const std::string& part);

// The shared strings, held in one buffer: memory is their text plus an
// offset per string.
class SharedStrings
{
public:
  void load(const ZipArchive& zip, const std::string& part);
  size_t
  size() const
  {
    return m_ends.size();
  }
  std::string_view
  operator[](size_t i) const
  {
    size_t begin = i == 0 ? 0 : m_ends[i - 1];
    return std::string_view(m_text).substr(begin, m_ends[i] - begin);
  }
  // For the parser.
  void
  add(std::string_view s)
  {
    m_text += s;
    m_ends.push_back(m_text.size());
  }

private:
  std::string m_text;
  std::vector<uint64_t> m_ends;
};

} // namespace duty::xlsx
