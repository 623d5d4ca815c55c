#pragma once

#include "lists/model.hpp"

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace duty::lists {

// A closed vocabulary: canonical names first, then accepted aliases.
struct Word
{
  std::string_view name;
  int value;
  bool canonical; // listed in messages; aliases are accepted but not suggested first
};

struct Vocabulary
{
  std::string_view what; // "unit type", for messages
  std::span<const Word> words;

  std::optional<int> find(std::string_view s) const;
  std::vector<std::string_view> canonical_names() const;
  std::vector<std::string_view> all_names() const;
  std::string_view name_of(int value) const; // canonical name
};

const Vocabulary& unit_types();
const Vocabulary& categories();
const Vocabulary& roles();
const Vocabulary& whistle_types();
const Vocabulary& limit_names();

// Territorial references in unit fields.
inline constexpr std::string_view kLocalRef = "@属地";     // the territory where a case happens
inline constexpr std::string_view kAllTerritories = "@街乡"; // every street and township (tasks)

// Parses "@属地" or "@属地:TYPE". Returns false when `s` is not a territorial
// reference at all; sets `type` (nullopt for plain @属地) and `ok` (false for a
// malformed one such as "@属地:foo").
bool
parse_local_ref(std::string_view s, std::optional<UnitType>& type, bool& ok);

} // namespace duty::lists
