#include "book_output.hpp"

#include "util/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <unistd.h>

namespace duty::tools {

BookOutput::BookOutput(const std::string& out)
{
  if (!out.empty() && out != "-") {
    m_path = out;
    return;
  }
  if (::isatty(STDOUT_FILENO))
    throw UsageError("refusing to write a workbook to a terminal: name a file with -o FILE "
                     "(or redirect standard output)");
  // The writers need a file: write one in the temporary directory, then copy it out.
  const char* tmp = std::getenv("TMPDIR");
  m_path = std::string(tmp && *tmp ? tmp : "/tmp") + "/duty-book-XXXXXX";
  int fd = ::mkstemp(m_path.data());
  if (fd < 0)
    throw UsageError(m_path + ": " + std::strerror(errno));
  ::close(fd);
  m_stdout = true;
}

BookOutput::~BookOutput()
{
  if (m_stdout)
    ::unlink(m_path.c_str());
}

void
BookOutput::finish()
{
  if (!m_stdout)
    return;
  std::ifstream in(m_path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), stdout) == bytes.size();
  if (std::fflush(stdout) != 0 || !ok)
    throw UsageError(std::string("standard output: ") + std::strerror(errno));
}

} // namespace duty::tools
