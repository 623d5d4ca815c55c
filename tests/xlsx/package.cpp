#include "xlsx/package.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <stdlib.h>
#include <zip.h>

namespace duty::test {

namespace {

std::string
escape(std::string_view s)
{
  std::string out;
  for (char c : s) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

constexpr std::string_view kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

} // namespace

Package::Package(std::vector<std::string> sheets, bool date1904)
{
  parts["[Content_Types].xml"] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
                                 "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
  parts["_rels/.rels"] = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas."
                         "openxmlformats.org/package/2006/relationships\"><Relationship "
                         "Id=\"rId1\" Type=\"" +
                         std::string(kRel) +
                         "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                         "</Relationships>";
  std::string wb = "<?xml version=\"1.0\"?><workbook xmlns=\"" + std::string(kMain) + "\" xmlns:r=\"" +
                   std::string(kRel) + "\"><workbookPr" + (date1904 ? " date1904=\"1\"" : "") + "/><sheets>";
  std::string rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas."
                     "openxmlformats.org/package/2006/relationships\">";
  for (size_t i = 0; i < sheets.size(); ++i) {
    std::string n = std::to_string(i + 1);
    wb += "<sheet name=\"" + escape(sheets[i]) + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
    rels += "<Relationship Id=\"rId" + n + "\" Type=\"" + std::string(kRel) +
            "/worksheet\" Target=\"worksheets/sheet" + n + ".xml\"/>";
    sheet(int(i + 1), "");
  }
  parts["xl/workbook.xml"] = wb + "</sheets></workbook>";
  parts["xl/_rels/workbook.xml.rels"] =
      rels + "<Relationship Id=\"rIdS\" Type=\"" + std::string(kRel) +
      "/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rIdT\" Type=\"" + std::string(kRel) +
      "/styles\" Target=\"styles.xml\"/></Relationships>";
  strings({});
  styles({0});
}

void
Package::sheet(int n, std::string_view rows, std::string_view before, std::string_view after)
{
  parts["xl/worksheets/sheet" + std::to_string(n) + ".xml"] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + std::string(kMain) + "\">" +
      std::string(before) + "<sheetData>" + std::string(rows) + "</sheetData>" + std::string(after) +
      "</worksheet>";
}

void
Package::strings(const std::vector<std::string>& sst)
{
  std::string s = "<?xml version=\"1.0\"?><sst xmlns=\"" + std::string(kMain) + "\">";
  for (const auto& v : sst)
    s += v.starts_with("<") ? "<si>" + v + "</si>" : "<si><t>" + escape(v) + "</t></si>";
  parts["xl/sharedStrings.xml"] = s + "</sst>";
}

void
Package::styles(const std::vector<int>& xf_formats, const std::map<int, std::string>& custom)
{
  std::string s = "<?xml version=\"1.0\"?><styleSheet xmlns=\"" + std::string(kMain) + "\">";
  if (!custom.empty()) {
    s += "<numFmts>";
    for (const auto& [id, code] : custom)
      s += "<numFmt numFmtId=\"" + std::to_string(id) + "\" formatCode=\"" + escape(code) + "\"/>";
    s += "</numFmts>";
  }
  s += "<cellStyleXfs><xf numFmtId=\"0\"/></cellStyleXfs><cellXfs>";
  for (int f : xf_formats)
    s += "<xf numFmtId=\"" + std::to_string(f) + "\" xfId=\"0\"/>";
  parts["xl/styles.xml"] = s + "</cellXfs></styleSheet>";
}

std::string
Package::zip(bool store) const
{
  std::string dir = std::filesystem::temp_directory_path() / "duty-pkg-XXXXXX";
  if (!::mkdtemp(dir.data()))
    throw std::runtime_error("mkdtemp");
  std::string path = dir + "/p.zip";
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!z)
    throw std::runtime_error("zip_open");
  for (const auto& [name, content] : parts) {
    if (content.empty())
      continue;
    zip_source_t* src = zip_source_buffer(z, content.data(), content.size(), 0);
    zip_int64_t i = zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8);
    if (i < 0)
      throw std::runtime_error("zip_file_add");
    zip_set_file_compression(z, zip_uint64_t(i), store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
    zip_file_set_mtime(z, zip_uint64_t(i), 315532800, 0);
  }
  if (zip_close(z) != 0)
    throw std::runtime_error("zip_close");
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove_all(dir);
  return bytes;
}

std::string
cell(std::string_view ref, std::string_view value, std::string_view type, int style)
{
  std::string c = "<c r=\"" + std::string(ref) + "\"";
  if (!type.empty())
    c += " t=\"" + std::string(type) + "\"";
  if (style >= 0)
    c += " s=\"" + std::to_string(style) + "\"";
  if (type == "inlineStr")
    return c + "><is><t>" + escape(value) + "</t></is></c>";
  return c + "><v>" + escape(value) + "</v></c>";
}

std::string
row(int r, const std::vector<std::string>& cells, std::string_view attrs)
{
  std::string s =
      "<row r=\"" + std::to_string(r) + "\"" + (attrs.empty() ? "" : " ") + std::string(attrs) + ">";
  for (const auto& c : cells)
    s += c;
  return s + "</row>";
}

} // namespace duty::test
