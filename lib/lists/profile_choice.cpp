// Choosing a profile: the built-in ones, written in the list format so that
// they are read, checked and documented exactly like a district's own, a
// profile of the list set, or a profile file.
#include "lists/profile.hpp"

#include "lists/load.hpp"
#include "util/error.hpp"
#include "util/spell.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>

namespace duty::lists {

namespace {

// DOMAIN §2: what practitioners processing Beijing's exports compute. Practice, not law.
constexpr std::string_view kBjPractice = R"(# 北京接诉即办考核的实务口径（内置）：处理北京12345导出数据的常见算法，是实务做法，不是法律规定。
# 《北京市接诉即办工作条例》只规定考核响应率、解决率、满意率；权重、系数、口径、剔除规则和时限都是设置。
kind: profile
title: bj-practice（内置）
items:
  - id: bj-practice
    name: 北京实务口径
    note: 实务做法，非法定标准
    rates:
      response: {count: contacted, of: valid_visits}       # 是否联系 = 是 / 有效回访
      resolution: {count: resolved, of: valid_visits}      # 是否解决 = 是 / 有效回访
      satisfaction: {count: satisfied, of: valid_visits}   # (满意 + 0.9 × 基本满意) / 有效回访
    basic_satisfied_factor: 0.9
    partly_resolved_factor: 0
    weights: {response: 0.10, resolution: 0.50, satisfaction: 0.40}
    scale: 100
    decimals: 1
    attribution: final_unit
    period: {kind: month, by: closed_at}
    groups:
      - {name: 街乡镇, types: [street, township, town]}
      - {name: 部门, types: [department, enforcement, police, district, enterprise]}
    ranking: {tie: volume}
    summary: average
    exclusions:
      - {rule: not_dispatched}
      - {rule: not_assessed}
      - {rule: unreasonable}
      - {rule: appeal_upheld}
    limits: {sign: 2h, contact: 24h, close: 7d, report: 30m}
    urgency_limits:
      紧急: {sign: 30m, contact: 2h, close: 24h}
    extension: 7d
    clock_start: dispatch
    day_count: civil
)";

// Time-based response and resolution from replay's clocks; satisfaction as bj-practice.
constexpr std::string_view kOnTime = R"(# 按时口径（内置）：响应率 = 时限内联系，解决率 = 时限内办结（均取自 duty replay 的时钟）；满意率同 bj-practice。
kind: profile
title: on-time（内置）
items:
  - id: on-time
    name: 按时口径
    note: 响应、解决按时限判定；满意率同实务口径
    rates:
      response: {count: contact_on_time, of: clocked}
      resolution: {count: close_on_time, of: clocked}
      satisfaction: {count: satisfied, of: valid_visits}
    basic_satisfied_factor: 0.9
    weights: {response: 0.10, resolution: 0.50, satisfaction: 0.40}
    scale: 100
    decimals: 1
    attribution: final_unit
    period: {kind: month, by: closed_at}
    groups:
      - {name: 街乡镇, types: [street, township, town]}
      - {name: 部门, types: [department, enforcement, police, district, enterprise]}
    ranking: {tie: volume}
    summary: average
    exclusions:
      - {rule: not_dispatched}
      - {rule: not_assessed}
      - {rule: unreasonable}
      - {rule: appeal_upheld}
    limits: {sign: 2h, contact: 24h, close: 7d, report: 30m}
    urgency_limits:
      紧急: {sign: 30m, contact: 2h, close: 24h}
    extension: 7d
    clock_start: dispatch
    day_count: civil
)";

struct Builtin
{
  std::string_view name, text;
};

constexpr Builtin kBuiltins[] = {{"bj-practice", kBjPractice}, {"on-time", kOnTime}};

} // namespace

std::vector<std::string_view>
builtin_profile_names()
{
  std::vector<std::string_view> out;
  for (const auto& b : kBuiltins)
    out.push_back(b.name);
  return out;
}

std::string_view
builtin_profile_text(std::string_view name)
{
  for (const auto& b : kBuiltins)
    if (b.name == name)
      return b.text;
  return {};
}

namespace {

std::string
where(const std::vector<SourceFile>& files, Loc loc)
{
  return fmt::format("{}:{}", files[loc.file].path, loc.line);
}

// Moves the profile named `id` (or the only one, when `id` is empty) out of `r`.
ProfileChoice
take(LoadResult r, std::string_view id, std::string_view spec)
{
  ProfileChoice c;
  c.unreadable = r.unreadable;
  bool broken = r.unreadable || diag::count(r.diags).errors > 0;
  const Profile* found = nullptr;
  std::vector<std::string_view> ids;
  for (const auto& p : r.set.profiles) {
    ids.push_back(p.id.value);
    if (id.empty() ? r.set.profiles.size() == 1 : p.id.value == id)
      found = &p;
  }
  if (!broken && !found) {
    if (r.set.profiles.empty())
      throw UsageError(fmt::format("--profile {}: the file holds no profile (kind: profile)", spec));
    if (id.empty())
      throw UsageError(fmt::format("--profile {}: the file holds {} profiles; name one as {}#ID ({})", spec,
                                   r.set.profiles.size(), spec, util::one_of(ids)));
    std::string hint = util::did_you_mean(id, ids);
    throw UsageError(fmt::format("--profile {}: no profile \"{}\" in the file{}", spec, id,
                                 hint.empty() ? "" : "; " + hint));
  }
  if (found && !broken) {
    c.source = where(r.set.files, found->loc);
    c.profile = *found;
  }
  c.files = std::move(r.set.files);
  c.diags = std::move(r.diags);
  return c;
}

} // namespace

ProfileChoice
choose_profile(std::string_view spec, const ListSet* set)
{
  if (spec.empty())
    spec = builtin_profile_names().front();
  // A path: it exists, or it looks like one.
  std::string path(spec.substr(0, spec.find('#')));
  std::string_view id = spec.find('#') == std::string_view::npos ? "" : spec.substr(spec.find('#') + 1);
  std::error_code ec;
  bool looks_like_file = path.ends_with(".yaml") || path.ends_with(".yml") || path.find('/') != std::string::npos;
  // A bare name is a profile's id or a built-in's before it is a file or a
  // directory that happens to be called so in the working directory.
  bool known_name = !builtin_profile_text(spec).empty()
                    || (set && std::any_of(set->profiles.begin(), set->profiles.end(),
                                           [&](const Profile& p) { return p.id.value == spec; }));
  if (!looks_like_file && !known_name && std::filesystem::exists(path, ec))
    return take(load_list_set({path}), id, spec);
  if (looks_like_file)
    return take(load_list_set({path}), id, spec);
  if (set)
    for (const auto& p : set->profiles)
      if (p.id.value == spec) {
        ProfileChoice c;
        c.profile = p;
        c.source = where(set->files, p.loc);
        return c;
      }
  std::string_view text = builtin_profile_text(spec);
  if (!text.empty()) {
    LoadResult r;
    load_text(r, fmt::format("<built-in {}>", spec), std::string(text));
    ProfileChoice c = take(std::move(r), spec, spec);
    c.source = fmt::format("built-in {}", spec);
    return c;
  }
  std::vector<std::string_view> names = builtin_profile_names();
  if (set)
    for (const auto& p : set->profiles)
      names.push_back(p.id.value);
  std::string hint = util::did_you_mean(spec, names);
  throw UsageError(fmt::format("--profile: no profile \"{}\"; {}", spec,
                               hint.empty() ? "profiles: " + util::one_of(names) : hint));
}

} // namespace duty::lists
