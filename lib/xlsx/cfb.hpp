#pragma once

// A Compound File Binary container (MS-CFB, version 3, 512-byte sectors)
// holding one stream: what an .xls file is around its BIFF8 "Workbook".
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duty::xlsx {

// A compound file as read: its stream names, and one stream's bytes.
struct CompoundFile
{
  std::vector<std::string> names;    // the directory's stream names (ASCII, as written)
  std::optional<std::string> stream; // the one asked for, when present and readable
};

// Reads the directory of a compound file and the first stream whose name
// matches one of `wanted` (ASCII case ignored), following its FAT or mini-FAT
// chain. Memory and time are bounded by the file's size: chains that loop
// or point outside the file end the read. nullopt when `bytes` is not a
// readable compound file.
std::optional<CompoundFile> read_compound_file(std::string_view bytes,
                                               const std::vector<std::string_view>& wanted);

// The bytes of a compound file with one stream `name` (at most 31
// characters, ASCII). Streams shorter than 4096 bytes are padded with zeros
// so that they never go into the mini stream.
std::string compound_file(std::string_view name, std::string stream);

} // namespace duty::xlsx
