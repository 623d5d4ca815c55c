#include "book_output.hpp"

#include "cli.hpp"

#include "output/tables.hpp"
#include "output/xlsx.hpp"
#include "util/error.hpp"
#include "util/file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <unistd.h>

namespace duty::tools {

void
check_output(output::Format f, const std::string& out)
{
  if (f == output::Format::xlsx && (out.empty() || out == "-") && ::isatty(STDOUT_FILENO))
    throw UsageError("refusing to write a workbook to a terminal: name a file with -o FILE "
                     "(or redirect standard output)");
}

BookOutput::BookOutput(const std::string& out)
{
  check_output(output::Format::xlsx, out);
  if (!out.empty() && out != "-") {
    m_path = out;
    return;
  }
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

bool
BookOutput::finish()
{
  if (!m_stdout)
    return true;
  std::ifstream in(m_path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  write_stdout(bytes);
  return true;
}

void
add_output_option(CLI::App& app, std::string& out)
{
  app.add_option("-o,--output", out,
                 "Write to FILE instead of standard output (a workbook "
                 "with --format xlsx is never written to a terminal)")
    ->type_name("FILE");
}

int
emit_tables(const std::vector<output::Table>& tables, output::Format f, const std::string& out)
{
  if (f == output::Format::xlsx) {
    BookOutput book(out);
    output::write_xlsx(tables, book.path());
    return book.finish() ? exit_clean : exit_usage;
  }
  return emit_text(output::render_tables(tables, f), out);
}

int
emit_text(const std::string& text, const std::string& out)
{
  if (out.empty() || out == "-") {
    write_stdout(text);
    return exit_clean;
  }
  util::write_file_atomic(out, text);
  return exit_clean;
}

} // namespace duty::tools
