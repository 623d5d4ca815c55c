#include "gen/cases_gen.hpp"
#include "util/csv.hpp"

#include "gen/lists_gen.hpp"
#include "lists/model.hpp"
#include "util/date.hpp"
#include "util/error.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

namespace duty::gen {

namespace {

constexpr std::string_view kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄",
                                          "周", "吴", "徐", "孙", "马", "胡", "郭", "高"};
constexpr std::string_view kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊",
                                       "军", "洋", "勇", "艳", "杰", "涛", "明", "霞"};
constexpr std::string_view kPlaces[] = {"小区门口", "楼下", "路口", "村口", "院内",
                                        "商铺前", "公园旁", "学校附近"};
constexpr std::string_view kAsks[] = {"希望尽快处理", "请相关部门核实", "已多次反映，仍未解决",
                                      "影响居民正常生活", "请尽快给予答复"};

struct Leaf
{
  const lists::Matter* matter;
  std::string category; // a 12345 path such as 城乡建设->违法建设->疑似违建
  std::string lead_ref; // from the primary list: a unit id or @属地[:type]
  std::vector<std::string> summon;
};

struct Territory
{
  const lists::Unit* unit;
  std::vector<const lists::Unit*> teams; // enforcement team, police station … serving it
};

class Generator
{
public:
  Generator(const lists::ListSet& set, const CasesSpec& spec)
    : m_spec(spec), m_rng(spec.seed), m_flags(spec.seed ^ 0x5A17E5C0FFEEull)
  {
    std::unordered_map<std::string, const lists::Unit*> by_id;
    for (const auto& u : set.units)
      by_id[u.id.value] = &u;
    for (const auto& u : set.units) {
      if (lists::is_territory(u.type))
        m_territories.push_back({&u, {}});
      else if (u.type == lists::UnitType::department)
        m_departments.push_back(&u);
    }
    for (auto& t : m_territories)
      for (const auto& u : set.units) {
        bool serves = u.parent.value == t.unit->id.value;
        for (const auto& s : u.serves)
          serves = serves || s.value == t.unit->id.value;
        if (serves && !lists::is_territory(u.type))
          t.teams.push_back(&u);
      }
    std::unordered_map<std::string, const lists::Matter*> matter;
    std::unordered_map<std::string, bool> is_parent;
    for (const auto& m : set.matters) {
      matter[m.id.value] = &m;
      is_parent[m.parent.value] = true;
    }
    std::unordered_map<std::string, const lists::Primary*> primary;
    for (const auto& p : set.primary)
      primary.emplace(p.matter.value, &p);
    // Without a primary entry, the department holding a power for the matter leads.
    std::unordered_map<std::string, std::string> holder;
    for (const auto& p : set.powers)
      for (const auto& m : p.matters)
        holder.emplace(m.value, p.holder.value);
    std::unordered_map<std::string, std::vector<std::string>> summon;
    for (const auto& w : set.whistles)
      for (const auto& s : w.summon)
        summon[w.matter.value].push_back(s.value);
    for (const auto& m : set.matters) {
      if (is_parent.count(m.id.value))
        continue;
      Leaf leaf{&m, {}, {}, {}};
      for (const auto& a : m.aliases)
        if (a.value.find("->") != std::string::npos) {
          leaf.category = a.value;
          break;
        }
      if (leaf.category.empty())
        continue;
      // The nearest primary entry and whistle item up the tree decide lead and summons.
      for (const lists::Matter* up = &m; up; ) {
        if (leaf.lead_ref.empty())
          if (auto it = primary.find(up->id.value); it != primary.end())
            leaf.lead_ref = it->second->lead.value;
        if (leaf.summon.empty())
          if (auto it = summon.find(up->id.value); it != summon.end())
            leaf.summon = it->second;
        if (leaf.lead_ref.empty())
          if (auto it = holder.find(up->id.value); it != holder.end() && m_rng.chance(700))
            leaf.lead_ref = it->second;
        auto p = matter.find(up->parent.value);
        up = p == matter.end() ? nullptr : p->second;
      }
      if (leaf.lead_ref.empty())
        leaf.lead_ref = "@属地";
      m_leaves.push_back(std::move(leaf));
    }
    for (const auto& u : set.units)
      m_units[u.id.value] = &u;
    if (m_territories.empty() || m_leaves.empty() || m_departments.empty())
      throw UsageError("the list set needs territories, departments and matters with 12345 "
                       "category paths (aliases such as 一级->二级->三级) to generate cases");
  }

