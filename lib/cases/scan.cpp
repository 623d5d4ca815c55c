#include "cases/scan.hpp"

#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace duty::cases {

std::string
scan_error_message(ScanError e, uint64_t line)
{
  switch (e) {
  case ScanError::none: return {};
  case ScanError::nul: return "a NUL byte in the text (a binary file, or a damaged export?)";
  case ScanError::bom: return "a byte-order mark (U+FEFF) inside the text (two exports joined together?)";
  case ScanError::after_quote:
    return "a quote inside a quoted field must be doubled (\"\"): text follows the closing quote";
  case ScanError::never_ends: return "a quoted field that starts on line " + std::to_string(line) + " never ends";
  }
  return {};
}

namespace {

// Finds the next byte that `stop` marks, 64 bytes at a time: the bytes of a
// window are compared with the (at most five) stop bytes once, with SSE2,
// into a bit mask that the following calls read. Past the last whole window
// the table decides byte by byte.
class Finder
{
public:
  Finder(const uint8_t* stop, const char* bytes, int n) : m_stop(stop), m_n(n)
  {
#ifdef __SSE2__
    for (int i = 0; i < n; ++i)
      m_b[i] = _mm_set1_epi8(bytes[i]);
#else
    (void)bytes;
#endif
  }

  const char* next(const char* q, const char* end)
  {
#ifdef __SSE2__
    for (;;) {
      if (m_base && q >= m_base && q < m_base + 64) {
        uint64_t m = m_mask >> (q - m_base);
        if (m)
          return q + __builtin_ctzll(m);
        q = m_base + 64;
      }
      if (end - q < 64)
        break;
      m_base = q;
      m_mask = window(q);
    }
#endif
    while (q < end && !m_stop[static_cast<unsigned char>(*q)])
      ++q;
    return q;
  }

private:
#ifdef __SSE2__
  uint64_t window(const char* p) const
  {
    uint64_t mask = 0;
    for (int k = 0; k < 4; ++k) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
      __m128i hit = _mm_cmpeq_epi8(v, m_b[0]);
      for (int i = 1; i < m_n; ++i)
        hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, m_b[i]));
      mask |= uint64_t(uint32_t(_mm_movemask_epi8(hit))) << (16 * k);
    }
    return mask;
  }
  __m128i m_b[6];
#endif
  const uint8_t* m_stop;
  int m_n;
  const char* m_base = nullptr;
  uint64_t m_mask = 0;
};

} // namespace

CsvScanner::CsvScanner(char sep, bool utf8) : m_sep(sep), m_quoting(sep == ','), m_utf8(utf8)
{
  std::memset(m_stop, 0, sizeof m_stop);
  std::memset(m_qstop, 0, sizeof m_qstop);
  for (unsigned char c : {static_cast<unsigned char>(sep), static_cast<unsigned char>('\n'),
                          static_cast<unsigned char>('\r'), static_cast<unsigned char>('\0')})
    m_stop[c] = 1;
  for (unsigned char c : {'"', '\n', '\r', '\0'})
    m_qstop[c] = 1;
  if (utf8)
    m_stop[0xEF] = m_qstop[0xEF] = 1; // the first byte of a BOM
  std::memset(m_any, 0, sizeof m_any);
  m_nany = 0;
  for (int c = 0; c < 256; ++c)
    if (m_stop[c] || (m_quoting && m_qstop[c])) {
      m_any[c] = 1;
      m_any_bytes[m_nany++] = char(c);
    }
}

std::string_view
CsvScanner::value(const ScanField& f, std::string& buf)
{
  if (!f.escaped)
    return f.text;
  buf.clear();
  for (size_t i = 0; i < f.text.size(); ++i) {
    buf += f.text[i];
    if (f.text[i] == '"' && i + 1 < f.text.size() && f.text[i + 1] == '"')
      ++i;
  }
  return buf;
}

