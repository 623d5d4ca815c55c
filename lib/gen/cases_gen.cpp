#include "gen/cases_gen.hpp"

#include "gen/case_plan.hpp"
#include "lists/calendar.hpp"
#include "resolve/context.hpp"
#include "util/csv.hpp"
#include "util/error.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <optional>
#include <unordered_map>
#include <vector>

namespace duty::gen {

std::string
Planted::line() const
{
  return detail.empty() ? id + " " + kind : id + " " + kind + " " + detail;
}

namespace {

constexpr std::string_view kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄",
                                          "周", "吴", "徐", "孙", "马", "胡", "郭", "高"};
constexpr std::string_view kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊",
                                       "军", "洋", "勇", "艳", "杰", "涛", "明", "霞"};
constexpr std::string_view kPlaces[] = {"小区门口", "楼下",   "路口",   "村口",
                                        "院内",     "商铺前", "公园旁", "学校附近"};
constexpr std::string_view kAsks[] = {"希望尽快处理", "请相关部门核实", "已多次反映，仍未解决",
                                      "影响居民正常生活", "请尽快给予答复"};
// 办理时限 as exports write them.
constexpr std::string_view kOwnDeadlines[] = {"5个工作日", "7个工作日", "15个工作日", "10天", "15天"};

using util::Timestamp;

struct Leaf
{
  const lists::Matter* matter;
  std::string category; // a 12345 path such as 城乡建设->违法建设->疑似违建
};

class Generator
{
public:
  Generator(const resolve::Context& lists, const lists::Profile& profile, const CasesSpec& spec)
      : m_lists(lists), m_spec(spec), m_rng(spec.seed), m_flags(spec.seed ^ 0x5A17E5C0FFEEull),
        m_calendar(lists::work_calendar(lists.set())),
        m_decisions(lists), m_ctx{lists, profile, m_calendar, m_spec, Timestamp{}, nullptr, {}}
  {
    util::Date first = util::Date::from_ymd(spec.year, spec.month, 1);
    util::Date after = spec.month >= 11 ? util::Date::from_ymd(spec.year + 1, spec.month - 10, 1)
                                        : util::Date::from_ymd(spec.year, spec.month + 2, 1);
    m_ctx.as_of = spec.as_of.value_or(Timestamp::at(after));
    m_territories = lists.resolver().territories(first);
    for (const auto& u : lists.set().units) {
      if (lists.index().unit(u.id.value) != &u || !resolve::in_force(u, first))
        continue;
      if (u.type == lists::UnitType::district && !m_ctx.district)
        m_ctx.district = &u;
      else if (u.type != lists::UnitType::district && u.type != lists::UnitType::community &&
               u.type != lists::UnitType::village && u.type != lists::UnitType::enterprise)
        m_ctx.units.push_back(&u);
    }
    std::sort(m_ctx.units.begin(), m_ctx.units.end(),
              [](auto* a, auto* b) { return a->id.value < b->id.value; });
    for (const lists::Matter* m : lists.resolver().leaves())
      for (const auto& a : m->aliases)
        if (a.value.find("->") != std::string::npos) {
          m_leaves.push_back({m, a.value});
          break;
        }
    if (m_territories.empty() || m_leaves.empty() || m_ctx.units.empty())
      throw UsageError("the list set needs territories, departments and matters with 12345 category paths "
                       "(aliases such as 一级->二级->三级) to generate cases");
  }

  CasesSummary
  run(const RowSink& orders, const RowSink* events)
  {
    m_events = events;
    m_sum.as_of = m_ctx.as_of;
    orders({"工单编号", "工单类型", "问题分类", "标题", "主要内容", "工单状态", "来电人", "来电人电话",
            "被反映区", "被反映街乡镇", "村/社区", "主办单位", "工单性质", "来电时间", "派单时间", "签收时间",
            "办结时间", "是否有效回访", "是否联系", "是否解决", "是否满意", "紧急程度", "是否纳入考核",
            "不合理诉求", "考核申诉", "回访时间", "办理时限"});
    if (events)
      (*events)({"工单编号", "时间", "事件", "单位", "哨类型", "延期至", "备注"});
    util::Date first = util::Date::from_ymd(m_spec.year, m_spec.month, 1);
    int days = (m_spec.month == 12 ? util::Date::from_ymd(m_spec.year + 1, 1, 1)
                                   : util::Date::from_ymd(m_spec.year, m_spec.month + 1, 1))
                   .days -
               first.days;
    std::vector<int> per_day(size_t(days), 0);
    for (size_t i = 0; i < m_spec.orders; ++i) {
      // Orders spread evenly over the month; ids count per day, as 12345 numbers them.
      int day = int(uint64_t(i) * uint64_t(days) / std::max<size_t>(m_spec.orders, 1));
      Timestamp received = Timestamp::at(util::Date{first.days + day}) + daytime();
      order(orders, received, ++per_day[size_t(day)]);
    }
    return std::move(m_sum);
  }

private:
  // Seconds into the day: most calls between 7:00 and 22:00.
  int64_t
  daytime()
  {
    if (m_rng.chance(900))
      return 7 * 3600 + int64_t(m_rng.below(15 * 3600));
    return int64_t(m_rng.below(86400));
  }

