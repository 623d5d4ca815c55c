#pragma once

// Which number formats show dates and times, and how a date serial reads as
// text. Excel stores a date as a number of days; only the cell's number
// format says it is a date, so that is the one thing we go by (no guessing
// from the size of the number).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace duty::xlsx {

enum class DateKind : uint8_t { none, date, datetime, time };

// The kind of a built-in number format id (ECMA-376 §18.8.30, with the ids
// 27–36 and 50–58 that Chinese, Japanese and Korean Excel use for dates).
DateKind builtin_date_kind(uint32_t id);

// The kind of a format code such as "yyyy\-mm\-dd\ hh:mm:ss", "yyyy"年"m"月"d"日"",
// "[$-804]aaaa" or "[h]:mm": date letters outside quotes, escapes and brackets.
DateKind format_date_kind(std::string_view code);

// A date serial as text: "YYYY-MM-DD HH:MM:SS"; "YYYY-MM-DD" when the format
// shows only a date and the value has no time of day; "HH:MM:SS" for a time
// format and a value below one day. Seconds are rounded to the nearest.
// nullopt for a serial outside 1900-01-01 … 9999-12-31 (Excel shows ####).
std::optional<std::string> serial_text(double serial, DateKind kind, bool date1904);

// An ISO 8601 cell value (t="d"): "2025-03-01T08:15:00Z" → "2025-03-01 08:15:00".
std::optional<std::string> iso_date_text(std::string_view iso);

} // namespace duty::xlsx
