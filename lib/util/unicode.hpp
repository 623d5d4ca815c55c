#pragma once

#include <string>
#include <string_view>

namespace duty::util {

// Characters that print as nothing or as a plain space although they are not
// one: controls, format characters (zero-width, bidirectional controls,
// joiners, tags), default-ignorable code points (variation selectors, Hangul
// fillers), line and paragraph separators, and spaces other than U+0020 and
// U+3000 (no-break, thin, em …). In an id or a name they make two strings
// that look the same compare different.
bool is_invisible(char32_t c);

// U+0020, U+3000 and the other Unicode space separators.
bool is_space(char32_t c);

// "U+200B ZERO WIDTH SPACE": a visible rendering of `c` for messages.
std::string describe_char(char32_t c);

// `s` with each invisible character written as ⟨U+200B⟩, for messages.
std::string show_invisible(std::string_view s);

// `s` without its invisible characters and without leading and trailing spaces:
// two ids with the same skeleton look the same on screen.
std::string visible_skeleton(std::string_view s);

} // namespace duty::util
