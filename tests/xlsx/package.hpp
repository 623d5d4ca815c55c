#pragma once

// Hand-made .xlsx packages for tests: the parts a test gives, plus the
// usual ones it leaves out, zipped with libzip. Hostile packages start here.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace duty::test {

struct Package
{
  // Part name → content. Parts set to "" are left out of the zip.
  std::map<std::string, std::string> parts;

  // A workbook of `sheets` (names), sheet N at xl/worksheets/sheetN.xml.
  explicit Package(std::vector<std::string> sheets = {"Sheet1"}, bool date1904 = false);
  // Sets sheet N's (from 1) XML from the inside of <sheetData>.
  void sheet(int n, std::string_view rows, std::string_view before = "", std::string_view after = "");
  void strings(const std::vector<std::string>& sst);
  // cellXfs numFmtIds (index = the s attribute) and custom formats.
  void styles(const std::vector<int>& xf_formats, const std::map<int, std::string>& custom = {});
  // The zip archive's bytes. `store`: no compression.
  std::string zip(bool store = false) const;
};

// <c r="REF" t="s"><v>I</v></c> and friends.
std::string cell(std::string_view ref, std::string_view value, std::string_view type = "", int style = -1);

std::string row(int r, const std::vector<std::string>& cells, std::string_view attrs = "");

} // namespace duty::test
