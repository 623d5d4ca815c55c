#include "xlsx/zip.hpp"

#include "util/error.hpp"

#include <fmt/format.h>
#include <zip.h>

namespace duty::xlsx {

namespace {

zip_t*
zp(void* p)
{
  return static_cast<zip_t*>(p);
}

std::string
mib(uint64_t bytes)
{
  return fmt::format("{:.1f} MiB", double(bytes) / (1 << 20));
}

[[noreturn]] void
not_a_zip(const std::string& name, int code)
{
  zip_error_t err;
  zip_error_init_with_code(&err, code);
  std::string why = zip_error_strerror(&err);
  zip_error_fini(&err);
  throw InputError(name +
                   ": a damaged workbook: it starts like a zip archive (.xlsx) but "
                   "cannot be read as one (" +
                   why + ")");
}

} // namespace

ZipArchive::ZipArchive(void* zip, std::string name, const Limits& limits)
    : m_zip(zip), m_name(std::move(name)), m_limits(limits)
{
  zip_int64_t n = zip_get_num_entries(zp(m_zip), 0);
  if (n < 0 || uint64_t(n) > limits.max_entries) {
    zip_discard(zp(m_zip));
    m_zip = nullptr;
    throw InputError(m_name + ": the zip archive holds " + std::to_string(n) +
                     " files; a workbook has a few dozen (limit " + std::to_string(limits.max_entries) + ")");
  }
}

ZipArchive
ZipArchive::open_file(const std::string& path, const std::string& name, const Limits& limits)
{
  int code = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &code);
  if (!z) {
    if (code == ZIP_ER_OPEN || code == ZIP_ER_READ || code == ZIP_ER_NOENT)
      throw UsageError(name + ": cannot open the file");
    not_a_zip(name, code);
  }
  return ZipArchive(z, name, limits);
}

ZipArchive
ZipArchive::open_memory(std::string_view bytes, const std::string& name, const Limits& limits)
{
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) {
    zip_error_fini(&err);
    throw UsageError(name + ": out of memory");
  }
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!z) {
    int code = zip_error_code_zip(&err);
    zip_error_fini(&err);
    zip_source_free(src);
    not_a_zip(name, code);
  }
  zip_error_fini(&err);
  return ZipArchive(z, name, limits);
}

ZipArchive::ZipArchive(ZipArchive&& o) noexcept
    : m_zip(o.m_zip), m_name(std::move(o.m_name)), m_limits(o.m_limits)
{
  o.m_zip = nullptr;
}

ZipArchive&
ZipArchive::operator=(ZipArchive&& o) noexcept
{
  std::swap(m_zip, o.m_zip);
  m_name = std::move(o.m_name);
  m_limits = o.m_limits;
  return *this;
}

ZipArchive::~ZipArchive()
{
  if (m_zip)
    zip_discard(zp(m_zip));
}

std::optional<uint64_t>
ZipArchive::find(std::string_view name) const
{
  while (name.starts_with('/'))
    name.remove_prefix(1);
  std::string n(name);
  zip_int64_t i = zip_name_locate(zp(m_zip), n.c_str(), ZIP_FL_NOCASE);
  if (i < 0) {
    // Some exporters write Windows separators into the archive.
    for (char& c : n)
      if (c == '/')
        c = '\\';
    i = zip_name_locate(zp(m_zip), n.c_str(), ZIP_FL_NOCASE);
  }
  if (i < 0)
    return std::nullopt;
  return uint64_t(i);
}

ZipPart
ZipArchive::open(uint64_t index) const
{
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zp(m_zip), index, 0, &st) != 0)
    throw InputError(m_name + ": a damaged workbook: " + zip_strerror(zp(m_zip)));
  std::string part = (st.valid & ZIP_STAT_NAME) ? st.name : "?";
  uint64_t size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
  uint64_t packed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
  if (size > m_limits.max_part_bytes)
    throw InputError(fmt::format("{}: part {} inflates to {}, more than the limit of {}: "
                                 "refusing it as a zip bomb",
                                 m_name, part, mib(size), mib(m_limits.max_part_bytes)));
  if (size > m_limits.ratio_floor && size / std::max<uint64_t>(packed, 1) > m_limits.max_ratio)
    throw InputError(fmt::format("{}: part {} inflates {}× ({} from {} bytes), more than "
                                 "the {}× real workbooks reach: refusing it as a zip bomb",
                                 m_name, part, size / std::max<uint64_t>(packed, 1), mib(size), packed,
                                 m_limits.max_ratio));
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
    throw InputError(m_name + ": part " + part + " is encrypted");
  zip_file_t* f = zip_fopen_index(zp(m_zip), index, 0);
  if (!f)
    throw InputError(m_name + ": part " + part + " cannot be read: " + zip_strerror(zp(m_zip)));
  return ZipPart(f, m_name, part, size);
}

ZipPart::ZipPart(void* file, std::string archive, std::string part, uint64_t size)
    : m_file(file), m_archive(std::move(archive)), m_part(std::move(part)), m_size(size)
{
}

ZipPart::ZipPart(ZipPart&& o) noexcept
    : m_file(o.m_file), m_archive(std::move(o.m_archive)), m_part(std::move(o.m_part)), m_size(o.m_size),
      m_done(o.m_done)
{
  o.m_file = nullptr;
}

ZipPart::~ZipPart()
{
  if (m_file)
    zip_fclose(static_cast<zip_file_t*>(m_file));
}

size_t
ZipPart::read(char* buf, size_t n)
{
  auto* f = static_cast<zip_file_t*>(m_file);
  // Never ask for more than the declared size: a part that inflates beyond
  // it is caught by libzip's size and CRC checks at the end, not read on.
  uint64_t left = m_size - m_done;
  if (left == 0) {
    char probe;
    zip_int64_t extra = zip_fread(f, &probe, 1);
    if (extra > 0)
      throw InputError(m_archive + ": part " + m_part +
                       " inflates beyond its declared size: a damaged or hostile workbook");
    if (extra < 0)
      throw InputError(m_archive + ": part " + m_part + " is damaged (" + zip_file_strerror(f) + ")");
    return 0;
  }
  zip_int64_t got = zip_fread(f, buf, std::min<uint64_t>(n, left));
  if (got < 0)
    throw InputError(m_archive + ": part " + m_part + " is damaged (" + zip_file_strerror(f) + ")");
  if (got == 0)
    throw InputError(m_archive + ": part " + m_part +
                     " ends before its declared size: a "
                     "damaged workbook");
  m_done += uint64_t(got);
  return size_t(got);
}

} // namespace duty::xlsx
