#include "xlsx/book.hpp"

#include "util/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace duty::xlsx {

Magic
sniff(std::string_view head)
{
  if (head.starts_with("PK\x03\x04") || head.starts_with("PK\x05\x06"))
    return Magic::zip;
  if (head.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
    return Magic::cfb;
  if (head.starts_with("\xEF\xBB\xBF"))
    head.remove_prefix(3);
  size_t i = head.find_first_not_of(" \t\r\n");
  if (i != std::string_view::npos && head[i] == '<')
    return Magic::markup;
  return Magic::text;
}

std::unique_ptr<Book>
open_book(const std::string& path, const std::string& name, const Limits& limits)
{
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw UsageError(name + ": " + std::strerror(errno));
  char head[64];
  ssize_t n = ::read(fd, head, sizeof head);
  ::close(fd);
  switch (sniff(std::string_view(head, n > 0 ? size_t(n) : 0))) {
  case Magic::zip: return open_xlsx(path, name, limits);
  case Magic::cfb: return open_xls(path, name, limits);
  case Magic::markup:
    throw InputError(name + ": an HTML or XML table saved under a workbook's name, not an "
                            "Excel workbook: open it in Excel or WPS and save it as .xlsx");
  case Magic::text: break;
  }
  throw InputError(name + ": not an Excel workbook (.xlsx or .xls)");
}

} // namespace duty::xlsx