  // An export sometimes writes times the Excel way (2025/3/1 8:15) — only
  // where that loses nothing, so the export says what the log says.
  std::string
  export_ts(Timestamp t)
  {
    if (t.secs % 60 != 0 || !m_rng.chance(300))
      return t.str();
    util::Date d = t.date();
    int64_t s = t.time_of_day();
    return fmt::format("{}/{}/{} {}:{:02}", d.year(), d.month(), d.day(), s / 3600, s / 60 % 60);
  }

  template <typename T, size_t N>
  std::string_view
  pick(const T (&arr)[N])
  {
    return arr[m_rng.below(N)];
  }

  // A unit as an export names it: mostly the id, sometimes a full name that
  // the lists know as its alias (and only its).
  std::string
  display(const lists::Unit* u)
  {
    if (!u)
      return {};
    if (!u->aliases.empty() && m_rng.chance(150)) {
      const std::string& a = u->aliases[m_rng.below(u->aliases.size())].value;
      if (m_lists.names().units(a).size() == 1)
        return a;
    }
    return u->id.value;
  }

  void
  write_events(const OrderPlan& p)
  {
    for (const auto& e : p.events) {
      std::string unit = display(e.unit); // drawn either way: the orders are the same with or without events
      if (!m_events)
        continue;
      (*m_events)({p.id, e.at.str(), std::string(e.event), unit, std::string(e.whistle), std::string(e.until),
                   std::string(e.note)});
      ++m_sum.events;
    }
  }

  void
  order(const RowSink& out, Timestamp received, int seq)
  {
    util::Date d = received.date();
    OrderPlan p;
    p.id = fmt::format("{:04}{:02}{:02}{:05}", d.year(), d.month(), d.day(), seq);
    p.received = received;
    const Leaf& leaf = m_leaves[m_rng.below(m_leaves.size())];
    p.matter = leaf.matter;
    p.territory = m_territories[m_rng.below(m_territories.size())];
    p.urgency = m_rng.chance(50) ? "紧急" : "一般";
    if (m_rng.chance(m_spec.deadline_per_mille))
      p.own_deadline = pick(kOwnDeadlines);
    auto decision = m_decisions.decide(p.matter, p.territory, {}, d);
    plan_order(m_ctx, *decision, m_rng, p);

    uint64_t r = m_rng.below(100);
    std::string_view type = r < 60 ? "诉求" : r < 85 ? "投诉" : r < 93 ? "咨询" : r < 98 ? "求助" : "建议";
    std::string title = p.matter->name.value + "问题";
    std::string content = fmt::format("市民反映：{}{}{}，{}。", p.territory->id.value, pick(kPlaces),
                                      p.matter->name.value, pick(kAsks));
    if (m_rng.chance(20))
      content += "\n补充：来电人称\"已拍照留存\"，可随时联系。";
    if (m_rng.chance(50))
      content += " 地址：1号楼, 2单元";
    // About one call in five comes from a small pool of repeat callers.
    uint64_t who = m_rng.chance(200) ? m_rng.below(std::max<size_t>(m_spec.orders / 40, 1)) : m_rng.next();
    Rng person(who ^ m_spec.seed);
    std::string caller = std::string(kSurnames[person.below(std::size(kSurnames))]) +
                         std::string(kGiven[person.below(std::size(kGiven))]) +
                         (person.chance(500) ? std::string(kGiven[person.below(16)]) : "");
    std::string phone = fmt::format("1{}{:09}", 3 + person.below(7), person.below(1000000000));
    std::string community = fmt::format("{}第{}社区", p.territory->id.value, 1 + m_rng.below(8));

    std::string visit, contacted, resolved, satisfied, visited;
    if (p.closed) {
      bool valid = m_rng.chance(900);
      visit = valid ? "是" : "否";
      if (valid) {
        contacted = m_rng.chance(930) ? "是" : "否";
        uint64_t q = m_rng.below(100);
        resolved = q < 72 ? "解决" : q < 82 ? "部分解决" : "未解决";
        uint64_t s = m_rng.below(100);
        satisfied = resolved == "解决"       ? (s < 80   ? "满意"
                                                : s < 95 ? "基本满意"
                                                         : "不满意")
                    : resolved == "部分解决" ? (s < 30   ? "满意"
                                                : s < 70 ? "基本满意"
                                                         : "不满意")
                                             : (s < 10 ? "基本满意" : "不满意");
        Timestamp at = *p.closed + 86400 + int64_t(m_rng.below(3 * 86400));
        p.events.push_back({at, "回访", nullptr, {}, {}, resolved + "/" + satisfied});
        visited = at.str();
      } else {
        satisfied = "未评价";
      }
    }
    write_events(p); // under the real id: a dirty row does not spoil the log
    const std::string id = p.id;
    std::string received_s = export_ts(received);
    std::string closed_s = p.closed ? export_ts(*p.closed) : "";
    std::string status = p.closed ? "已办结" : "处理中";
    // A small share of dirty rows, as real exports have; their plants cannot be read back.
    bool dirty = m_rng.chance(m_spec.dirty_per_mille);
    if (dirty) {
      ++m_sum.dirty;
      switch (m_rng.below(4)) {
      case 0: received_s = fmt::format("{}-02-30 10:00", d.year()); break;
      case 1: satisfied = "很好"; break;
      case 2: p.id.clear(); break;
      default:
        closed_s = (received - 3600).str();
        status = "已办结";
        break; // an anomaly, not an error
      }
    }
    // The draws in the order the shipped example month was generated with.
    std::string dispatched_s = p.dispatched ? export_ts(*p.dispatched) : "";
    std::string unit = display(p.final_unit);
    std::vector<std::string> row{p.id, std::string(type), leaf.category, title, content, status, caller, phone,
                                 "延庆区", p.territory->id.value, community, unit, "主办", received_s,
                                 dispatched_s, p.accepted ? p.accepted->str() : "", closed_s, visit, contacted,
                                 resolved, satisfied, std::string(p.urgency)};
    append_flags(row, visited);
    row.push_back(std::string(p.own_deadline));
    out(row);
    ++m_sum.orders;
    m_sum.returned += p.returned;
    m_sum.whistles += p.whistles;
    for (auto& x : p.planted)
      m_sum.planted.push_back(std::move(x));
    if (dirty)
      m_sum.planted.push_back({id, "dirty", {}});
  }

