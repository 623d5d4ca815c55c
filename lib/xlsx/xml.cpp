#include "xlsx/xml.hpp"

#include "util/error.hpp"
#include "util/text.hpp"

// Debian builds expat with DTD support; the amplification guard is declared under it.
#ifndef XML_DTD
#define XML_DTD 1
#endif
#include <cstring>
#include <expat.h>
#include <fmt/format.h>

namespace duty::xlsx {

namespace {

constexpr int kChunk = 1 << 16;
constexpr size_t kPrefetchChunk = 1 << 18;
constexpr size_t kPrefetchAhead = 4;
constexpr uint64_t kPrefetchFrom = 4 << 20; // smaller parts are read directly

XML_Parser
xp(void* p)
{
  return static_cast<XML_Parser>(p);
}

int
hex(char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

} // namespace

// Expat calls back with the stream as its user data.
struct XmlStream::Callbacks
{
  static void XMLCALL
  start(void* data, const XML_Char* name, const XML_Char** attrs)
  {
    static_cast<XmlStream*>(data)->m_handler.start(local_name(name), attrs);
  }
  static void XMLCALL
  end(void* data, const XML_Char* name)
  {
    static_cast<XmlStream*>(data)->m_handler.end(local_name(name));
  }
  static void XMLCALL
  text(void* data, const XML_Char* s, int len)
  {
    static_cast<XmlStream*>(data)->m_handler.text(std::string_view(s, size_t(len)));
  }
  static void XMLCALL
  doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int)
  {
    auto* self = static_cast<XmlStream*>(data);
    self->fail(self->m_where + " (" + self->m_part.part() +
               "): a document type declaration (<!DOCTYPE>), which workbooks never "
               "contain: refused, as it could declare entities");
  }
};

PartPrefetch::PartPrefetch(ZipPart& part) : m_part(part), m_thread([this] { run(); })
{
}

PartPrefetch::~PartPrefetch()
{
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_cv.notify_all();
  m_thread.join();
}

void
PartPrefetch::run()
{
  try {
    for (;;) {
      std::string chunk(kPrefetchChunk, '\0');
      size_t n = m_part.read(chunk.data(), chunk.size());
      chunk.resize(n);
      std::unique_lock lock(m_mutex);
      m_cv.wait(lock, [&] { return m_stop || m_ready.size() < kPrefetchAhead; });
      if (m_stop)
        return;
      if (n == 0) {
        m_done = true;
        m_cv.notify_all();
        return;
      }
      m_ready.push_back(std::move(chunk));
      m_cv.notify_all();
    }
  } catch (...) {
    std::lock_guard lock(m_mutex);
    m_error = std::current_exception();
    m_done = true;
    m_cv.notify_all();
  }
}

size_t
PartPrefetch::read(char* buf, size_t n)
{
  if (m_pos == m_cur.size()) {
    std::unique_lock lock(m_mutex);
    m_cv.wait(lock, [&] { return !m_ready.empty() || m_done; });
    if (m_ready.empty()) {
      if (m_error)
        std::rethrow_exception(m_error);
      return 0;
    }
    m_cur = std::move(m_ready.front());
    m_ready.pop_front();
    m_pos = 0;
    m_cv.notify_all();
  }
  size_t k = std::min(n, m_cur.size() - m_pos);
  std::memcpy(buf, m_cur.data() + m_pos, k);
  m_pos += k;
  return k;
}

const char*
attr(const char** attrs, std::string_view local)
{
  for (; *attrs; attrs += 2)
    if (local_name(attrs[0]) == local)
      return attrs[1];
  return nullptr;
}

XmlStream::XmlStream(ZipPart part, XmlHandler& handler, std::string where, const Limits& limits)
    : m_part(std::move(part)), m_handler(handler), m_where(std::move(where))
{
  XML_Parser p = XML_ParserCreate(nullptr);
  if (!p)
    throw UsageError("out of memory for an XML parser");
  m_parser = p;
  XML_SetUserData(p, this);
  XML_SetElementHandler(p, Callbacks::start, Callbacks::end);
  XML_SetCharacterDataHandler(p, Callbacks::text);
  XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
  XML_SetBillionLaughsAttackProtectionMaximumAmplification(p, limits.max_amplification);
  XML_SetBillionLaughsAttackProtectionActivationThreshold(p, limits.amplification_threshold);
  // OOXML parts never carry a DTD: refuse one outright, so entities cannot be declared.
  XML_SetStartDoctypeDeclHandler(p, Callbacks::doctype);
}

XmlStream::~XmlStream()
{
  m_prefetch.reset(); // joins the inflating thread before the part goes
  if (m_parser)
    XML_ParserFree(xp(m_parser));
}

size_t
XmlStream::read(char* buf, size_t n)
{
  if (!m_prefetch && m_part.size() >= kPrefetchFrom)
    m_prefetch = std::make_unique<PartPrefetch>(m_part);
  return m_prefetch ? m_prefetch->read(buf, n) : m_part.read(buf, n);
}

void
XmlStream::suspend()
{
  if (!m_stopped)
    XML_StopParser(xp(m_parser), XML_TRUE);
  m_suspended = true;
}

void
XmlStream::finish()
{
  if (!m_stopped)
    XML_StopParser(xp(m_parser), XML_FALSE);
  m_stopped = true;
  m_finished = true;
}

void
XmlStream::fail(std::string message)
{
  if (m_error.empty())
    m_error = std::move(message);
  if (!m_stopped)
    XML_StopParser(xp(m_parser), XML_FALSE);
  m_stopped = true;
}

void
XmlStream::throw_xml_error()
{
  XML_Parser p = xp(m_parser);
  throw InputError(fmt::format("{} ({}:{}:{}): {}", m_where, m_part.part(), XML_GetCurrentLineNumber(p),
                               XML_GetCurrentColumnNumber(p) + 1, XML_ErrorString(XML_GetErrorCode(p))));
}

bool
XmlStream::run()
{
  XML_Parser p = xp(m_parser);
  for (;;) {
    if (m_finished)
      return false;
    XML_Status st;
    if (m_suspended) {
      m_suspended = false;
      st = XML_ResumeParser(p);
    } else {
      if (m_final)
        return false;
      void* buf = XML_GetBuffer(p, kChunk);
      if (!buf)
        throw UsageError("out of memory while parsing " + m_where);
      size_t n = read(static_cast<char*>(buf), kChunk);
      m_final = n == 0;
      st = XML_ParseBuffer(p, int(n), m_final);
    }
    if (!m_error.empty())
      throw InputError(m_error);
    if (st == XML_STATUS_ERROR) {
      if (m_finished)
        return false;
      throw_xml_error();
    }
    if (st == XML_STATUS_SUSPENDED)
      return true;
  }
}

void
parse_part(ZipPart part, XmlHandler& handler, const std::string& where, const Limits& limits)
{
  XmlStream s(std::move(part), handler, where, limits);
  while (s.run()) {
  }
}

void
decode_xstring(std::string& s)
{
  size_t at = s.find("_x");
  if (at == std::string::npos)
    return;
  std::string out;
  out.reserve(s.size());
  // The four hex digits of an escape at s[i], or -1.
  auto escape = [&](size_t i) {
    if (i + 6 >= s.size() || s[i] != '_' || s[i + 1] != 'x' || s[i + 6] != '_')
      return -1;
    int v = 0;
    for (size_t k = 2; k < 6; ++k) {
      int h = hex(s[i + k]);
      if (h < 0)
        return -1;
      v = v * 16 + h;
    }
    return v;
  };
  size_t i = 0;
  while (i < s.size()) {
    int v = escape(i);
    if (v < 0) {
      out += s[i++];
      continue;
    }
    i += 7;
    char32_t cp = char32_t(v);
    if (v >= 0xD800 && v <= 0xDBFF) { // a UTF-16 pair written as two escapes
      int lo = escape(i);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        cp = 0x10000 + ((char32_t(v) - 0xD800) << 10) + (char32_t(lo) - 0xDC00);
        i += 7;
      } else {
        cp = 0xFFFD;
      }
    } else if (v >= 0xDC00 && v <= 0xDFFF) {
      cp = 0xFFFD;
    }
    util::append_utf8(out, cp);
  }
  s = std::move(out);
}

} // namespace duty::xlsx