  CasesSummary run(const RowSink& orders, const RowSink* events)
  {
    m_events = events;
    orders({"工单编号", "工单类型", "问题分类", "标题", "主要内容", "工单状态", "来电人",
            "来电人电话", "被反映区", "被反映街乡镇", "村/社区", "主办单位", "工单性质",
            "来电时间", "派单时间", "签收时间", "办结时间", "是否有效回访", "是否联系",
            "是否解决", "是否满意", "紧急程度", "是否纳入考核", "不合理诉求", "考核申诉",
            "回访时间"});
    if (events)
      (*events)({"工单编号", "时间", "事件", "单位", "哨类型", "备注"});
    util::Date first = util::Date::from_ymd(m_spec.year, m_spec.month, 1);
    int days = m_spec.month == 12 ? 31
                                  : util::Date::from_ymd(m_spec.year, m_spec.month + 1, 1).days
                                      - first.days;
    std::vector<int> per_day(size_t(days), 0);
    for (size_t i = 0; i < m_spec.orders; ++i) {
      // Orders spread evenly over the month; ids count per day, as 12345 numbers them.
      int day = int(uint64_t(i) * uint64_t(days) / std::max<size_t>(m_spec.orders, 1));
      int64_t received = (int64_t(first.days) + day) * 86400 + daytime();
      order(orders, received, ++per_day[size_t(day)]);
    }
    return m_sum;
  }

private:
  // Seconds into the day: most calls between 7:00 and 22:00.
  int64_t daytime()
  {
    if (m_rng.chance(900))
      return 7 * 3600 + int64_t(m_rng.below(15 * 3600));
    return int64_t(m_rng.below(86400));
  }

