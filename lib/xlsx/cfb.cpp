#include "xlsx/cfb.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace duty::xlsx {

namespace {

constexpr uint32_t kSector = 512;
constexpr uint32_t kPerSector = kSector / 4; // FAT entries per sector
constexpr uint32_t kHeaderDifat = 109;       // FAT sector numbers in the header
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
  std::string entries = dir_entry("Root Entry", 5, 1, kEnd, 0) +
                        dir_entry(name, 2, kNoStream, first_stream, uint32_t(stream.size())) +
                        dir_entry("", 0, kNoStream, 0, 0) + dir_entry("", 0, kNoStream, 0, 0);
  out.replace(sector(dir), kSector, entries);
  out.replace(sector(first_stream), stream.size(), stream);
  return out;
}

namespace {

uint32_t
get32(std::string_view s, size_t at)
{
  return uint32_t(uint8_t(s[at])) | uint32_t(uint8_t(s[at + 1])) << 8 | uint32_t(uint8_t(s[at + 2])) << 16 |
         uint32_t(uint8_t(s[at + 3])) << 24;
}

uint16_t
get16(std::string_view s, size_t at)
{
  return uint16_t(uint8_t(s[at]) | uint8_t(s[at + 1]) << 8);
}

bool
same_name(std::string_view a, std::string_view b)
{
  if (a.size() != b.size())
    return false;
  for (size_t i = 0; i < a.size(); ++i)
    if ((a[i] | 0x20) != (b[i] | 0x20))
      return false;
  return true;
}

class Reader
{
public:
  explicit Reader(std::string_view bytes) : m_b(bytes) {}

  bool
  load_header()
  {
    if (m_b.size() < 512 || m_b.substr(0, 8) != std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
      return false;
    uint16_t shift = get16(m_b, 0x1E);
    if (shift != 9 && shift != 12)
      return false;
    m_sector = size_t(1) << shift;
    m_count = m_b.size() > m_sector ? (m_b.size() - m_sector) / m_sector + 1 : 0;
    // FAT sectors: 109 in the header, the rest in the DIFAT chain.
    std::vector<uint32_t> fat_sectors;
    uint32_t nfat = get32(m_b, 0x2C);
    for (uint32_t i = 0; i < kHeaderDifat && fat_sectors.size() < nfat; ++i)
      fat_sectors.push_back(get32(m_b, 0x4C + 4 * i));
    uint32_t difat = get32(m_b, 0x44);
    for (size_t hops = 0; difat < kDifat && fat_sectors.size() < nfat && hops < m_count; ++hops) {
      std::string_view sec = sector(difat);
      if (sec.empty())
        return false;
      for (size_t k = 0; k + 4 < m_sector && fat_sectors.size() < nfat; k += 4)
        fat_sectors.push_back(get32(sec, k));
      difat = get32(sec, m_sector - 4);
    }
    for (uint32_t f : fat_sectors) {
      std::string_view sec = sector(f);
      if (sec.empty())
        return false;
      for (size_t k = 0; k < m_sector; k += 4)
        m_fat.push_back(get32(sec, k));
    }
    return true;
  }

  // The bytes of the chain from `start`, at most `size` of them.
  std::optional<std::string>
  chain(uint32_t start, uint64_t size) const
  {
    std::string out;
    for (size_t hops = 0; start < kDifat && out.size() < size; ++hops) {
      std::string_view sec = sector(start);
      if (sec.empty() || hops > m_count || start >= m_fat.size())
        return std::nullopt;
      out.append(sec);
      start = m_fat[start];
    }
    if (out.size() < size)
      return std::nullopt;
    out.resize(size_t(size));
    return out;
  }

  std::optional<std::string>
  mini_chain(uint32_t start, uint64_t size, std::string_view mini_stream) const
  {
    std::vector<uint32_t> minifat;
    uint32_t first = get32(m_b, 0x3C), n = get32(m_b, 0x40);
    if (auto bytes = chain(first, uint64_t(n) * m_sector))
      for (size_t k = 0; k + 4 <= bytes->size(); k += 4)
        minifat.push_back(get32(*bytes, k));
    std::string out;
    for (size_t hops = 0; start < kDifat && out.size() < size; ++hops) {
      size_t at = size_t(start) * 64;
      if (hops > minifat.size() || start >= minifat.size() || at + 64 > mini_stream.size())
        return std::nullopt;
      out.append(mini_stream.substr(at, 64));
      start = minifat[start];
    }
    if (out.size() < size)
      return std::nullopt;
    out.resize(size_t(size));
    return out;
  }

  size_t
  sector_size() const
  {
    return m_sector;
  }
  uint64_t
  file_size() const
  {
    return m_b.size();
  }

private:
  std::string_view
  sector(uint32_t n) const
  {
    size_t at = (size_t(n) + 1) * m_sector;
    if (n >= kDifat || at + m_sector > m_b.size())
      return {};
    return m_b.substr(at, m_sector);
  }

  std::string_view m_b;
  size_t m_sector = 512, m_count = 0;
  std::vector<uint32_t> m_fat;
};

} // namespace

std::optional<CompoundFile>
read_compound_file(std::string_view bytes, const std::vector<std::string_view>& wanted)
{
  Reader r(bytes);
  if (!r.load_header())
    return std::nullopt;
  auto dir = r.chain(get32(bytes, 0x30), r.file_size());
  if (!dir) {
    // A directory chain that ends early still lists what it holds.
    dir = r.chain(get32(bytes, 0x30), r.sector_size());
    if (!dir)
      return std::nullopt;
  }
  CompoundFile out;
  std::string_view entries(*dir);
  std::optional<std::string> mini_stream;
  for (size_t at = 0; at + 128 <= entries.size(); at += 128) {
    uint8_t type = uint8_t(entries[at + 66]);
    size_t len = std::min<size_t>(get16(entries, at + 64), 64);
    std::string name;
    for (size_t i = 0; i + 1 < len; i += 2)
      if (uint16_t c = get16(entries, at + i); c != 0)
        name += c < 0x80 ? char(c) : '?';
    uint32_t start = get32(entries, at + 116);
    uint64_t size = get32(entries, at + 120);
    if (type == 5 && at == 0) {
      mini_stream = r.chain(start, std::min<uint64_t>(size, r.file_size()));
      continue;
    }
    if (type != 2)
      continue;
    out.names.push_back(name);
    bool want = false;
    for (auto w : wanted)
      want = want || same_name(name, w);
    if (!want || out.stream || size > r.file_size())
      continue;
    uint32_t cutoff = get32(bytes, 0x38);
    if (size < cutoff)
      out.stream = mini_stream ? r.mini_chain(start, size, *mini_stream) : std::nullopt;
    else
      out.stream = r.chain(start, size);
  }
  return out;
}

} // namespace duty::xlsx
