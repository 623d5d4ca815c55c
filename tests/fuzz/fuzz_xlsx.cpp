// libFuzzer target for the .xlsx reader (lib/xlsx): the input is opened as a
// workbook in memory and every sheet read to the end. InputError is the one
// way it may fail; a crash, a leak, a hang or another exception is a bug.
//
// Two shapes of input, so that mutations reach the XML parsers and not only
// libzip's checksums: bytes starting with "PK" are the whole zip; any other
// input is split at "\n--\n" into a sheet, a shared-string table and a
// style sheet, which are zipped (stored) into an otherwise valid package.
#include "util/error.hpp"
#include "xlsx/book.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>
#include <zip.h>

namespace {

using duty::InputError;
namespace xlsx = duty::xlsx;

constexpr std::string_view kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string
package(std::string_view input)
{
  std::vector<std::string_view> parts;
  while (parts.size() < 2) {
    size_t cut = input.find("\n--\n");
    if (cut == std::string_view::npos)
      break;
    parts.push_back(input.substr(0, cut));
    input.remove_prefix(cut + 4);
  }
  parts.push_back(input);
  std::string rel(kRel);
  std::vector<std::pair<std::string, std::string>> files = {
      {"[Content_Types].xml", "<Types/>"},
      {"_rels/.rels", "<Relationships><Relationship Id=\"r\" Type=\"" + rel +
                          "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
      {"xl/workbook.xml", "<workbook xmlns:r=\"" + rel +
                              "\"><workbookPr date1904=\"0\"/><sheets><sheet name=\"S\" "
                              "r:id=\"a\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships><Relationship Id=\"a\" Type=\"" + rel +
           "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"b\" Type=\"" + rel +
           "/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"c\" Type=\"" + rel +
           "/styles\" Target=\"styles.xml\"/></Relationships>"},
      {"xl/worksheets/sheet1.xml", std::string(parts[0])},
      {"xl/sharedStrings.xml", parts.size() > 1 ? std::string(parts[1]) : "<sst/>"},
      {"xl/styles.xml", parts.size() > 2 ? std::string(parts[2]) : "<styleSheet/>"},
  };
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_keep(src);
  zip_t* z = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  for (const auto& [name, content] : files) {
    zip_source_t* s = zip_source_buffer(z, content.data(), content.size(), 0);
    zip_int64_t i = zip_file_add(z, name.c_str(), s, 0);
    zip_set_file_compression(z, zip_uint64_t(i), ZIP_CM_STORE, 0);
  }
  zip_close(z);
  std::string out;
  if (zip_source_open(src) == 0) {
    zip_source_seek(src, 0, SEEK_END);
    out.resize(size_t(zip_source_tell(src)));
    zip_source_seek(src, 0, SEEK_SET);
    zip_source_read(src, out.data(), out.size());
    zip_source_close(src);
  }
  zip_source_free(src);
  zip_error_fini(&err);
  return out;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string bytes = input.starts_with("PK") ? std::string(input) : package(input);
  // Smaller limits than a real run: the fuzzer wants many quick inputs.
  xlsx::Limits limits;
  limits.max_part_bytes = 16 << 20;
  limits.ratio_floor = 1 << 20;
  limits.max_row_bytes = 4 << 20;
  try {
    auto book = xlsx::open_xlsx_memory(bytes, "fuzz.xlsx", limits);
    for (size_t i = 0; i < book->sheets().size(); ++i) {
      try {
        auto sheet = book->open_sheet(i);
        xlsx::SheetRow row;
        while (sheet->next(row)) {
          for (const auto& c : row)
            if (c.col >= xlsx::kMaxColumns)
              __builtin_trap();
        }
      } catch (const InputError&) {
      }
    }
  } catch (const InputError&) {
  }
  return 0;
}
