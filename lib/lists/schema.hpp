#pragma once

#include "lists/source.hpp"
#include "lists/vocab.hpp"

#include <array>
#include <span>
#include <string_view>
#include <vector>

namespace duty::lists {

// The shapes a field's value may take; the schema table says which field has which.
enum class Shape {
  text,        // a non-empty scalar
  texts,       // a scalar or a list of scalars
  date,        // YYYY-MM-DD
  duration,    // 30m, 2h, 7d, 7wd
  conditions,  // dimension: value | [values]
  limits,      // limit name: duration
  mapping,     // any mapping
  year,        // an integer year
  dates,       // list of YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD
  enumeration, // one word of a vocabulary
};

struct Field
{
  std::string_view name;
  Shape shape;
  bool required = false;
  const Vocabulary& (*vocabulary)() = nullptr;
};

struct KindSchema
{
  std::string_view kind;
  std::string_view item; // what one item is called in messages
  std::span<const Field> fields;
  bool free_form = false; // profile: items are mappings whose fields other modules read
};

constexpr size_t kMaxFields = 16;
// The value node of each field of one item (by schema order), nullptr when
// absent or malformed (a malformed value has already been reported).
using Slots = std::array<const YNode*, kMaxFields>;

const KindSchema*
find_kind(std::string_view kind);

// Every kind, in the order of duty-lists(5).
std::span<const KindSchema>
kinds();

// The keys of a list file's top-level mapping.
inline constexpr std::string_view kTopLevelKeys[] = {"kind", "title", "version", "published",
                                                     "items", "dimensions", "note"};

std::vector<std::string_view>
kind_names();

// Checks one item against its schema: unknown keys (with did-you-mean),
// missing required fields, shapes, dates, durations and vocabularies.
Slots
check_item(const KindSchema& schema, const YNode& item, uint32_t file, Sink& sink);

// Index of `name` in schema.fields; the schema tables are fixed, so a miss is a bug.
size_t
field_index(const KindSchema& schema, std::string_view name);

// Parses a `dates` entry: a date or an inclusive range "A..B". Returns false if malformed.
bool
parse_date_range(std::string_view s, util::Date& from, util::Date& to);

} // namespace duty::lists
