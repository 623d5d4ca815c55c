#include "lists/profile.hpp"

#include "lists/vocab.hpp"
#include "util/spell.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <span>

namespace duty::lists {

namespace {

// A closed set of words for one setting: the first of each value is canonical.
struct Choice
{
  std::string_view word;
  int value;
};

constexpr Choice kRateNames[] = {{"response", 0}, {"响应率", 0}, {"resolution", 1}, {"解决率", 1},
                                 {"satisfaction", 2}, {"满意率", 2}};
constexpr Choice kCounts[] = {
  {"contacted", int(RateCount::contacted)},           {"resolved", int(RateCount::resolved)},
  {"satisfied", int(RateCount::satisfied)},           {"sign_on_time", int(RateCount::sign_on_time)},
  {"contact_on_time", int(RateCount::contact_on_time)}, {"close_on_time", int(RateCount::close_on_time)},
};
constexpr Choice kBases[] = {{"valid_visits", int(RateBase::valid_visits)},
                             {"orders", int(RateBase::orders)},
                             {"clocked", int(RateBase::clocked)}};
constexpr Choice kExclusions[] = {
  {"not_dispatched", int(ExclusionRule::not_dispatched)},
  {"consultation", int(ExclusionRule::consultation)},
  {"not_assessed", int(ExclusionRule::not_assessed)},
  {"unreasonable", int(ExclusionRule::unreasonable)},
  {"appeal_upheld", int(ExclusionRule::appeal_upheld)},
  {"invalid_visit", int(ExclusionRule::invalid_visit)},
  {"duplicate", int(ExclusionRule::duplicate)},
  {"redispatched_first_unit", int(ExclusionRule::redispatched_first_unit)},
  // The Chinese names used in practice.
  {"直接答复", int(ExclusionRule::not_dispatched)},
  {"未派单", int(ExclusionRule::not_dispatched)},
  {"咨询", int(ExclusionRule::consultation)},
  {"不纳入考核", int(ExclusionRule::not_assessed)},
  {"不合理诉求", int(ExclusionRule::unreasonable)},
  {"申诉核减", int(ExclusionRule::appeal_upheld)},
  {"核减", int(ExclusionRule::appeal_upheld)},
  {"无效回访", int(ExclusionRule::invalid_visit)},
  {"重复诉求", int(ExclusionRule::duplicate)},
  {"改派原单位", int(ExclusionRule::redispatched_first_unit)},
};
constexpr Choice kMeasures[] = {{"volume", int(Measure::volume)},
                                {"response", int(Measure::response)},
                                {"resolution", int(Measure::resolution)},
                                {"satisfaction", int(Measure::satisfaction)}};
constexpr Choice kAttribution[] = {{"final_unit", int(Attribution::final_unit)}, {"lead", int(Attribution::lead)}};
constexpr Choice kPeriodKinds[] = {{"month", int(Period::Kind::month)}, {"window", int(Period::Kind::window)}};
constexpr Choice kStamps[] = {{"closed_at", int(PeriodStamp::closed_at)},
                              {"received_at", int(PeriodStamp::received_at)},
                              {"dispatched_at", int(PeriodStamp::dispatched_at)},
                              {"visited_at", int(PeriodStamp::visited_at)}};
constexpr Choice kTies[] = {{"volume", int(Tie::volume)}, {"shared", int(Tie::shared)}};
constexpr Choice kSummaries[] = {{"average", int(Summary::average)}, {"pooled", int(Summary::pooled)}};
constexpr Choice kStarts[] = {{"dispatch", int(ClockStart::dispatch)}, {"received", int(ClockStart::received)}};
constexpr Choice kDayCounts[] = {{"civil", int(DayCount::civil)}, {"elapsed", int(DayCount::elapsed)}};

constexpr std::string_view kKeys[] = {
  "id",          "name",        "note",        "rates",          "basic_satisfied_factor", "partly_resolved_factor",
  "weights",     "scale",       "decimals",    "rate_decimals", "exclusions",     "attribution",            "period",
  "groups",      "ranking",     "summary",     "limits",         "urgency_limits",         "extension",
  "clock_start", "day_count",
};

// Reads a profile item, reporting at the place of each problem.
class Parser
{
public:
  Parser(uint32_t file, Sink& sink) : m_file(file), m_sink(sink) {}

