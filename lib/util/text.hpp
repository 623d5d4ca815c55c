#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace duty::util {

// Byte offset of the first byte that does not belong to a well-formed UTF-8
// sequence, or npos when `s` is valid UTF-8 (overlongs and surrogates are invalid).
size_t
find_invalid_utf8(std::string_view s);

// Number of code points in `s` (assumed valid UTF-8; stray bytes count as one).
size_t
count_code_points(std::string_view s);

// Terminal display width: East Asian wide and full-width characters take two
// columns, combining marks none.
size_t
display_width(std::string_view s);

// Decodes the code point starting at s[i]; advances i. Invalid bytes yield U+FFFD.
char32_t
decode_utf8(std::string_view s, size_t& i);

void
append_utf8(std::string& out, char32_t cp);

// Pads `s` with spaces to `width` display columns (left-aligned).
std::string
pad_right(std::string_view s, size_t width);

std::string_view
trim(std::string_view s);

std::vector<std::string_view>
split(std::string_view s, char sep);

// Byte offsets of the first byte of every line of `text` (line 1 at index 0).
std::vector<size_t>
line_starts(std::string_view text);

// Whether a code point could act on a terminal or reorder what it shows: C0
// controls, DEL, C1 controls (U+0080–U+009F) and the bidirectional controls.
bool
is_terminal_control(char32_t c);

// `s` made safe to print on a terminal: every terminal control (see above),
// line break and tab is shown escaped ("\x1b", "\n", "\u{202e}") and bytes
// that are not UTF-8 as "\xNN", so data can never move the cursor, set a
// title (OSC), or reorder a line. Everything else is kept as it is.
std::string
terminal_safe(std::string_view s);

// terminal_safe() for each line of a multi-line text: the line breaks stay.
std::string
terminal_safe_lines(std::string_view s);

// `s` for HTML and XML text and attribute values: terminal_safe() (so no
// control, bidi control or stray byte reaches a reader), then & < > " ' as
// entities, so data can never open an element or end an attribute.
std::string
xml_escape(std::string_view s);

// Quotes `s` for a message: "s", with control characters escaped and long
// values shortened so that a 20 MB scalar never floods a terminal.
std::string
quote(std::string_view s, size_t max_chars = 60);

} // namespace duty::util