  static std::string ts(int64_t t)
  {
    util::Date d{int32_t(t / 86400)};
    int64_t s = t % 86400;
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", d.year(), d.month(), d.day(),
                       s / 3600, s / 60 % 60, s % 60);
  }

  // An export sometimes writes times the Excel way: 2025/3/1 8:15.
  std::string export_ts(int64_t t)
  {
    if (!m_rng.chance(20))
      return ts(t);
    util::Date d{int32_t(t / 86400)};
    int64_t s = t % 86400;
    return fmt::format("{}/{}/{} {}:{:02}", d.year(), d.month(), d.day(), s / 3600, s / 60 % 60);
  }

  template <typename T, size_t N>
  std::string_view pick(const T (&arr)[N])
  {
    return arr[m_rng.below(N)];
  }

  // A unit as an export names it: mostly the short id, sometimes the full name.
  std::string display(const lists::Unit* u)
  {
    if (!u->aliases.empty() && m_rng.chance(150))
      return u->aliases[m_rng.below(u->aliases.size())].value;
    return u->id.value;
  }

  const lists::Unit* resolve(const std::string& ref, const Territory& t)
  {
    if (ref == "@属地")
      return t.unit;
    if (ref.starts_with("@属地:")) {
      std::string type = ref.substr(std::string("@属地:").size());
      for (const auto* u : t.teams)
        if ((type == "enforcement" && u->type == lists::UnitType::enforcement)
            || (type == "police" && u->type == lists::UnitType::police))
          return u;
      return t.unit;
    }
    auto it = m_units.find(ref);
    return it == m_units.end() ? t.unit : it->second;
  }

  void event(const std::string& id, int64_t at, std::string_view what, const std::string& unit,
             std::string_view whistle = {}, std::string_view note = {})
  {
    if (!m_events)
      return;
    (*m_events)({id, ts(at), std::string(what), unit, std::string(whistle), std::string(note)});
    ++m_sum.events;
  }

  void order(const RowSink& out, int64_t received, int seq)
  {
    util::Date d{int32_t(received / 86400)};
    std::string id = fmt::format("{:04}{:02}{:02}{:05}", d.year(), d.month(), d.day(), seq);
    const Leaf& leaf = m_leaves[m_rng.below(m_leaves.size())];
    const Territory& ter = m_territories[m_rng.below(m_territories.size())];
    const lists::Unit* lead = resolve(leaf.lead_ref, ter);
    uint64_t r = m_rng.below(100);
    std::string_view type = r < 60 ? "诉求" : r < 85 ? "投诉" : r < 93 ? "咨询" : r < 98 ? "求助"
                                                                                     : "建议";
    std::string title = leaf.matter->name.value + "问题";
    std::string content = fmt::format("市民反映：{}{}{}，{}。", ter.unit->id.value,
                                      pick(kPlaces), leaf.matter->name.value, pick(kAsks));
    if (m_rng.chance(20))
      content += "\n补充：来电人称\"已拍照留存\"，可随时联系。";
    if (m_rng.chance(50))
      content += " 地址：1号楼, 2单元";
    // About one call in five comes from a small pool of repeat callers.
    uint64_t who = m_rng.chance(200) ? m_rng.below(std::max<size_t>(m_spec.orders / 40, 1))
                                     : m_rng.next();
    Rng person(who ^ m_spec.seed);
    std::string caller = std::string(kSurnames[person.below(std::size(kSurnames))])
                         + std::string(kGiven[person.below(std::size(kGiven))])
                         + (person.chance(500) ? std::string(kGiven[person.below(16)]) : "");
    std::string phone = fmt::format("1{}{:09}", 3 + person.below(7), person.below(1000000000));
    std::string community = fmt::format("{}第{}社区", ter.unit->id.value, 1 + m_rng.below(8));

    // Dispatch, perhaps to the wrong unit first (it returns the order, then it is re-dispatched).
    int64_t t = received + 300 + int64_t(m_rng.below(5400));
    event(id, received, "受理", "");
    if (m_rng.chance(m_spec.wrong_per_mille)) {
      const lists::Unit* wrong = m_departments[m_rng.below(m_departments.size())];
      if (wrong == lead)
        wrong = ter.unit == lead ? m_departments[0] : ter.unit;
      event(id, t, "派单", display(wrong));
      int64_t back = t + 1800 + int64_t(m_rng.below(8 * 3600));
      event(id, t + 600 + int64_t(m_rng.below(3600)), "签收", wrong->id.value);
      event(id, back, "退单", wrong->id.value, {}, "非本单位职责");
      t = back + 600 + int64_t(m_rng.below(7200));
      event(id, t, "改派", display(lead));
      ++m_sum.returned;
    } else {
      event(id, t, "派单", display(lead));
    }
    int64_t dispatched = t;
    int64_t accepted = t + 300 + int64_t(m_rng.below(3 * 3600));
    event(id, accepted, "签收", lead->id.value);
    int64_t contact = accepted + 600 + int64_t(m_rng.below(20 * 3600));
    event(id, contact, "联系", lead->id.value);
    bool local = lists::is_territory(lead->type) || lead->type == lists::UnitType::enforcement;
    if (local && !leaf.summon.empty() && m_rng.chance(m_spec.whistle_per_mille)) {
      int64_t w = contact + 600 + int64_t(m_rng.below(4 * 3600));
      // The street or township whistles; its own team is already there and does not report.
      event(id, w, "吹哨", ter.unit->id.value, "日常哨");
      for (const auto& s : leaf.summon)
        if (const lists::Unit* u = resolve(s, ter); u != ter.unit && u != lead)
          event(id, w + 600 + int64_t(m_rng.below(m_rng.chance(850) ? 1800 : 4 * 3600)),
                "报到", u->id.value);
      ++m_sum.whistles;
    }
    bool open = m_rng.chance(40);
    int64_t closed = contact + 3600 + int64_t(m_rng.below(9 * 86400));
    std::string status = open ? "处理中" : "已办结";
    std::string visit, contacted, resolved, satisfied, visited;
    if (!open) {
      event(id, closed - 1800, "回复", lead->id.value);
      event(id, closed, "办结", lead->id.value);
      bool valid = m_rng.chance(900);
      visit = valid ? "是" : "否";
      if (valid) {
        contacted = m_rng.chance(930) ? "是" : "否";
        uint64_t q = m_rng.below(100);
        resolved = q < 72 ? "解决" : q < 82 ? "部分解决" : "未解决";
        uint64_t s = m_rng.below(100);
        satisfied = resolved == "解决"       ? (s < 80 ? "满意" : s < 95 ? "基本满意" : "不满意")
                    : resolved == "部分解决" ? (s < 30 ? "满意" : s < 70 ? "基本满意" : "不满意")
                                             : (s < 10 ? "基本满意" : "不满意");
        int64_t at = closed + 86400 + int64_t(m_rng.below(3 * 86400));
        event(id, at, "回访", "", {}, resolved + "/" + satisfied);
        visited = ts(at);
      } else {
        satisfied = "未评价";
      }
    }
    std::string received_s = export_ts(received);
    std::string closed_s = open ? "" : export_ts(closed);
    // A small share of dirty rows, as real exports have.
    if (m_rng.chance(m_spec.dirty_per_mille)) {
      ++m_sum.dirty;
      switch (m_rng.below(4)) {
      case 0: received_s = fmt::format("{}-02-30 10:00", d.year()); break;
      case 1: satisfied = "很好"; break;
      case 2: id.clear(); break;
      default: closed_s = ts(received - 3600); status = "已办结"; break; // an anomaly, not an error
      }
    }
    // The draws in the order the shipped example month was generated with.
    std::string urgency = m_rng.chance(50) ? "紧急" : "一般";
    std::string dispatched_s = export_ts(dispatched);
    std::string unit = display(lead);
    std::vector<std::string> row{id, std::string(type), leaf.category, title, content, status,
                                 caller, phone, "延庆区", ter.unit->id.value, community, unit,
                                 "主办", received_s, dispatched_s, ts(accepted), closed_s, visit,
                                 contacted, resolved, satisfied, urgency};
    append_flags(row, visited);
    out(row);
    ++m_sum.orders;
  }

  // The assessment flags (是否纳入考核, 不合理诉求, 考核申诉) and 回访时间, from their own
  // random stream so that the other columns stay as they were before these existed.
  void append_flags(std::vector<std::string>& row, const std::string& visited)
  {
    uint64_t a = m_flags.below(1000), u = m_flags.below(1000), p = m_flags.below(1000);
    std::string_view assessed = a < 30 ? "否" : a < 40 ? "" : "是";
    std::string_view unreasonable = u < 20 ? "是" : u < 30 ? "查否" : u < 80 ? "否" : "";
    std::string_view appeal = p < 20 ? "核减" : p < 40 ? "查否" : "";
    row.insert(row.end(), {std::string(assessed), std::string(unreasonable), std::string(appeal),
                           visited});
  }

  CasesSpec m_spec;
  Rng m_rng;
  Rng m_flags;
  std::vector<Territory> m_territories;
  std::vector<const lists::Unit*> m_departments;
  std::vector<Leaf> m_leaves;
  std::unordered_map<std::string, const lists::Unit*> m_units;
  const RowSink* m_events = nullptr;
  CasesSummary m_sum;
};

} // namespace