CsvScanner::Status
CsvScanner::next(const char* p, const char* end, bool final, ScanRecord& rec, size_t& consumed) const
{
  if (p >= end)
    return final ? Status::end : Status::need_more;
  const char* const start = p;
  rec.count = 0;
  rec.lines = 0;
  rec.blank = false;
  rec.error = ScanError::none;
  auto fail = [&](ScanError what, const char* at) {
    if (rec.error == ScanError::none) {
      rec.error = what;
      rec.error_offset = size_t(at - start);
      rec.error_field = rec.count;
    }
  };
  // False when a BOM might be cut at the end of the buffer: read on first.
  auto odd_byte = [&](const char* q) {
    if (*q == '\0')
      fail(ScanError::nul, q);
    else if (m_utf8 && end - q < 3 && !final)
      return false;
    else if (m_utf8 && end - q >= 3 && std::memcmp(q, "\xEF\xBB\xBF", 3) == 0)
      fail(ScanError::bom, q);
    return true;
  };
  // One pass over the stop bytes of the record (separator, quote, CR, LF, NUL
  // and a BOM's first byte), 64 bytes at a time.
  Finder stops(m_any, m_any_bytes, m_nany);
  const char* field = p;         // where the current field starts
  const char* quote_end = nullptr; // its closing quote, when it is quoted
  bool in_quotes = false, escaped = false, first_quoted = false;
  auto finish_field = [&](const char* at) {
    if (rec.count == rec.fields.size())
      rec.fields.emplace_back();
    ScanField& f = rec.fields[rec.count++];
    f.quoted = quote_end != nullptr || in_quotes;
    f.escaped = escaped;
    f.text = !f.quoted ? std::string_view(field, size_t(at - field))
                       : std::string_view(field + 1, size_t((quote_end ? quote_end : at) - field - 1));
  };
  const char* q = p;
  for (;;) {
    q = stops.next(q, end);
    if (q >= end) {
      if (!final)
        return Status::need_more;
      if (in_quotes)
        fail(ScanError::never_ends, field);
      finish_field(end);
      ++rec.lines;
      consumed = size_t(end - start);
      const ScanField& f = rec.fields[0];
      rec.blank = rec.count == 1 && !first_quoted && f.text.empty() && rec.error == ScanError::none;
      return Status::record;
    }
    char c = *q;
    if (in_quotes) {
      if (c == '"') {
        if (q + 1 >= end && !final)
          return Status::need_more;
        if (q + 1 < end && q[1] == '"') {
          escaped = true;
          q += 2;
          continue;
        }
        in_quotes = false;
        quote_end = q++;
        if (q < end && *q != m_sep && *q != '\n' && *q != '\r')
          fail(ScanError::after_quote, q);
        continue;
      }
      if (c == '\n') {
        ++rec.lines;
      } else if (c == '\r') {
        if (q + 1 >= end && !final)
          return Status::need_more;
        if (!(q + 1 < end && q[1] == '\n'))
          ++rec.lines;
      } else if (c != m_sep && !odd_byte(q)) {
        return Status::need_more;
      }
      ++q;
      continue;
    }
    if (c == m_sep) {
      finish_field(q);
      field = ++q;
      quote_end = nullptr;
      escaped = false;
      continue;
    }
    if (c == '"') {
      if (q == field && m_quoting) { // a quote opens a field only at its start
        in_quotes = true;
        first_quoted = first_quoted || rec.count == 0;
      }
      ++q;
      continue;
    }
    if (c == '\n' || c == '\r') {
      if (c == '\r' && q + 1 >= end && !final)
        return Status::need_more;
      finish_field(q);
      if (c == '\r' && q + 1 < end && q[1] == '\n')
        ++q;
      ++rec.lines;
      consumed = size_t(q + 1 - start);
      rec.blank = rec.count == 1 && !first_quoted && rec.fields[0].text.empty() && rec.error == ScanError::none;
      return Status::record;
    }
    if (!odd_byte(q))
      return Status::need_more;
    ++q;
  }
}

} // namespace duty::cases
