#include "xlsx/cfb.hpp"

#include <cstdint>
#include <vector>

namespace duty::xlsx {

namespace {

constexpr uint32_t kSector = 512;
constexpr uint32_t kPerSector = kSector / 4; // FAT entries per sector
constexpr uint32_t kHeaderDifat = 109;      // FAT sector numbers in the header
constexpr uint32_t kFree = 0xFFFFFFFF, kEnd = 0xFFFFFFFE, kFat = 0xFFFFFFFD, kDifat = 0xFFFFFFFC;
constexpr uint32_t kNoStream = 0xFFFFFFFF;
constexpr uint32_t kMiniCutoff = 4096;

void
put16(std::string& s, size_t at, uint16_t v)
{
  s[at] = char(v & 0xFF);
  s[at + 1] = char(v >> 8);
}

void
put32(std::string& s, size_t at, uint32_t v)
{
  for (int i = 0; i < 4; ++i)
    s[at + size_t(i)] = char((v >> (8 * i)) & 0xFF);
}

uint32_t
ceil_div(uint64_t a, uint64_t b)
{
  return uint32_t((a + b - 1) / b);
}

// One 128-byte directory entry.
std::string
dir_entry(std::string_view name, uint8_t type, uint32_t child, uint32_t start, uint32_t size)
{
  std::string e(128, '\0');
  for (size_t i = 0; i < name.size() && i < 31; ++i)
    put16(e, 2 * i, uint16_t(static_cast<unsigned char>(name[i])));
  put16(e, 64, name.empty() ? 0 : uint16_t(2 * (name.size() + 1)));
  e[66] = char(type);
  e[67] = type == 0 ? 0 : 1; // black
  put32(e, 68, kNoStream);
  put32(e, 72, kNoStream);
  put32(e, 76, child);
  put32(e, 116, start);
  put32(e, 120, size);
  return e;
}

} // namespace

std::string
compound_file(std::string_view name, std::string stream)
{
  if (stream.size() < kMiniCutoff)
    stream.resize(kMiniCutoff, '\0');
  uint32_t stream_sectors = ceil_div(stream.size(), kSector);
  // FAT sectors cover every sector, themselves and the DIFAT sectors included.
  uint32_t fat = 1, difat = 0;
  for (;;) {
    uint32_t d = fat > kHeaderDifat ? ceil_div(fat - kHeaderDifat, kPerSector - 1) : 0;
    uint32_t f = ceil_div(uint64_t(fat) + d + 1 + stream_sectors, kPerSector);
    if (f == fat && d == difat)
      break;
    fat = f;
    difat = d;
  }
  // Layout: FAT sectors, DIFAT sectors, the directory, the stream.
  uint32_t first_difat = fat, dir = fat + difat, first_stream = dir + 1;
  uint32_t total = first_stream + stream_sectors;

  std::vector<uint32_t> table(size_t(fat) * kPerSector, kFree);
  for (uint32_t i = 0; i < fat; ++i)
    table[i] = kFat;
  for (uint32_t i = 0; i < difat; ++i)
    table[first_difat + i] = kDifat;
  table[dir] = kEnd;
  for (uint32_t i = 0; i < stream_sectors; ++i)
    table[first_stream + i] = i + 1 < stream_sectors ? first_stream + i + 1 : kEnd;

  std::string out(kSector * (size_t(total) + 1), '\0');
  std::string& h = out;
  const char sig[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  h.replace(0, 8, sig, 8);
  put16(h, 0x18, 0x003E); // minor version
  put16(h, 0x1A, 0x0003); // major version 3
  put16(h, 0x1C, 0xFFFE); // little-endian
  put16(h, 0x1E, 9);      // 512-byte sectors
  put16(h, 0x20, 6);      // 64-byte mini sectors
  put32(h, 0x2C, fat);
  put32(h, 0x30, dir);
  put32(h, 0x38, kMiniCutoff);
  put32(h, 0x3C, kEnd); // no mini FAT
  put32(h, 0x44, difat ? first_difat : kEnd);
  put32(h, 0x48, difat);
  for (uint32_t i = 0; i < kHeaderDifat; ++i)
    put32(h, 0x4C + 4 * i, i < fat ? i : kFree);

  auto sector = [&](uint32_t n) { return kSector * (size_t(n) + 1); };
  for (uint32_t i = 0; i < fat; ++i)
    for (uint32_t k = 0; k < kPerSector; ++k)
      put32(out, sector(i) + 4 * k, table[size_t(i) * kPerSector + k]);
  // Each DIFAT sector: 127 FAT sector numbers, then the next DIFAT sector.
  for (uint32_t i = 0; i < difat; ++i) {
    size_t at = sector(first_difat + i);
    for (uint32_t k = 0; k < kPerSector - 1; ++k) {
      uint32_t n = kHeaderDifat + i * (kPerSector - 1) + k;
      put32(out, at + 4 * k, n < fat ? n : kFree);
    }
    put32(out, at + 4 * (kPerSector - 1), i + 1 < difat ? first_difat + i + 1 : kEnd);
  }
  std::string entries = dir_entry("Root Entry", 5, 1, kEnd, 0)
                         + dir_entry(name, 2, kNoStream, first_stream, uint32_t(stream.size()))
                         + dir_entry("", 0, kNoStream, 0, 0) + dir_entry("", 0, kNoStream, 0, 0);
  out.replace(sector(dir), kSector, entries);
  out.replace(sector(first_stream), stream.size(), stream);
  return out;
}

} // namespace duty::xlsx