  bool ok() const { return m_ok; }

  void error(const YNode& at, std::string_view rule, std::string message, std::string hint = {})
  {
    m_sink.add(m_file, at, rule, std::move(message), std::move(hint));
    m_ok = false;
  }

  bool scalar(const YNode& v, std::string_view what)
  {
    if (v.is_scalar() && !util::trim(v.text).empty())
      return true;
    error(v, "schema", fmt::format("\"{}\" is {}; expected a single value", what,
                                   v.is_scalar() ? "empty" : v.kind_name()));
    return false;
  }

  bool mapping(const YNode& v, std::string_view what, std::string_view example)
  {
    if (v.is_map())
      return true;
    error(v, "schema", fmt::format("\"{}\" is {}; expected a mapping", what, v.kind_name()),
          fmt::format("e.g. {}", example));
    return false;
  }

  std::optional<int> choose(const YNode& v, std::string_view what, std::span<const Choice> choices)
  {
    if (!scalar(v, what))
      return std::nullopt;
    std::string_view text = util::trim(v.text);
    for (const auto& c : choices)
      if (c.word == text)
        return c.value;
    std::vector<std::string_view> words, canonical;
    std::vector<int> seen;
    for (const auto& c : choices) {
      words.push_back(c.word);
      if (std::find(seen.begin(), seen.end(), c.value) == seen.end()) {
        seen.push_back(c.value);
        canonical.push_back(c.word);
      }
    }
    std::string hint = util::did_you_mean(text, words);
    std::string expected = "expected " + util::one_of(canonical);
    error(v, "bad-value", fmt::format("unknown {} {}", what, util::quote(text)),
          hint.empty() ? expected : hint + " (" + expected + ")");
    return std::nullopt;
  }

  std::optional<Ratio> ratio(const YNode& v, std::string_view what, bool at_most_one)
  {
    if (!scalar(v, what))
      return std::nullopt;
    auto r = parse_ratio(util::trim(v.text));
    if (!r) {
      error(v, "bad-value", fmt::format("{} is not a number for \"{}\"", util::quote(v.text), what),
            "write a decimal such as 0.9 or 0.35");
      return std::nullopt;
    }
    if (at_most_one && r->num > r->den) {
      error(v, "bad-value", fmt::format("\"{}\" is {}; it must be between 0 and 1", what, util::trim(v.text)));
      return std::nullopt;
    }
    return r;
  }

  std::optional<long> integer(const YNode& v, std::string_view what, long lo, long hi)
  {
    if (!scalar(v, what))
      return std::nullopt;
    std::string t(util::trim(v.text));
    char* end = nullptr;
    long n = std::strtol(t.c_str(), &end, 10);
    if (end && *end == '\0' && !t.empty() && n >= lo && n <= hi)
      return n;
    error(v, "bad-value", fmt::format("{} is not a whole number from {} to {} for \"{}\"", util::quote(t), lo, hi,
                                      what));
    return std::nullopt;
  }

  std::optional<util::Duration> duration(const YNode& v, std::string_view what)
  {
    if (!scalar(v, what))
      return std::nullopt;
    if (auto d = util::parse_duration(util::trim(v.text)))
      return d;
    error(v, "bad-value", fmt::format("{} is not a valid duration for \"{}\"", util::quote(v.text), what),
          "durations are 30m (minutes), 2h (hours), 7d (natural days) or 7wd (working days)");
    return std::nullopt;
  }

  std::vector<Limit> limits(const YNode& v, std::string_view what)
  {
    std::vector<Limit> out;
    if (!mapping(v, what, "limits: {sign: 2h, contact: 24h, close: 7d}"))
      return out;
    const Vocabulary& voc = limit_names();
    for (size_t i = 0; i < v.map_size(); ++i) {
      const YNode& k = v.key(i);
      if (!k.is_scalar() || !voc.find(k.text)) {
        std::string hint = k.is_scalar() ? util::did_you_mean(k.text, voc.all_names()) : "";
        std::string expected = "expected " + util::one_of(voc.canonical_names());
        error(k, "bad-value", fmt::format("unknown time limit {}", k.is_scalar() ? util::quote(k.text) : "key"),
              hint.empty() ? expected : hint + " (" + expected + ")");
        continue;
      }
      if (auto d = duration(v.value(i), k.text))
        out.push_back({{k.text, loc_of(m_file, k), static_cast<uint32_t>(token_length(k))}, *d});
    }
    return out;
  }

