#pragma once

// Streams one XML part of a workbook through expat, refusing what OOXML
// never contains and attacks use: a DTD (so no entity declarations, no
// external entities), and entity expansion beyond expat's amplification
// limits. A handler may suspend the parse (after each sheet row) and resume.
#include "xlsx/zip.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace duty::xlsx {

class XmlHandler
{
public:
  virtual ~XmlHandler() = default;
  // `name` is the local name (prefix stripped); `attrs` is expat's
  // name/value array ending in nullptr, names with their prefixes.
  virtual void start(std::string_view name, const char** attrs) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void
  text(std::string_view)
  {
  }
};

// The value of attribute `local` (any prefix), or nullptr.
const char* attr(const char** attrs, std::string_view local);

// Strips a namespace prefix: "x:row" → "row".
inline std::string_view
local_name(const char* name)
{
  // One pass, no library calls: this runs for every element of every sheet.
  const char* start = name;
  const char* p = name;
  for (; *p; ++p)
    if (*p == ':')
      start = p + 1;
  return std::string_view(start, size_t(p - start));
}

// Inflates a part on a second thread while the parser works on what came
// before: inflating is a fifth of reading a sheet. At most four chunks wait.
class PartPrefetch
{
public:
  explicit PartPrefetch(ZipPart& part);
  ~PartPrefetch();
  PartPrefetch(const PartPrefetch&) = delete;
  PartPrefetch& operator=(const PartPrefetch&) = delete;
  // As ZipPart::read; the inflating thread's errors are thrown here.
  size_t read(char* buf, size_t n);

private:
  void run();

  ZipPart& m_part;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::deque<std::string> m_ready;
  bool m_done = false, m_stop = false;
  std::exception_ptr m_error;
  std::string m_cur;
  size_t m_pos = 0;
  std::thread m_thread;
};

class XmlStream
{
public:
  // `where` names the part in messages ("book.xlsx[工单明细]").
  XmlStream(ZipPart part, XmlHandler& handler, std::string where, const Limits& limits);
  ~XmlStream();
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  // Parses until the handler suspends (true) or the part ends (false).
  // Throws InputError for malformed or refused XML, naming part, line and column.
  bool run();
  // From a handler: pause after the current element; run() returns true.
  void suspend();
  // From a handler: stop for good; run() returns false from now on.
  void finish();
  // From a handler: stop with an error; run() throws InputError(message).
  void fail(std::string message);

private:
  struct Callbacks;
  friend struct Callbacks;
  [[noreturn]] void throw_xml_error();

  size_t read(char* buf, size_t n);

  void* m_parser = nullptr; // XML_Parser
  ZipPart m_part;
  std::unique_ptr<PartPrefetch> m_prefetch; // for large parts
  XmlHandler& m_handler;
  std::string m_where;
  std::string m_error;
  bool m_suspended = false;
  bool m_finished = false;
  bool m_final = false;
  bool m_stopped = false;
};

// Parses a whole part with `handler`.
void parse_part(ZipPart part, XmlHandler& handler, const std::string& where, const Limits& limits);

// Decodes OOXML's _xHHHH_ escapes (ST_Xstring) in place: "_x000D_" is a CR.
void decode_xstring(std::string& s);

} // namespace duty::xlsx