CasesSummary
generate_cases(const lists::ListSet& set, const CasesSpec& spec, const RowSink& orders,
               const RowSink* events)
{
  Generator g(set, spec);
  return g.run(orders, events);
}

namespace {

// Joins rows into CSV and hands them on in pieces of about a megabyte.
class CsvPieces
{
public:
  explicit CsvPieces(const TextSink& sink) : m_sink(sink) {}
  ~CsvPieces() = default;
  void row(const std::vector<std::string>& fields)
  {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i)
        m_buf += ',';
      util::append_csv_field(m_buf, fields[i]);
    }
    m_buf += "\r\n";
    if (m_buf.size() > (1 << 20))
      flush();
  }
  void flush()
  {
    if (!m_buf.empty())
      m_sink(m_buf);
    m_buf.clear();
  }

private:
  const TextSink& m_sink;
  std::string m_buf;
};

} // namespace

CasesSummary
generate_cases(const lists::ListSet& set, const CasesSpec& spec, const TextSink& orders,
               const TextSink* events)
{
  CsvPieces o(orders);
  std::optional<CsvPieces> e;
  if (events)
    e.emplace(*events);
  RowSink to_orders = [&](const std::vector<std::string>& r) { o.row(r); };
  RowSink to_events = [&](const std::vector<std::string>& r) { e->row(r); };
  CasesSummary sum = generate_cases(set, spec, to_orders, events ? &to_events : nullptr);
  o.flush();
  if (e)
    e->flush();
  return sum;
}

} // namespace duty::gen
