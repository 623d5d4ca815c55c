#pragma once

#include "lists/yaml.hpp"
#include "util/date.hpp"
#include "util/duration.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace duty::lists {

// Where a value came from: file index into ListSet::files, 1-based line and byte column.
struct Loc
{
  uint32_t file = 0;
  uint32_t line = 0;
  uint32_t col = 0;
};

// A string value with its location. `length` is the token's width in code
// points as written (quotes included), for carets; 0 when unknown.
struct Text
{
  std::string value;
  Loc loc;
  uint32_t length = 0;
  bool empty() const { return value.empty(); }
};
using Texts = std::vector<Text>;

// `when:` — a dimension and the values it must take (any of them).
struct Condition
{
  Text dimension;
  Texts values;
};
using Conditions = std::vector<Condition>;

enum class UnitType {
  district, street, township, town, department, enforcement, police, enterprise, community, village
};

// Streets, townships and towns are the territorial (属地) level.
inline bool
is_territory(UnitType t)
{
  return t == UnitType::street || t == UnitType::township || t == UnitType::town;
}

struct Unit
{
  Text id, name, parent;
  UnitType type = UnitType::department;
  Texts serves, aliases;
  std::optional<util::Date> valid_from, valid_to;
  Loc loc;
};

struct Dimension
{
  Text name;
  Texts values;
};

struct Matter
{
  Text id, name, parent;
  Texts aliases, split_by;
  Loc loc;
};

// The ten power categories of 京政发〔2015〕62号.
enum class Category {
  licensing, penalty, coercion, levy, benefit, inspection, confirmation, reward, adjudication, other
};

struct Power
{
  Text code, name, holder;
  Category category = Category::other;
  Texts matters;
  Conditions when;
  Texts basis;
  std::optional<util::Date> valid_from, valid_to;
  Loc loc;
};

struct Responsibility
{
  Text power, unit; // unit empty: the power's holder
  Texts duties, accountability;
  Loc loc;
};

struct Limit
{
  Text name; // sign, contact, report, reply, close, return
  util::Duration value;
};

struct Primary
{
  Text id, matter, lead;
  Conditions when;
  Texts where, assist, basis;
  std::vector<Limit> limits;
  std::optional<util::Date> valid_from, valid_to;
  Loc loc;
};

enum class Role { basic, assist, withdrawn }; // 基本履职, 配合履职, 上级收回

struct Task
{
  Text id, matter, lead;
  Texts units; // unit ids, or the single reference @街乡
  Role role = Role::basic;
  Conditions when;
  Texts basis;
  std::optional<util::Date> valid_from, valid_to;
  Loc loc;
};

enum class WhistleType { daily, key, emergency, cross_district }; // 日常哨 攻坚哨 应急哨 跨区联合哨

struct Whistle
{
  Text id, matter;
  WhistleType type = WhistleType::daily;
  Texts summon;
  util::Duration report_within;
  Conditions when;
  Loc loc;
};

// One date of a calendar, with the list entry it came from (a range gives several).
struct CalendarDay
{
  util::Date date;
  Loc loc;
};

struct Calendar
{
  int year = 0;
  std::vector<CalendarDay> holidays, workdays;
  Loc loc;
};

// The assessment profile; its fields are interpreted by the rates module.
struct Profile
{
  Text id;
  YNode data;
  Loc loc;
};

struct SourceFile
{
  std::string path;
  std::string text; // UTF-8, BOM removed
  std::vector<size_t> line_starts;
  std::string kind;
  std::string title, version;
  size_t items = 0;
};

// A loaded list set: every item of every file, with locations.
struct ListSet
{
  std::vector<SourceFile> files;
  std::vector<Unit> units;
  std::vector<Dimension> dimensions;
  std::vector<Matter> matters;
  std::vector<Power> powers;
  std::vector<Responsibility> responsibilities;
  std::vector<Primary> primary;
  std::vector<Task> tasks;
  std::vector<Whistle> whistles;
  std::vector<Calendar> calendars;
  std::vector<Profile> profiles;

  size_t item_count() const;
};

} // namespace duty::lists