  // The assessment flags (是否纳入考核, 不合理诉求, 考核申诉) and 回访时间, from their own
  // random stream so that the other columns stay as they were before these existed.
  void
  append_flags(std::vector<std::string>& row, const std::string& visited)
  {
    uint64_t a = m_flags.below(1000), u = m_flags.below(1000), p = m_flags.below(1000);
    std::string_view assessed = a < 30 ? "否" : a < 40 ? "" : "是";
    std::string_view unreasonable = u < 20 ? "是" : u < 30 ? "查否" : u < 80 ? "否" : "";
    std::string_view appeal = p < 20 ? "核减" : p < 40 ? "查否" : "";
    row.insert(row.end(), {std::string(assessed), std::string(unreasonable), std::string(appeal), visited});
  }

  const resolve::Context& m_lists;
  CasesSpec m_spec;
  Rng m_rng;
  Rng m_flags;
  util::WorkCalendar m_calendar;
  replay::Decisions m_decisions;
  PlanContext m_ctx;
  std::vector<const lists::Unit*> m_territories;
  std::vector<Leaf> m_leaves;
  const RowSink* m_events = nullptr;
  CasesSummary m_sum;
};

} // namespace

CasesSummary
generate_cases(const resolve::Context& lists, const lists::Profile& profile, const CasesSpec& spec,
               const RowSink& orders, const RowSink* events)
{
  Generator g(lists, profile, spec);
  return g.run(orders, events);
}

namespace {

// Joins rows into CSV and hands them on in pieces of about a megabyte.
class CsvPieces
{
public:
  explicit CsvPieces(const TextSink& sink) : m_sink(sink) {}
  void
  row(const std::vector<std::string>& fields)
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
  void
  flush()
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
generate_cases(const resolve::Context& lists, const lists::Profile& profile, const CasesSpec& spec,
               const TextSink& orders, const TextSink* events)
{
  CsvPieces o(orders);
  std::optional<CsvPieces> e;
  if (events)
    e.emplace(*events);
  RowSink to_orders = [&](const std::vector<std::string>& r) { o.row(r); };
  RowSink to_events = [&](const std::vector<std::string>& r) { e->row(r); };
  CasesSummary sum = generate_cases(lists, profile, spec, to_orders, events ? &to_events : nullptr);
  o.flush();
  if (e)
    e->flush();
  return sum;
}

} // namespace duty::gen
