#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace duty::cases {

enum class Kind { orders, events };

// How a canonical field's text is read and stored.
enum class FieldType {
  text,         // a name or code: trimmed of surrounding white space
  free,         // free text (title, content, note): kept byte for byte
  id,           // text; required and non-empty
  time,         // local "YYYY-MM-DD HH:MM:SS"
  yes_no,       // INTEGER 1/0
  resolved,     // "yes" / "partly" / "no"
  satisfaction, // "satisfied" / "basic" / "unsatisfied" / "unrated"
  verdict,      // a flag with an outcome: "yes" (applies, upheld), "no", "rejected" (查否)
  personal,     // replaced by a keyed hash
  phone,        // personal; digits compared
  event,        // one of the event names, stored in Chinese
  whistle,      // 日常哨 / 攻坚哨 / 应急哨 / 跨区联合哨
  deadline,     // a time, a date, or a limit: "2025-03-08 17:30:00", "2025-03-08", "7d", "15wd"
};

struct FieldDef
{
  std::string_view name;
  FieldType type;
  bool required;
  // Header spellings recognised without a map (Chinese export headers first).
  std::span<const std::string_view> aliases;
};

// The canonical fields of one kind, in store column order.
std::span<const FieldDef>
fields(Kind kind);

// Index of a canonical field by name, or nullopt.
std::optional<size_t>
field_index(Kind kind, std::string_view name);

// Normalises a header for matching: trimmed, inner spaces, line breaks and
// BOM removed, ASCII lower-cased, full-width parentheses folded.
std::string
normalize_header(std::string_view header);

// The canonical field a normalised header names by itself (its name or an
// alias), or nullopt.
std::optional<size_t>
header_field(Kind kind, std::string_view normalized);

// The level of a split category column (一级分类 → 0, 二级分类 → 1,
// 三级分类 → 2), or nullopt.
std::optional<size_t>
category_level(std::string_view normalized);

// The canonical event name (派单, 签收, …) for a Chinese or English spelling, or nullopt.
std::optional<std::string_view>
canonical_event(std::string_view name);

// The canonical whistle type (日常哨, 攻坚哨, 应急哨, 跨区联合哨), or nullopt.
std::optional<std::string_view>
canonical_whistle(std::string_view name);

// Statuses that say an order is closed (办结, 已办结, 已结案, …).
bool
is_closed_status(std::string_view status);

} // namespace duty::cases
