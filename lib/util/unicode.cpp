#include "util/unicode.hpp"

#include "util/text.hpp"

#include <fmt/format.h>

namespace duty::util {

namespace {

struct Named
{
  char32_t first, last;
  const char* name; // for a range, the name of its first character is derived below
};

// Names of the invisible characters (Unicode 15 names; controls by their aliases).
constexpr Named kNames[] = {
    {0x0000, 0x0000, "NULL"},
    {0x0009, 0x0009, "CHARACTER TABULATION"},
    {0x000A, 0x000A, "LINE FEED"},
    {0x000D, 0x000D, "CARRIAGE RETURN"},
    {0x001B, 0x001B, "ESCAPE"},
    {0x007F, 0x007F, "DELETE"},
    {0x0085, 0x0085, "NEXT LINE"},
    {0x00A0, 0x00A0, "NO-BREAK SPACE"},
    {0x00AD, 0x00AD, "SOFT HYPHEN"},
    {0x034F, 0x034F, "COMBINING GRAPHEME JOINER"},
    {0x061C, 0x061C, "ARABIC LETTER MARK"},
    {0x115F, 0x115F, "HANGUL CHOSEONG FILLER"},
    {0x1160, 0x1160, "HANGUL JUNGSEONG FILLER"},
    {0x1680, 0x1680, "OGHAM SPACE MARK"},
    {0x17B4, 0x17B4, "KHMER VOWEL INHERENT AQ"},
    {0x17B5, 0x17B5, "KHMER VOWEL INHERENT AA"},
    {0x180E, 0x180E, "MONGOLIAN VOWEL SEPARATOR"},
    {0x2000, 0x2000, "EN QUAD"},
    {0x2001, 0x2001, "EM QUAD"},
    {0x2002, 0x2002, "EN SPACE"},
    {0x2003, 0x2003, "EM SPACE"},
    {0x2004, 0x2004, "THREE-PER-EM SPACE"},
    {0x2005, 0x2005, "FOUR-PER-EM SPACE"},
    {0x2006, 0x2006, "SIX-PER-EM SPACE"},
    {0x2007, 0x2007, "FIGURE SPACE"},
    {0x2008, 0x2008, "PUNCTUATION SPACE"},
    {0x2009, 0x2009, "THIN SPACE"},
    {0x200A, 0x200A, "HAIR SPACE"},
    {0x200B, 0x200B, "ZERO WIDTH SPACE"},
    {0x200C, 0x200C, "ZERO WIDTH NON-JOINER"},
    {0x200D, 0x200D, "ZERO WIDTH JOINER"},
    {0x200E, 0x200E, "LEFT-TO-RIGHT MARK"},
    {0x200F, 0x200F, "RIGHT-TO-LEFT MARK"},
    {0x2028, 0x2028, "LINE SEPARATOR"},
    {0x2029, 0x2029, "PARAGRAPH SEPARATOR"},
    {0x202A, 0x202A, "LEFT-TO-RIGHT EMBEDDING"},
    {0x202B, 0x202B, "RIGHT-TO-LEFT EMBEDDING"},
    {0x202C, 0x202C, "POP DIRECTIONAL FORMATTING"},
    {0x202D, 0x202D, "LEFT-TO-RIGHT OVERRIDE"},
    {0x202E, 0x202E, "RIGHT-TO-LEFT OVERRIDE"},
    {0x202F, 0x202F, "NARROW NO-BREAK SPACE"},
    {0x205F, 0x205F, "MEDIUM MATHEMATICAL SPACE"},
    {0x2060, 0x2060, "WORD JOINER"},
    {0x2061, 0x2061, "FUNCTION APPLICATION"},
    {0x2062, 0x2062, "INVISIBLE TIMES"},
    {0x2063, 0x2063, "INVISIBLE SEPARATOR"},
    {0x2064, 0x2064, "INVISIBLE PLUS"},
    {0x2066, 0x2066, "LEFT-TO-RIGHT ISOLATE"},
    {0x2067, 0x2067, "RIGHT-TO-LEFT ISOLATE"},
    {0x2068, 0x2068, "FIRST STRONG ISOLATE"},
    {0x2069, 0x2069, "POP DIRECTIONAL ISOLATE"},
    {0x206A, 0x206A, "INHIBIT SYMMETRIC SWAPPING"},
    {0x206B, 0x206B, "ACTIVATE SYMMETRIC SWAPPING"},
    {0x206C, 0x206C, "INHIBIT ARABIC FORM SHAPING"},
    {0x206D, 0x206D, "ACTIVATE ARABIC FORM SHAPING"},
    {0x206E, 0x206E, "NATIONAL DIGIT SHAPES"},
    {0x206F, 0x206F, "NOMINAL DIGIT SHAPES"},
    {0x2800, 0x2800, "BRAILLE PATTERN BLANK"},
    {0x3000, 0x3000, "IDEOGRAPHIC SPACE"},
    {0x3164, 0x3164, "HANGUL FILLER"},
    {0xFEFF, 0xFEFF, "ZERO WIDTH NO-BREAK SPACE"},
    {0xFFA0, 0xFFA0, "HALFWIDTH HANGUL FILLER"},
    {0xFFF9, 0xFFF9, "INTERLINEAR ANNOTATION ANCHOR"},
    {0xFFFA, 0xFFFA, "INTERLINEAR ANNOTATION SEPARATOR"},
    {0xFFFB, 0xFFFB, "INTERLINEAR ANNOTATION TERMINATOR"},
    {0xE0001, 0xE0001, "LANGUAGE TAG"},
    {0xE007F, 0xE007F, "CANCEL TAG"},
};

// The invisible set, as ranges (see is_invisible).
constexpr std::pair<char32_t, char32_t> kInvisible[] = {
    {0x0000, 0x001F},   {0x007F, 0x009F},   {0x00A0, 0x00A0},   {0x00AD, 0x00AD},   {0x034F, 0x034F},
    {0x0600, 0x0605},   {0x061C, 0x061C},   {0x06DD, 0x06DD},   {0x070F, 0x070F},   {0x0890, 0x0891},
    {0x08E2, 0x08E2},   {0x115F, 0x1160},   {0x1680, 0x1680},   {0x17B4, 0x17B5},   {0x180B, 0x180F},
    {0x2000, 0x200F},   {0x2028, 0x202F},   {0x205F, 0x206F},   {0x2800, 0x2800},   {0x3164, 0x3164},
    {0xFE00, 0xFE0F},   {0xFEFF, 0xFEFF},   {0xFFA0, 0xFFA0},   {0xFFF0, 0xFFFB},   {0x110BD, 0x110BD},
    {0x110CD, 0x110CD}, {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF},
};

} // namespace

bool
is_invisible(char32_t c)
{
  for (const auto& [first, last] : kInvisible) {
    if (c < first)
      return false;
    if (c <= last)
      return true;
  }
  return false;
}

bool
is_space(char32_t c)
{
  return c == 0x20 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

std::string
describe_char(char32_t c)
{
  std::string name;
  for (const auto& n : kNames)
    if (c >= n.first && c <= n.last)
      name = n.name;
  if (name.empty()) {
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
      name = "CONTROL CHARACTER";
    else if (c >= 0xFE00 && c <= 0xFE0F)
      name = fmt::format("VARIATION SELECTOR-{}", static_cast<unsigned>(c - 0xFE00 + 1));
    else if (c >= 0xE0100 && c <= 0xE01EF)
      name = fmt::format("VARIATION SELECTOR-{}", static_cast<unsigned>(c - 0xE0100 + 17));
    else if (c >= 0xE0020 && c <= 0xE007E)
      name = fmt::format("TAG {}", static_cast<char>(c - 0xE0000));
    else if (c >= 0x180B && c <= 0x180F)
      name = "MONGOLIAN FREE VARIATION SELECTOR";
    else if (is_invisible(c))
      name = "INVISIBLE FORMAT CHARACTER";
  }
  std::string out = fmt::format("U+{:04X}", static_cast<uint32_t>(c));
  if (!name.empty())
    out += " " + name;
  return out;
}

std::string
show_invisible(std::string_view s)
{
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t c = decode_utf8(s, i);
    if (is_invisible(c))
      out += fmt::format("⟨U+{:04X}⟩", static_cast<uint32_t>(c));
    else
      out.append(s.substr(start, i - start));
  }
  return out;
}

std::string
visible_skeleton(std::string_view s)
{
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t c = decode_utf8(s, i);
    if (!is_invisible(c))
      out.append(s.substr(start, i - start));
  }
  size_t b = 0, e = out.size();
  for (size_t i = 0; i < out.size();) {
    char32_t c = decode_utf8(out, i);
    if (!is_space(c))
      break;
    b = i;
  }
  while (e > b) {
    size_t k = e - 1;
    while (k > b && (static_cast<unsigned char>(out[k]) & 0xC0) == 0x80)
      --k;
    size_t j = k;
    if (!is_space(decode_utf8(out, j)))
      break;
    e = k;
  }
  return out.substr(b, e - b);
}

} // namespace duty::util
