#pragma once

// A Compound File Binary container (MS-CFB, version 3, 512-byte sectors)
// holding one stream: what an .xls file is around its BIFF8 "Workbook".
#include <string>
#include <string_view>

namespace duty::xlsx {

// The bytes of a compound file with one stream `name` (at most 31
// characters, ASCII). Streams shorter than 4096 bytes are padded with zeros
// so that they never go into the mini stream.
std::string
compound_file(std::string_view name, std::string stream);

} // namespace duty::xlsx