  // Checks the keys of a mapping against `allowed`; reports the unknown ones.
  void keys(const YNode& map, std::span<const std::string_view> allowed, std::string_view what)
  {
    std::vector<std::string_view> names(allowed.begin(), allowed.end());
    for (size_t i = 0; i < map.map_size(); ++i) {
      const YNode& k = map.key(i);
      if (k.is_scalar() && std::find(names.begin(), names.end(), k.text) != names.end())
        continue;
      std::string hint = k.is_scalar() ? util::did_you_mean(k.text, names) : "";
      error(k, "unknown-key",
            fmt::format("unknown field {} in {}", k.is_scalar() ? util::quote(k.text) : "key", what),
            hint.empty() ? "fields: " + util::one_of(names) : hint);
    }
  }

  void rates(const YNode& v, Profile& p);
  void weights(const YNode& v, Profile& p);
  std::optional<Weights> weight_set(const YNode& v);
  void exclusions(const YNode& v, Profile& p);
  void period(const YNode& v, Profile& p);
  void groups(const YNode& v, Profile& p);
  void urgency_limits(const YNode& v, Profile& p);
  template <typename E>
  std::vector<E> choices_list(const YNode& v, std::string_view what, std::span<const Choice> choices);

  uint32_t file() const { return m_file; }

private:
  uint32_t m_file;
  Sink& m_sink;
  bool m_ok = true;
};

void
Parser::rates(const YNode& v, Profile& p)
{
  if (!mapping(v, "rates", "rates: {response: {count: contacted, of: valid_visits}}"))
    return;
  for (size_t i = 0; i < v.map_size(); ++i) {
    auto which = choose(v.key(i), "rate", kRateNames);
    const YNode& rule = v.value(i);
    if (!which || !mapping(rule, "a rate", "{count: contacted, of: valid_visits}"))
      continue;
    constexpr std::string_view kRuleKeys[] = {"count", "of"};
    keys(rule, kRuleKeys, "a rate");
    RateRule& r = *which == 0 ? p.response : *which == 1 ? p.resolution : p.satisfaction;
    if (const YNode* c = rule.find("count"))
      if (auto n = choose(*c, "rate count", kCounts))
        r.count = static_cast<RateCount>(*n);
    if (const YNode* o = rule.find("of"))
      if (auto n = choose(*o, "rate base", kBases)) {
        r.of = static_cast<RateBase>(*n);
        bool on_time = r.count == RateCount::sign_on_time || r.count == RateCount::contact_on_time
                       || r.count == RateCount::close_on_time;
        if (r.of == RateBase::clocked && !on_time)
          error(*o, "bad-value", "\"clocked\" is a base for the on-time counts only",
                "a count from the return visit is out of valid_visits or orders");
      }
  }
}

std::optional<Weights>
Parser::weight_set(const YNode& v)
{
  if (!mapping(v, "weights", "weights: {response: 0.10, resolution: 0.50, satisfaction: 0.40}"))
    return std::nullopt;
  constexpr std::string_view kWeightKeys[] = {"response", "resolution", "satisfaction", "group", "from"};
  keys(v, kWeightKeys, "weights");
  Weights w;
  w.loc = loc_of(m_file, v);
  bool complete = true;
  auto read = [&](std::string_view key, Ratio& into) {
    const YNode* n = v.find(key);
    if (!n) {
      error(v, "schema", fmt::format("these weights lack \"{}\"", key),
            "give all three: response, resolution and satisfaction");
      complete = false;
    } else if (auto r = ratio(*n, key, true)) {
      into = *r;
    } else {
      complete = false;
    }
  };
  read("response", w.response);
  read("resolution", w.resolution);
  read("satisfaction", w.satisfaction);
  if (const YNode* g = v.find("group"); g && scalar(*g, "group"))
    w.group = util::trim(g->text);
  if (const YNode* f = v.find("from"); f && scalar(*f, "from")) {
    w.from = util::parse_date(util::trim(f->text));
    if (!w.from)
      error(*f, "bad-value", fmt::format("{} is not a valid date", util::quote(f->text)),
            "dates are written YYYY-MM-DD, e.g. 2025-03-01");
  }
  if (!complete)
    return std::nullopt;
  // Exactly 1: the denominators are powers of ten, so a common one is the largest.
  int64_t den = std::max({w.response.den, w.resolution.den, w.satisfaction.den});
  auto scaled = [&](const Ratio& r) { return r.num * (den / r.den); };
  int64_t sum = scaled(w.response) + scaled(w.resolution) + scaled(w.satisfaction);
  if (sum != den) {
    error(v, "bad-value",
          fmt::format("the weights sum to {}, not 1", fmt::format("{:.{}f}", static_cast<double>(sum) / den,
                                                                  std::to_string(den).size() - 1)),
          "response + resolution + satisfaction must be exactly 1");
    return std::nullopt;
  }
  return w;
}

void
Parser::weights(const YNode& v, Profile& p)
{
  if (v.is_map()) {
    if (auto w = weight_set(v))
      p.weights.push_back(*w);
    return;
  }
  if (!v.is_seq()) {
    error(v, "schema", fmt::format("\"weights\" is {}; expected a mapping or a list of them", v.kind_name()),
          "weights: {response: 0.10, resolution: 0.50, satisfaction: 0.40}");
    return;
  }
  for (const auto& e : v.children)
    if (auto w = weight_set(e)) {
      for (const auto& other : p.weights)
        if (other.group == w->group && other.from == w->from) {
          error(e, "bad-value",
                fmt::format("a second set of weights for {} from {}", w->group.empty() ? "every group" : w->group,
                            w->from ? w->from->str() : "the start"),
                "each group has one set of weights per date");
          break;
        }
      p.weights.push_back(*w);
    }
}

void
Parser::exclusions(const YNode& v, Profile& p)
{
  if (!v.is_seq()) {
    error(v, "schema", fmt::format("\"exclusions\" is {}; expected a list", v.kind_name()),
          "exclusions: [{rule: not_dispatched}, {rule: duplicate, within: 7d}]");
    return;
  }
  for (const auto& e : v.children) {
    if (!mapping(e, "an exclusion", "{rule: duplicate, within: 7d}"))
      continue;
    constexpr std::string_view kExclusionKeys[] = {"rule", "within", "from"};
    keys(e, kExclusionKeys, "an exclusion");
    Exclusion x;
    x.loc = loc_of(m_file, e);
    const YNode* rule = e.find("rule");
    if (!rule) {
      error(e, "schema", "this exclusion lacks \"rule\"", "e.g. {rule: appeal_upheld}");
      continue;
    }
    auto r = choose(*rule, "exclusion rule", kExclusions);
    if (!r)
      continue;
    x.rule = static_cast<ExclusionRule>(*r);
    if (const YNode* w = e.find("within")) {
      x.within = duration(*w, "within");
      if (x.within && !x.within->clock_minutes()) {
        error(*w, "bad-value", "\"within\" is counted in clock time, not working days",
              "write 7d (seven times 24 hours) or 48h");
        x.within.reset();
        continue;
      }
    }
    if (x.rule == ExclusionRule::duplicate && !x.within) {
      if (!e.find("within"))
        error(*rule, "schema", "a duplicate exclusion needs \"within\"",
              "e.g. {rule: duplicate, within: 7d}: the same caller and matter within 7 days");
      continue;
    }
    if (x.rule != ExclusionRule::duplicate && e.find("within"))
      error(*e.find("within"), "bad-value", "\"within\" applies to the duplicate rule only");
    if (const YNode* f = e.find("from"))
      x.from = choices_list<Measure>(*f, "measure", kMeasures);
    for (const auto& other : p.exclusions)
      if (other.rule == x.rule) {
        error(*rule, "bad-value", fmt::format("the exclusion {} is listed twice", util::quote(rule->text)));
        break;
      }
    p.exclusions.push_back(std::move(x));
  }
}

template <typename E>
std::vector<E>
Parser::choices_list(const YNode& v, std::string_view what, std::span<const Choice> choices)
{
  std::vector<E> out;
  if (v.is_seq()) {
    for (const auto& e : v.children)
      if (auto n = choose(e, what, choices))
        out.push_back(static_cast<E>(*n));
  } else if (auto n = choose(v, what, choices)) {
    out.push_back(static_cast<E>(*n));
  }
  return out;
}

// "19" or "19 00:00" / "18 24:00": a day of the month and a minute of the day.
bool
parse_day_time(std::string_view s, int default_minute, int& day, int& minute)
{
  s = util::trim(s);
  size_t sp = s.find(' ');
  std::string d(s.substr(0, sp));
  char* end = nullptr;
  long n = std::strtol(d.c_str(), &end, 10);
  if (d.empty() || *end != '\0' || n < 1 || n > 28)
    return false;
  day = static_cast<int>(n);
  minute = default_minute;
  if (sp == std::string_view::npos)
    return true;
  std::string_view t = util::trim(s.substr(sp + 1));
  int h = 0, m = 0;
  if (t.size() != 5 || t[2] != ':' || std::sscanf(std::string(t).c_str(), "%2d:%2d", &h, &m) != 2)
    return false;
  if (m < 0 || m > 59 || h < 0 || h > 24 || (h == 24 && m != 0))
    return false;
  minute = h * 60 + m;
  return true;
}

void
Parser::period(const YNode& v, Profile& p)
{
  if (!mapping(v, "period", "period: {kind: month, by: closed_at}"))
    return;
  constexpr std::string_view kPeriodKeys[] = {"kind", "by", "from", "to"};
  keys(v, kPeriodKeys, "the period");
  Period& out = p.period;
  out.loc = loc_of(m_file, v);
  if (const YNode* k = v.find("kind"))
    if (auto n = choose(*k, "period kind", kPeriodKinds))
      out.kind = static_cast<Period::Kind>(*n);
  if (const YNode* b = v.find("by"))
    if (auto n = choose(*b, "period timestamp", kStamps))
      out.by = static_cast<PeriodStamp>(*n);
  const YNode* from = v.find("from");
  const YNode* to = v.find("to");
  if (out.kind == Period::Kind::month) {
    if (from || to)
      error(from ? *from : *to, "bad-value", "a calendar month has no \"from\" or \"to\"",
            "use kind: window for a period such as the 19th of the previous month to the 18th");
    return;
  }
  if (!from || !to) {
    error(v, "schema", "a window period needs \"from\" and \"to\"",
          "e.g. {kind: window, from: \"19 00:00\", to: \"18 24:00\"}: from the previous month's 19th");
    return;
  }
  bool good = true;
  if (!scalar(*from, "from") || !parse_day_time(from->text, 0, out.from_day, out.from_minute)) {
    error(*from, "bad-value", fmt::format("{} is not a day (1–28) with an optional HH:MM", util::quote(from->text)),
          "e.g. \"19 00:00\": the 19th of the previous month at midnight");
    good = false;
  }
  if (!scalar(*to, "to") || !parse_day_time(to->text, 1440, out.to_day, out.to_minute)) {
    error(*to, "bad-value", fmt::format("{} is not a day (1–28) with an optional HH:MM", util::quote(to->text)),
          "e.g. \"18 24:00\": the 18th of the period's month at midnight");
    good = false;
  }
  if (!good)
    return;
  // Period M ends at (to_day, to_minute) of M; period M+1 starts at (from_day,
  // from_minute) of M. The two must meet, or orders would count twice or never.
  int end = (out.to_day - 1) * 1440 + out.to_minute;
  int next = (out.from_day - 1) * 1440 + out.from_minute;
  if (end != next)
    error(*to, "bad-value",
          fmt::format("the window {} consecutive periods: one ends on day {} {:02}:{:02}, the next starts on day {} "
                      "{:02}:{:02}",
                      end > next ? "overlaps" : "leaves a gap between", out.to_day, out.to_minute / 60,
                      out.to_minute % 60, out.from_day, out.from_minute / 60, out.from_minute % 60),
          "the end of a period must be the start of the next, e.g. from \"19 00:00\" to \"18 24:00\"");
}

void
Parser::groups(const YNode& v, Profile& p)
{
  if (!v.is_seq()) {
    error(v, "schema", fmt::format("\"groups\" is {}; expected a list", v.kind_name()),
          "groups: [{name: 街乡镇, types: [street, township, town]}]");
    return;
  }
  p.groups.clear();
  std::vector<UnitType> taken;
  for (const auto& e : v.children) {
    if (!mapping(e, "a group", "{name: 部门, types: [department]}"))
      continue;
    constexpr std::string_view kGroupKeys[] = {"name", "types"};
    keys(e, kGroupKeys, "a group");
    const YNode* name = e.find("name");
    const YNode* types = e.find("types");
    if (!name || !types) {
      error(e, "schema", "a group needs \"name\" and \"types\"", "e.g. {name: 部门, types: [department]}");
      continue;
    }
    if (!scalar(*name, "name"))
      continue;
    Group g;
    g.name = util::trim(name->text);
    const Vocabulary& voc = unit_types();
    std::vector<const YNode*> entries;
    if (types->is_seq())
      for (const auto& t : types->children)
        entries.push_back(&t);
    else
      entries.push_back(types);
    for (const YNode* t : entries) {
      if (!scalar(*t, "types"))
        continue;
      auto n = voc.find(util::trim(t->text));
      if (!n) {
        std::string hint = util::did_you_mean(t->text, voc.all_names());
        std::string expected = "expected " + util::one_of(voc.canonical_names());
        error(*t, "bad-value", fmt::format("unknown unit type {}", util::quote(t->text)),
              hint.empty() ? expected : hint + " (" + expected + ")");
        continue;
      }
      auto type = static_cast<UnitType>(*n);
      if (std::find(taken.begin(), taken.end(), type) != taken.end()) {
        error(*t, "bad-value", fmt::format("unit type {} is in two groups", util::quote(t->text)),
              "a unit is ranked in one group only");
        continue;
      }
      taken.push_back(type);
      g.types.push_back(type);
    }
    p.groups.push_back(std::move(g));
  }
}

void
Parser::urgency_limits(const YNode& v, Profile& p)
{
  if (!mapping(v, "urgency_limits", "urgency_limits: {紧急: {contact: 2h, close: 24h}}"))
    return;
  for (size_t i = 0; i < v.map_size(); ++i) {
    if (!scalar(v.key(i), "an urgency"))
      continue;
    p.urgency_limits.push_back({std::string(util::trim(v.key(i).text)), limits(v.value(i), v.key(i).text)});
  }
}

} // namespace

bool
parse_profile(const YNode& item, uint32_t file, Sink& sink, Profile& p)
{
  Parser in(file, sink);
  p.loc = loc_of(file, item);
  if (!in.mapping(item, "a profile", "- id: my-profile"))
    return false;
  in.keys(item, kKeys, "a profile");
  const YNode* id = item.find("id");
  if (!id)
    in.error(item, "schema", "this profile lacks the required field \"id\"");
  else if (in.scalar(*id, "id"))
    p.id = {std::string(util::trim(id->text)), loc_of(file, *id), static_cast<uint32_t>(token_length(*id))};
  for (size_t i = 0; i < item.map_size(); ++i) {
    const YNode& k = item.key(i);
    const YNode& v = item.value(i);
    if (!k.is_scalar())
      continue;
    const std::string& key = k.text;
    if (key == "name" && in.scalar(v, key))
      p.name = util::trim(v.text);
    else if (key == "note" && in.scalar(v, key))
      p.note = util::trim(v.text);
    else if (key == "rates")
      in.rates(v, p);
    else if (key == "basic_satisfied_factor") {
      if (auto r = in.ratio(v, key, true))
        p.basic_satisfied = *r;
    } else if (key == "partly_resolved_factor") {
      if (auto r = in.ratio(v, key, true))
        p.partly_resolved = *r;
    } else if (key == "weights")
      in.weights(v, p);
    else if (key == "scale") {
      if (auto n = in.integer(v, key, 1, 1000000))
        p.scale = static_cast<int>(*n);
    } else if (key == "decimals") {
      if (auto n = in.integer(v, key, 0, 6))
        p.decimals = static_cast<int>(*n);
    } else if (key == "rate_decimals") {
      if (auto n = in.integer(v, key, 0, 6))
        p.rate_decimals = static_cast<int>(*n);
    } else if (key == "exclusions")
      in.exclusions(v, p);
    else if (key == "attribution") {
      if (auto n = in.choose(v, "attribution", kAttribution))
        p.attribution = static_cast<Attribution>(*n);
    } else if (key == "period")
      in.period(v, p);
    else if (key == "groups")
      in.groups(v, p);
    else if (key == "ranking") {
      if (in.mapping(v, "ranking", "ranking: {tie: volume}")) {
        constexpr std::string_view kRankingKeys[] = {"tie"};
        in.keys(v, kRankingKeys, "the ranking");
        if (const YNode* t = v.find("tie"))
          if (auto n = in.choose(*t, "tie rule", kTies))
            p.tie = static_cast<Tie>(*n);
      }
    } else if (key == "summary") {
      auto s = in.choices_list<Summary>(v, "summary", kSummaries);
      if (!s.empty())
        p.summary = s;
    } else if (key == "limits")
      p.limits = in.limits(v, key);
    else if (key == "urgency_limits")
      in.urgency_limits(v, p);
    else if (key == "extension")
      p.extension = in.duration(v, key);
    else if (key == "clock_start") {
      if (auto n = in.choose(v, "clock start", kStarts))
        p.clock_start = static_cast<ClockStart>(*n);
    } else if (key == "day_count") {
      if (auto n = in.choose(v, "day count", kDayCounts))
        p.day_count = static_cast<DayCount>(*n);
    }
  }
  if (p.weights.empty() && !item.find("weights"))
    in.error(item, "schema", "this profile lacks \"weights\"",
             "e.g. weights: {response: 0.10, resolution: 0.50, satisfaction: 0.40}");
  if (p.groups.empty() && !item.find("groups"))
    p.groups = {{"街乡镇", {UnitType::street, UnitType::township, UnitType::town}},
                {"部门",
                 {UnitType::department, UnitType::enforcement, UnitType::police, UnitType::district,
                  UnitType::enterprise}}};
  for (const auto& w : p.weights)
    if (!w.group.empty()
        && std::none_of(p.groups.begin(), p.groups.end(), [&](const Group& g) { return g.name == w.group; }))
      sink.add(w.loc, "bad-value", fmt::format("the weights name the group {}, which \"groups\" does not define",
                                               util::quote(w.group)));
  return in.ok();
}

namespace {

std::string_view
word(std::span<const Choice> choices, int value)
{
  for (const auto& c : choices)
    if (c.value == value)
      return c.word;
  return {};
}

} // namespace

std::string_view
name_of(RateCount v)
{
  return word(kCounts, int(v));
}
std::string_view
name_of(RateBase v)
{
  return word(kBases, int(v));
}
std::string_view
name_of(ExclusionRule v)
{
  return word(kExclusions, int(v));
}
std::string_view
name_of(Measure v)
{
  return word(kMeasures, int(v));
}
std::string_view
name_of(Attribution v)
{
  return word(kAttribution, int(v));
}
std::string_view
name_of(Period::Kind v)
{
  return word(kPeriodKinds, int(v));
}
std::string_view
name_of(PeriodStamp v)
{
  return word(kStamps, int(v));
}
std::string_view
name_of(Tie v)
{
  return word(kTies, int(v));
}
std::string_view
name_of(Summary v)
{
  return word(kSummaries, int(v));
}

std::string
ratio_text(const Ratio& r)
{
  int digits = 0;
  for (int64_t d = r.den; d > 1; d /= 10)
    ++digits;
  std::string s = std::to_string(r.num);
  if (digits == 0)
    return s;
  if (s.size() <= size_t(digits))
    s.insert(0, size_t(digits) + 1 - s.size(), '0');
  s.insert(s.size() - size_t(digits), 1, '.');
  return s;
}

std::span<const std::string_view>
profile_keys()
{
  return kKeys;
}

} // namespace duty::lists
