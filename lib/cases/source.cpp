#include "cases/source.hpp"

#include "cases/reader.hpp"
#include "util/error.hpp"
#include "util/sha256.hpp"
#include "xlsx/book.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace duty::cases {

namespace {

// Enough to see a zip or compound-file signature, or markup after a BOM and blanks.
constexpr size_t kHead = 512;

class TextSource final : public RecordSource
{
public:
  TextSource(const std::string& path, const ReaderOptions& options, int fd, std::string taken)
      : m_stream(path, options.encoding, fd, std::move(taken)), m_records(m_stream, options.format)
  {
  }
  const std::vector<std::string>&
  header() const override
  {
    return m_records.header();
  }
  bool
  next(Record& rec) override
  {
    return m_records.next(rec);
  }
  Format
  format() const override
  {
    return m_records.format();
  }
  Encoding
  encoding() const override
  {
    return m_stream.encoding();
  }
  const std::string&
  name() const override
  {
    return m_stream.path();
  }
  std::string
  where(uint64_t line, size_t) const override
  {
    return m_stream.path() + ":" + std::to_string(line);
  }
  std::string
  content_hash() override
  {
    return m_stream.content_hash();
  }

private:
  TextStream m_stream;
  RecordReader m_records;
};

// Reads up to kHead bytes from `fd` (fewer only at the end of input).
std::string
read_head(int fd, const std::string& name)
{
  std::string head(kHead, '\0');
  size_t got = 0;
  while (got < kHead) {
    ssize_t n = ::read(fd, head.data() + got, kHead - got);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      throw UsageError(name + ": " + std::strerror(errno));
    if (n == 0)
      break;
    got += size_t(n);
  }
  head.resize(got);
  return head;
}

// A workbook arriving on standard input or a pipe is copied to a temporary
// file first: a zip archive is read from its end. The file is removed as soon
// as the readers hold it open, so even kill -9 leaves nothing behind.
class SpooledWorkbook final : public RecordSource
{
public:
  SpooledWorkbook(int in, const std::string& name, std::string head, const ReaderOptions& options)
  {
    const char* tmp = std::getenv("TMPDIR");
    m_path = std::string(tmp && *tmp ? tmp : "/tmp") + "/duty-stdin-XXXXXX";
    int fd = ::mkstemp(m_path.data());
    if (fd < 0)
      throw UsageError("cannot spool a workbook from standard input: " + m_path + ": " +
                       std::strerror(errno));
    try {
      copy(in, fd, head, name);
      ::close(fd);
    } catch (...) {
      ::close(fd);
      ::unlink(m_path.c_str());
      throw;
    }
    try {
      m_inner = open_workbook_records(m_path, name, options);
    } catch (...) {
      ::unlink(m_path.c_str());
      throw;
    }
    ::unlink(m_path.c_str());
    m_hash = util::Sha256::hex(m_sha.finish());
  }
  const std::vector<std::string>&
  header() const override
  {
    return m_inner->header();
  }
  bool
  next(Record& rec) override
  {
    return m_inner->next(rec);
  }
  Format
  format() const override
  {
    return m_inner->format();
  }
  Encoding
  encoding() const override
  {
    return m_inner->encoding();
  }
  const std::string&
  name() const override
  {
    return m_inner->name();
  }
  std::string
  where(uint64_t line, size_t column) const override
  {
    return m_inner->where(line, column);
  }
  std::string
  content_hash() override
  {
    return m_hash;
  }

private:
  void
  copy(int in, int fd, const std::string& head, const std::string& name)
  {
    std::string buf = head;
    for (;;) {
      m_sha.update(buf);
      for (size_t off = 0; off < buf.size();) {
        ssize_t w = ::write(fd, buf.data() + off, buf.size() - off);
        if (w < 0 && errno == EINTR)
          continue;
        if (w < 0)
          throw UsageError(std::string("cannot spool a workbook from standard input: ") +
                           std::strerror(errno));
        off += size_t(w);
      }
      buf.resize(1 << 20);
      ssize_t n;
      do {
        n = ::read(in, buf.data(), buf.size());
      } while (n < 0 && errno == EINTR);
      if (n < 0)
        throw UsageError(name + ": " + std::strerror(errno));
      if (n == 0)
        return;
      buf.resize(size_t(n));
    }
  }

  std::string m_path;
  util::Sha256 m_sha;
  std::string m_hash;
  std::unique_ptr<RecordSource> m_inner;
};

} // namespace

bool
is_text_export(std::string_view head)
{
  return xlsx::sniff(head) == xlsx::Magic::text;
}

std::unique_ptr<RecordSource>
open_records(const std::string& path, const ReaderOptions& options)
{
  std::string name = path == "-" ? "<stdin>" : path;
  int fd = path == "-" ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw UsageError(path + ": " + std::strerror(errno));
  struct Closer
  {
    int fd;
    ~Closer()
    {
      if (fd > 0)
        ::close(fd);
    }
  } closer{fd};
  std::string head = read_head(fd, name);
  struct stat st;
  bool regular = path != "-" && ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  switch (xlsx::sniff(head)) {
  case xlsx::Magic::zip:
  case xlsx::Magic::cfb:
    // A file is opened again by name; a pipe or standard input cannot be.
    if (regular)
      return open_workbook_records(path, name, options);
    return std::make_unique<SpooledWorkbook>(fd, name, std::move(head), options);
  case xlsx::Magic::markup:
    throw InputError(name + ": an HTML or XML table (as some platforms export under an .xls "
                            "name), not a case log: open it in Excel or WPS and save it as "
                            ".xlsx or CSV");
  case xlsx::Magic::text: break;
  }
  // The stream goes on from the bytes already read, on the same descriptor.
  closer.fd = -1;
  return std::make_unique<TextSource>(path, options, fd, std::move(head));
}

} // namespace duty::cases
