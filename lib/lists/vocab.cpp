#include "lists/vocab.hpp"

namespace duty::lists {

std::optional<int>
Vocabulary::find(std::string_view s) const
{
  for (const auto& w : words)
    if (w.name == s)
      return w.value;
  return std::nullopt;
}

std::vector<std::string_view>
Vocabulary::canonical_names() const
{
  std::vector<std::string_view> out;
  for (const auto& w : words)
    if (w.canonical)
      out.push_back(w.name);
  return out;
}

std::vector<std::string_view>
Vocabulary::all_names() const
{
  std::vector<std::string_view> out;
  for (const auto& w : words)
    out.push_back(w.name);
  return out;
}

std::string_view
Vocabulary::name_of(int value) const
{
  for (const auto& w : words)
    if (w.canonical && w.value == value)
      return w.name;
  return "?";
}

namespace {

#define U(name, v) Word{name, static_cast<int>(UnitType::v), true}
constexpr Word kUnitTypes[] = {
  U("district", district), U("street", street),         U("township", township),
  U("town", town),         U("department", department), U("enforcement", enforcement),
  U("police", police),     U("enterprise", enterprise), U("community", community),
  U("village", village),
};
#undef U

#define C(name, v, canon) Word{name, static_cast<int>(Category::v), canon}
constexpr Word kCategories[] = {
  C("行政许可", licensing, true),   C("行政处罚", penalty, true),
  C("行政强制", coercion, true),    C("行政征收", levy, true),
  C("行政给付", benefit, true),     C("行政检查", inspection, true),
  C("行政确认", confirmation, true), C("行政奖励", reward, true),
  C("行政裁决", adjudication, true), C("其他行政权力", other, true),
  // Aliases seen in other provinces' lists and in English.
  C("许可", licensing, false),      C("处罚", penalty, false),
  C("强制", coercion, false),       C("行政强制措施", coercion, false),
  C("行政强制执行", coercion, false), C("征收", levy, false),
  C("行政征用", levy, false),       C("给付", benefit, false),
  C("检查", inspection, false),     C("确认", confirmation, false),
  C("奖励", reward, false),         C("裁决", adjudication, false),
  C("其他", other, false),          C("其他职权", other, false),
  C("其他权力", other, false),      C("非行政许可审批", other, false),
  C("licensing", licensing, false), C("penalty", penalty, false),
  C("coercion", coercion, false),   C("levy", levy, false),
  C("benefit", benefit, false),     C("inspection", inspection, false),
  C("confirmation", confirmation, false), C("reward", reward, false),
  C("adjudication", adjudication, false), C("other", other, false),
};
#undef C

constexpr Word kRoles[] = {
  {"基本履职", static_cast<int>(Role::basic), true},
  {"配合履职", static_cast<int>(Role::assist), true},
  {"上级收回", static_cast<int>(Role::withdrawn), true},
  {"basic", static_cast<int>(Role::basic), false},
  {"assist", static_cast<int>(Role::assist), false},
  {"withdrawn", static_cast<int>(Role::withdrawn), false},
};

constexpr Word kWhistleTypes[] = {
  {"日常哨", static_cast<int>(WhistleType::daily), true},
  {"攻坚哨", static_cast<int>(WhistleType::key), true},
  {"应急哨", static_cast<int>(WhistleType::emergency), true},
  {"跨区联合哨", static_cast<int>(WhistleType::cross_district), true},
  {"daily", static_cast<int>(WhistleType::daily), false},
  {"key", static_cast<int>(WhistleType::key), false},
  {"emergency", static_cast<int>(WhistleType::emergency), false},
  {"cross-district", static_cast<int>(WhistleType::cross_district), false},
};

// Time limits a primary-duty entry may set, in lifecycle order.
constexpr Word kLimits[] = {
  {"sign", 0, true},  {"contact", 1, true}, {"report", 2, true},
  {"reply", 3, true}, {"close", 4, true},   {"return", 5, true},
};

} // namespace

const Vocabulary&
unit_types()
{
  static const Vocabulary v{"unit type", kUnitTypes};
  return v;
}

const Vocabulary&
categories()
{
  static const Vocabulary v{"power category", kCategories};
  return v;
}

const Vocabulary&
roles()
{
  static const Vocabulary v{"task role", kRoles};
  return v;
}

const Vocabulary&
whistle_types()
{
  static const Vocabulary v{"whistle type", kWhistleTypes};
  return v;
}

const Vocabulary&
limit_names()
{
  static const Vocabulary v{"time limit", kLimits};
  return v;
}

bool
parse_local_ref(std::string_view s, std::optional<UnitType>& type, bool& ok)
{
  if (!s.starts_with(kLocalRef))
    return false;
  std::string_view rest = s.substr(kLocalRef.size());
  type.reset();
  ok = true;
  if (rest.empty())
    return true;
  if (rest[0] != ':') {
    ok = false;
    return true;
  }
  auto t = unit_types().find(rest.substr(1));
  if (!t) {
    ok = false;
    return true;
  }
  type = static_cast<UnitType>(*t);
  return true;
}

} // namespace duty::lists
