#pragma once

#include "lists/yaml.hpp"
#include "util/date.hpp"
#include "util/deadline.hpp"
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

// ---- the assessment profile (lists/profile.hpp reads it; duty-lists(5), PROFILES) ----

// An exact decimal setting (a weight, a factor): num / den with den a power of ten,
// as written ("0.35" is 35/100), so scores can be computed from exact counts.
struct Ratio
{
  int64_t num = 0;
  int64_t den = 1;
  double value() const { return static_cast<double>(num) / static_cast<double>(den); }
  bool operator==(const Ratio&) const = default;
};

enum class RateName { response, resolution, satisfaction }; // 响应率 解决率 满意率

// What a rate counts. Visit answers come from the return visit (回访); the
// on-time counts come from replay's clocks.
enum class RateCount {
  contacted,       // 是否联系 = 是
  resolved,        // 是否解决 = 是/解决 (部分解决 counts partly_resolved_factor)
  satisfied,       // 满意 + basic_satisfied_factor × 基本满意
  sign_on_time,    // signed for within the sign limit
  contact_on_time, // contacted within the contact limit
  close_on_time,   // closed within the close limit (extensions applied)
};

// Which orders a rate is out of.
enum class RateBase {
  valid_visits, // orders with a valid return visit (是否有效回访 = 是)
  orders,       // every order counted for the unit (受理量)
  clocked,      // orders whose clock for the count has a limit and is decided (not open)
};

struct RateRule
{
  RateCount count = RateCount::contacted;
  RateBase of = RateBase::valid_visits;
};

// Composite weights for one unit group (empty: every group) from a date on.
struct Weights
{
  std::string group;              // a group name of `groups`, or "" for all
  std::optional<util::Date> from; // in force from this date (nullopt: always)
  Ratio response, resolution, satisfaction;
  Loc loc;
};

// Orders that leave the counts, each for a reason that is counted.
enum class ExclusionRule {
  not_dispatched,          // answered by the hotline itself: no unit (直接答复)
  consultation,            // 工单类型 = 咨询
  not_assessed,            // 是否纳入考核 = 否
  unreasonable,            // 不合理诉求 = 是 (an outcome of 查否 keeps the order)
  appeal_upheld,           // 申诉 upheld / 核减
  invalid_visit,           // 是否有效回访 = 否
  duplicate,               // the same caller and matter within `within` of an earlier order
  redispatched_first_unit, // a unit that returned an order that was re-dispatched
};

// The counts an exclusion removes an order from.
enum class Measure { volume, response, resolution, satisfaction };

struct Exclusion
{
  ExclusionRule rule = ExclusionRule::not_dispatched;
  std::optional<util::Duration> within; // duplicate: the window
  std::vector<Measure> from;            // empty: every count
  Loc loc;
};

// Which unit an order counts for.
enum class Attribution {
  final_unit, // the last unit it was dispatched to (主办单位 of the export)
  lead,       // the lead the lists name for its slice
};

// Which timestamp places an order in a period.
enum class PeriodStamp { closed_at, received_at, dispatched_at, visited_at };

// The assessment period named YYYY-MM. A calendar month, or a window from
// day `from_day` of the previous month at `from_minute` to day `to_day` of the
// month at `to_minute` (1440 = 24:00): 19th 00:00 to 18th 24:00 tiles the year.
struct Period
{
  enum class Kind { month, window } kind = Kind::month;
  int from_day = 1, from_minute = 0;
  int to_day = 31, to_minute = 1440;
  PeriodStamp by = PeriodStamp::closed_at;
  Loc loc;
};

// Units ranked together: a name (街乡镇) and the unit types it holds.
struct Group
{
  std::string name;
  std::vector<UnitType> types;
};

enum class Tie { volume, shared }; // equal scores: more orders rank first, or share the rank
enum class Summary { average, pooled }; // 合计: the mean of the units' rates, or pooled counts

// How day-based limits are counted: civil (民法典 Art. 201–203) or elapsed.
// The rule itself is util::deadline_after, the one place for it.
using DayCount = util::DayCount;

// Where the clocks start.
enum class ClockStart { dispatch, received };

// A default limit for orders of one urgency (紧急程度), e.g. 紧急: close 2h.
struct UrgencyLimits
{
  std::string urgency;
  std::vector<Limit> limits;
};

struct Profile
{
  Text id;
  std::string name, note;
  // Rates.
  RateRule response{RateCount::contacted, RateBase::valid_visits};
  RateRule resolution{RateCount::resolved, RateBase::valid_visits};
  RateRule satisfaction{RateCount::satisfied, RateBase::valid_visits};
  Ratio basic_satisfied{9, 10}; // 基本满意 counts this much of 满意
  Ratio partly_resolved{0, 1};  // 部分解决 counts this much of 解决
  // Composite = scale × (w_r·响应率 + w_s·解决率 + w_m·满意率), rounded half away from
  // zero to `decimals`, computed from exact counts.
  std::vector<Weights> weights;
  int scale = 100;
  int decimals = 1;
  int rate_decimals = 2; // rates shown as percentages with this many decimals (98.53%)
  // Counting and ranking.
  std::vector<Exclusion> exclusions;
  Attribution attribution = Attribution::final_unit;
  Period period;
  std::vector<Group> groups; // ranked separately, in this order; a unit in none is in "其他"
  Tie tie = Tie::volume;
  std::vector<Summary> summary{Summary::average};
  // Time limits (replay's clocks); the order's own deadline and the primary
  // entry's limits come first, these are the defaults.
  std::vector<Limit> limits;
  std::vector<UrgencyLimits> urgency_limits;
  std::optional<util::Duration> extension; // a 延期 without an until time adds this
  ClockStart clock_start = ClockStart::dispatch;
  DayCount day_count = DayCount::civil;
  Loc loc;

  // The weights in force for `group` on `date`: the latest `from` not after
  // the date, a group's own entry before the one for all; nullptr when none.
  const Weights* weights_for(std::string_view group, util::Date date) const;
  // The group a unit type belongs to ("其他" when none names it).
  std::string_view group_of(UnitType type) const;
  // The default limit `name` (sign, contact, close, report, …) for an order of
  // `urgency` ("" for none): the urgency's own, else the general one.
  std::optional<util::Duration> limit(std::string_view name, std::string_view urgency = {}) const;
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
