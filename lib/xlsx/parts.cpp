#include "xlsx/parts.hpp"

#include "xlsx/xml.hpp"

#include "util/error.hpp"

#include <charconv>
#include <cstring>
#include <unordered_map>

namespace duty::xlsx {

namespace {

std::string
directory_of(const std::string& part)
{
  size_t slash = part.rfind('/');
  return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

// Resolves a relationship target against the source part's folder: "/xl/x.xml"
// is absolute, "worksheets/sheet1.xml" and "../x.xml" are relative.
std::string
resolve_target(const std::string& base_dir, std::string_view target)
{
  std::string path = target.starts_with('/') ? std::string(target.substr(1)) : base_dir + std::string(target);
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos)
      slash = path.size();
    std::string seg = path.substr(start, slash - start);
    if (seg == "..") {
      if (!parts.empty())
        parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    start = slash + 1;
  }
  std::string out;
  for (const auto& p : parts)
    out += (out.empty() ? "" : "/") + p;
  return out;
}

bool
truthy(const char* v)
{
  return v && (std::strcmp(v, "1") == 0 || std::strcmp(v, "true") == 0);
}

bool
to_u32(const char* v, uint32_t& out)
{
  if (!v)
    return false;
  auto [p, ec] = std::from_chars(v, v + std::strlen(v), out);
  return ec == std::errc() && *p == '\0';
}

struct RelsHandler : XmlHandler
{
  std::string base;
  std::vector<Relationship> rels;
  void
  start(std::string_view name, const char** a) override
  {
    if (name != "Relationship")
      return;
    const char* id = attr(a, "Id");
    const char* type = attr(a, "Type");
    const char* target = attr(a, "Target");
    const char* mode = attr(a, "TargetMode");
    if (!id || !type || !target || (mode && std::strcmp(mode, "External") == 0))
      return;
    rels.push_back({id, type, resolve_target(base, target)});
  }
  void
  end(std::string_view) override
  {
  }
};

struct WorkbookHandler : XmlHandler
{
  WorkbookPart book;
  void
  start(std::string_view name, const char** a) override
  {
    if (name == "workbookPr") {
      book.date1904 = truthy(attr(a, "date1904"));
    } else if (name == "sheet") {
      SheetEntry s;
      if (const char* n = attr(a, "name"))
        s.name = n;
      if (const char* id = attr(a, "id"))
        s.rel_id = id;
      const char* state = attr(a, "state");
      s.hidden = state && std::strcmp(state, "visible") != 0;
      book.sheets.push_back(std::move(s));
    }
  }
  void
  end(std::string_view) override
  {
  }
};

struct StylesHandler : XmlHandler
{
  std::unordered_map<uint32_t, DateKind> custom;
  std::vector<uint32_t> xf_formats;
  bool in_cell_xfs = false;
  void
  start(std::string_view name, const char** a) override
  {
    if (name == "numFmt") {
      uint32_t id;
      const char* code = attr(a, "formatCode");
      if (to_u32(attr(a, "numFmtId"), id) && code)
        custom[id] = format_date_kind(code);
    } else if (name == "cellXfs") {
      in_cell_xfs = true;
    } else if (name == "xf" && in_cell_xfs) {
      uint32_t id = 0;
      to_u32(attr(a, "numFmtId"), id);
      xf_formats.push_back(id);
    }
  }
  void
  end(std::string_view name) override
  {
    if (name == "cellXfs")
      in_cell_xfs = false;
  }
};

// <si> holds <t>, or rich-text runs <r><t>…</t></r>; phonetic runs <rPh> are
// not part of the text.
struct StringsHandler : XmlHandler
{
  SharedStrings* out;
  std::string cur;
  bool in_si = false, in_t = false;
  int in_phonetic = 0;
  void
  start(std::string_view name, const char**) override
  {
    if (name == "si") {
      in_si = true;
      cur.clear();
    } else if (name == "t" && in_si && in_phonetic == 0) {
      in_t = true;
    } else if (name == "rPh") {
      ++in_phonetic;
    }
  }
  void
  end(std::string_view name) override
  {
    if (name == "t") {
      in_t = false;
    } else if (name == "rPh") {
      --in_phonetic;
    } else if (name == "si") {
      in_si = false;
      decode_xstring(cur);
      out->add(cur);
    }
  }
  void
  text(std::string_view s) override
  {
    if (in_t)
      cur += s;
  }
};

} // namespace

std::string_view
relationship_kind(std::string_view type)
{
  size_t slash = type.rfind('/');
  return slash == std::string_view::npos ? type : type.substr(slash + 1);
}

std::vector<Relationship>
read_relationships(const ZipArchive& zip, const std::string& source_part)
{
  std::string dir = directory_of(source_part);
  std::string file = source_part.substr(dir.size());
  auto index = zip.find(dir + "_rels/" + file + ".rels");
  if (!index)
    return {};
  RelsHandler h;
  h.base = dir;
  parse_part(zip.open(*index), h, zip.name(), zip.limits());
  return std::move(h.rels);
}

WorkbookPart
read_workbook(const ZipArchive& zip, const std::string& part)
{
  auto index = zip.find(part);
  if (!index)
    throw InputError(zip.name() + ": a zip archive but not an Excel workbook (it has no " + part + ")");
  WorkbookHandler h;
  parse_part(zip.open(*index), h, zip.name(), zip.limits());
  return std::move(h.book);
}

std::vector<DateKind>
read_styles(const ZipArchive& zip, const std::string& part)
{
  auto index = zip.find(part);
  if (!index)
    return {};
  StylesHandler h;
  parse_part(zip.open(*index), h, zip.name(), zip.limits());
  std::vector<DateKind> kinds;
  kinds.reserve(h.xf_formats.size());
  for (uint32_t id : h.xf_formats) {
    auto it = h.custom.find(id);
    kinds.push_back(it != h.custom.end() ? it->second : builtin_date_kind(id));
  }
  return kinds;
}

void
SharedStrings::load(const ZipArchive& zip, const std::string& part)
{
  auto index = zip.find(part);
  if (!index)
    throw InputError(zip.name() + ": the workbook names its shared strings " + part +
                     " but the part is missing");
  ZipPart p = zip.open(*index);
  m_text.reserve(size_t(std::min<uint64_t>(p.size(), uint64_t(1) << 28)));
  StringsHandler h;
  h.out = this;
  parse_part(std::move(p), h, zip.name(), zip.limits());
  m_text.shrink_to_fit();
  m_ends.shrink_to_fit();
}

} // namespace duty::xlsx
