#include "gen/lists_gen.hpp"

#include "util/error.hpp"
#include "util/file.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <iterator>

namespace fs = std::filesystem;

namespace duty::gen {

namespace {

// Names from 延庆区 (DOMAIN.md §5) come first; past them names are synthetic.
constexpr std::string_view kStreets[] = {"儒林街道", "百泉街道", "香水园街道"};
constexpr std::string_view kTowns[] = {"延庆镇",   "康庄镇", "八达岭镇", "永宁镇",   "旧县镇", "张山营镇",
                                       "四海镇",   "千家店镇", "沈家营镇", "大榆树镇", "井庄镇"};
constexpr std::string_view kTownships[] = {"大庄科乡", "刘斌堡乡", "香营乡", "珍珠泉乡"};

constexpr std::string_view kDepartments[] = {
  "区城市管理委", "区住房城乡建设委", "区市场监管局", "区生态环境局", "规划自然资源分局",
  "区水务局",     "区交通局",         "区卫生健康委", "区教委",       "区民政局",
  "区应急管理局", "区文化和旅游局",   "区农业农村局", "区园林绿化局", "区人力资源社会保障局",
  "区发展改革委", "区商务局",         "区司法局",     "区体育局",     "区医疗保障局",
};

constexpr std::string_view kDomains[] = {
  "城市管理", "市场监管", "住房建设", "生态环境", "规划自然资源", "水务",   "交通运输",
  "卫生健康", "教育",     "民政",     "应急管理", "文化旅游",     "农业农村", "园林绿化",
  "人力社保", "物业管理", "供暖供气", "社区治理",
};

constexpr std::string_view kProblems[] = {
  "噪音扰民", "非法经营", "违法建设", "开墙打洞", "环境脏乱", "占道经营", "露天烧烤", "渣土遗撒",
  "施工扰民", "油烟污染", "私搭乱建", "井盖缺失", "路灯不亮", "供水中断", "停车秩序", "共享单车",
  "垃圾分类", "绿地破坏", "违规广告", "流动摊贩", "群租房",   "电动车充电", "供暖不热", "燃气安全",
  "拖欠工资", "食品安全", "价格欺诈", "宠物扰民", "道路破损", "积水内涝",
};

constexpr std::string_view kQualifiers[] = {
  "夜间施工", "生活噪声", "工业设备", "无照经营", "临街门店", "国有土地", "集体土地", "公共道路",
  "小区内部", "背街小巷", "学校周边", "医院周边", "商业街区", "农村地区", "景区周边", "地铁沿线",
};

constexpr std::string_view kLaws[] = {
  "《中华人民共和国行政处罚法》",     "《中华人民共和国行政许可法》",   "《中华人民共和国行政强制法》",
  "《中华人民共和国噪声污染防治法》", "《中华人民共和国城乡规划法》",   "《中华人民共和国食品安全法》",
  "《中华人民共和国大气污染防治法》", "《北京市市容环境卫生条例》",     "《北京市生活垃圾管理条例》",
  "《北京市物业管理条例》",           "《北京市城乡规划条例》",         "《无证无照经营查处办法》",
  "《北京市街道办事处条例》",         "《北京市接诉即办工作条例》",     "《北京市大气污染防治条例》",
  "《北京市供热采暖管理办法》",
};

// A power's name is prefix + matter name + suffix.
struct CategoryInfo
{
  std::string_view name, code, prefix, suffix;
};

constexpr CategoryInfo kCategories[] = {
  {"行政许可", "XK", "", "相关许可"},         {"行政处罚", "CF", "对", "违法行为的处罚"},
  {"行政强制", "QZ", "对", "涉案物品的查封扣押"}, {"行政征收", "ZS", "", "相关费用的征收"},
  {"行政给付", "JF", "", "相关补助的给付"},   {"行政检查", "JC", "对", "的监督检查"},
  {"行政确认", "QR", "", "相关事项的确认"},   {"行政奖励", "JL", "对举报", "线索的奖励"},
  {"行政裁决", "CJ", "", "相关纠纷的裁决"},   {"其他行政权力", "QT", "", "相关其他职权"},
};

constexpr std::string_view kDuties[] = {"受理", "调查取证", "审理", "告知", "决定", "送达", "执行"};

constexpr std::string_view kAccountability[] = {
  "不履行或者不正确履行法定职责，造成不良后果的",
  "对应当予以制止和处罚的违法行为不予制止、处罚，致使公民、法人或者其他组织的合法权益受到损害的",
  "违反法定程序实施行政行为，或者擅自改变执法标准的",
  "在履行职责过程中滥用职权、玩忽职守、徇私舞弊的",
};

constexpr std::string_view kWhistleTypes[] = {"日常哨", "攻坚哨", "应急哨", "跨区联合哨"};
constexpr std::string_view kWhistleLimits[] = {"2h", "24h", "30m", "2h"};

// "八十七" for 87, "一百零五" for 105: article numbers as the statute books write them.
std::string
chinese_number(unsigned n)
{
  static constexpr std::string_view digit[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  std::string out;
  if (n >= 100) {
    out = std::string(digit[n / 100]) + "百";
    n %= 100;
    if (n == 0)
      return out;
    out += n < 10 ? "零" : n < 20 ? "一" : "";
  }
  if (n >= 20)
    out += digit[n / 10];
  if (n >= 10)
    out += "十";
  if (n % 10 || n == 0)
    out += digit[n % 10];
  return out;
}

enum Fault : uint8_t { no_fault, overlap, orphan };
enum Extra : uint8_t { has_primary = 1, has_task = 2, has_whistle = 4 };

struct PowerRef
{
  uint32_t holder; // department index
  uint32_t leaf;
};

// Everything decided up front, so that the files can be written one by one.
struct Plan
{
  ListsShape shape;
  std::vector<uint32_t> mid_root, leaf_mid, leaf_rank; // rank: position among its mid's leaves
  std::vector<uint32_t> holder, second;                // per leaf, department indices
  std::vector<uint8_t> fault, extra;                   // per leaf
  std::vector<PowerRef> powers;                        // grouped by holder, as lists are published
};

class Generator
{
public:
  Generator(const ListsSpec& spec, const FileSink& sink)
    : m_spec(spec), m_sink(sink), m_rng(spec.seed ^ 0x6475747967656E31ull)
  {
  }

  ListsSummary
  run()
  {
    plan();
    units();
    matters();
    powers();
    responsibilities();
    primaries();
    tasks();
    whistles();
    calendar();
    return std::move(m_summary);
  }

private:
  // ---- names and ids -------------------------------------------------------
  // Ids are short codes, as in published lists; names carry the Chinese text.
  static std::string
  unit_id(char type, size_t i)
  {
    return fmt::format("{}{:04}", type, i + 1);
  }
  static std::string
  matter_id(size_t i)
  {
    return fmt::format("M{:07}", i + 1);
  }
  std::string
  leaf_id(size_t leaf) const
  {
    return matter_id(m_plan.shape.roots + m_plan.shape.mids + leaf);
  }

  static std::string
  territory_name(size_t i, std::string_view& type)
  {
    constexpr size_t s = std::size(kStreets), t = std::size(kTowns), w = std::size(kTownships);
    if (i < s + t + w) {
      type = i < s ? "street" : i < s + t ? "town" : "township";
      return std::string(i < s ? kStreets[i] : i < s + t ? kTowns[i - s] : kTownships[i - s - t]);
    }
    static constexpr std::string_view types[] = {"street", "town", "township"};
    static constexpr std::string_view suffix[] = {"街道", "镇", "乡"};
    type = types[i % 3];
    return fmt::format("第{}{}", i + 1, suffix[i % 3]);
  }

  static std::string
  department_name(size_t i)
  {
    if (i < std::size(kDepartments))
      return std::string(kDepartments[i]);
    return fmt::format("区第{}专项工作办公室", i + 1);
  }

  static std::string
  numbered(std::string_view base, size_t i, size_t n)
  {
    return i < n ? std::string(base) : fmt::format("{}（{}）", base, i / n + 1);
  }

  std::string
  mid_name(size_t m) const
  {
    return numbered(kProblems[m % std::size(kProblems)], m, std::size(kProblems));
  }

  std::string_view
  qualifier(size_t leaf) const
  {
    return kQualifiers[(m_plan.leaf_rank[leaf] + m_plan.leaf_mid[leaf]) % std::size(kQualifiers)];
  }

  std::string
  leaf_name(size_t leaf) const
  {
    std::string name = fmt::format("{}{}", qualifier(leaf), mid_name(m_plan.leaf_mid[leaf]));
    size_t rank = m_plan.leaf_rank[leaf];
    if (rank >= std::size(kQualifiers))
      name += fmt::format("{}号", rank / std::size(kQualifiers) + 1);
    return name;
  }

  std::string
  basis(size_t salt)
  {
    return fmt::format("{}第{}条", kLaws[salt % std::size(kLaws)], chinese_number(3 + m_rng.below(120)));
  }

  // ---- planning -------------------------------------------------------------
  void
  plan()
  {
    m_plan.shape = lists_shape(m_spec);
    const ListsShape& s = m_plan.shape;
    for (size_t m = 0; m < s.mids; ++m)
      m_plan.mid_root.push_back(static_cast<uint32_t>(m < s.roots ? m : m_rng.below(s.roots)));
    // Leaves go to mids in even contiguous blocks, so ids follow the tree.
    m_plan.leaf_mid.resize(s.leaves);
    m_plan.leaf_rank.resize(s.leaves);
    for (size_t l = 0, rank = 0; l < s.leaves; ++l) {
      m_plan.leaf_mid[l] = static_cast<uint32_t>(l * s.mids / s.leaves);
      rank = l > 0 && m_plan.leaf_mid[l] == m_plan.leaf_mid[l - 1] ? rank + 1 : 0;
      m_plan.leaf_rank[l] = static_cast<uint32_t>(rank);
    }
    m_plan.holder.resize(s.leaves);
    m_plan.second.assign(s.leaves, 0);
    for (auto& h : m_plan.holder)
      h = static_cast<uint32_t>(m_rng.below(s.departments));
    // Planted faults: a partial Fisher–Yates shuffle picks distinct leaves.
    m_plan.fault.assign(s.leaves, no_fault);
    std::vector<uint32_t> order(s.leaves);
    for (size_t l = 0; l < s.leaves; ++l)
      order[l] = static_cast<uint32_t>(l);
    for (size_t k = 0; k < s.overlaps + s.orphans; ++k) {
      std::swap(order[k], order[k + m_rng.below(s.leaves - k)]);
      uint32_t l = order[k];
      if (k < s.overlaps) {
        m_plan.fault[l] = overlap;
        m_plan.second[l] = static_cast<uint32_t>((m_plan.holder[l] + 1 + m_rng.below(s.departments - 1)) %
                                                 s.departments);
        m_summary.overlaps.push_back(leaf_id(l));
      } else {
        m_plan.fault[l] = orphan;
        m_summary.orphans.push_back(leaf_id(l));
      }
    }
    std::sort(m_summary.overlaps.begin(), m_summary.overlaps.end());
    std::sort(m_summary.orphans.begin(), m_summary.orphans.end());
    // Primary entries, tasks and whistles only on fault-free leaves, so that an
    // auditor finds exactly the planted faults.
    m_plan.extra.assign(s.leaves, 0);
    uint8_t any = 0;
    size_t first_clean = s.leaves;
    for (size_t l = 0; l < s.leaves; ++l) {
      if (m_plan.fault[l] != no_fault)
        continue;
      first_clean = std::min(first_clean, l);
      uint8_t e = 0;
      e |= m_rng.chance(20) ? has_primary : 0;
      e |= m_rng.chance(100) ? has_task : 0;
      e |= m_rng.chance(20) ? has_whistle : 0;
      m_plan.extra[l] = e;
      any |= e;
    }
    if (first_clean < s.leaves) // every kind appears at least once
      m_plan.extra[first_clean] |= static_cast<uint8_t>(~any & (has_primary | has_task | has_whistle));
    for (size_t l = 0; l < s.leaves; ++l) {
      if (m_plan.fault[l] == orphan)
        continue;
      m_plan.powers.push_back({m_plan.holder[l], static_cast<uint32_t>(l)});
      if (m_plan.fault[l] == overlap)
        m_plan.powers.push_back({m_plan.second[l], static_cast<uint32_t>(l)});
    }
    std::stable_sort(m_plan.powers.begin(), m_plan.powers.end(),
                     [](const PowerRef& a, const PowerRef& b) { return a.holder < b.holder; });
  }

  // ---- output ---------------------------------------------------------------
  // Splits one kind's items into files of at most max_items_per_file.
  class Files
  {
  public:
    Files(Generator& g, std::string_view kind, std::string_view title, size_t total)
      : m_g(g), m_kind(kind), m_title(title),
        m_parts((total + g.m_spec.max_items_per_file - 1) / g.m_spec.max_items_per_file)
    {
      m_parts = std::max<size_t>(m_parts, 1);
    }

    // Starts an item; returns the buffer to append it to.
    std::string&
    item()
    {
      if (m_items == m_g.m_spec.max_items_per_file)
        flush();
      if (m_items == 0) {
        header();
        m_text += "items:\n";
      }
      ++m_items;
      return m_text;
    }

    void
    finish()
    {
      if (m_part == 0) { // an empty kind still gets its file
        header();
        m_text += "items: []\n";
      }
      flush();
    }

  private:
    void
    header()
    {
      ++m_part;
      if (!m_g.m_spec.command.empty())
        fmt::format_to(std::back_inserter(m_text), "# Made by `{}`.\n", m_g.m_spec.command);
      m_text += "# Synthetic test data, not an official list.\n";
      fmt::format_to(std::back_inserter(m_text), "kind: {}\ntitle: 延庆区{}（合成数据", m_kind, m_title);
      if (m_parts > 1)
        fmt::format_to(std::back_inserter(m_text), "，第{}部分，共{}部分", m_part, m_parts);
      m_text += "）\nversion: synthetic-1\npublished: 2025-01-01\n";
    }

    void
    flush()
    {
      if (m_text.empty())
        return;
      std::string name = m_parts > 1 ? fmt::format("{}-{:04}.yaml", m_kind, m_part) : fmt::format("{}.yaml", m_kind);
      m_g.m_sink(name, m_text);
      m_g.m_summary.files++;
      m_g.m_summary.items += m_items;
      m_g.m_summary.bytes += m_text.size();
      m_text.clear();
      m_items = 0;
    }

    Generator& m_g;
    std::string_view m_kind, m_title;
    size_t m_parts;
    size_t m_part = 0;
    size_t m_items = 0;
    std::string m_text;
  };

  template <typename... Args>
  static void
  put(std::string& out, fmt::format_string<Args...> f, Args&&... args)
  {
    fmt::format_to(std::back_inserter(out), f, std::forward<Args>(args)...);
  }

  void
  units()
  {
    const ListsShape& s = m_plan.shape;
    Files f(*this, "units", "单位清单", 1 + s.territories + s.teams + s.departments);
    put(f.item(), "  - id: YQ\n    name: 延庆区人民政府\n    type: district\n");
    for (size_t i = 0; i < s.territories; ++i) {
      std::string_view type;
      std::string name = territory_name(i, type);
      put(f.item(), "  - id: {}\n    name: {}\n    type: {}\n    parent: YQ\n", unit_id('T', i), name, type);
      put(f.item(), "  - id: {}\n    name: {}综合行政执法队\n    type: enforcement\n    parent: {}\n    serves: {}\n"
          "    valid_from: 2020-07-01\n", unit_id('E', i), name, unit_id('T', i), unit_id('T', i));
    }
    for (size_t i = 0; i < s.departments; ++i) {
      std::string name = department_name(i);
      put(f.item(), "  - id: {}\n    name: {}\n    type: department\n    parent: YQ\n", unit_id('B', i), name);
    }
    f.finish();
  }

  void
  matters()
  {
    const ListsShape& s = m_plan.shape;
    Files f(*this, "matters", "事项目录", s.roots + s.mids + s.leaves);
    for (size_t r = 0; r < s.roots; ++r)
      put(f.item(), "  - id: {}\n    name: {}\n", matter_id(r),
          numbered(kDomains[r % std::size(kDomains)], r, std::size(kDomains)));
    for (size_t m = 0; m < s.mids; ++m)
      put(f.item(), "  - id: {}\n    name: {}\n    parent: {}\n", matter_id(s.roots + m), mid_name(m),
          matter_id(m_plan.mid_root[m]));
    for (size_t l = 0; l < s.leaves; ++l) {
      std::string mid = mid_name(m_plan.leaf_mid[l]);
      std::string_view q = qualifier(l);
      size_t rank = m_plan.leaf_rank[l];
      std::string tag = rank < std::size(kQualifiers) ? "" : fmt::format("{}号", rank / std::size(kQualifiers) + 1);
      std::string& out = f.item();
      put(out, "  - id: {}\n    name: {}\n    parent: {}\n    aliases: [{}的{}{}", leaf_id(l), leaf_name(l),
          matter_id(s.roots + m_plan.leaf_mid[l]), q, mid, tag);
      if (l % 2 == 0)
        put(out, ", {}·{}{}", mid, q, tag);
      out += "]\n";
    }
    f.finish();
  }

  std::string
  power_code(size_t seq) const
  {
    return fmt::format("{}{:07}", kCategories[seq % std::size(kCategories)].code, seq + 1);
  }

  void
  powers()
  {
    Files f(*this, "powers", "权力清单", m_plan.powers.size());
    for (size_t i = 0; i < m_plan.powers.size(); ++i) {
      const PowerRef& p = m_plan.powers[i];
      const CategoryInfo& c = kCategories[i % std::size(kCategories)];
      std::string& out = f.item();
      put(out, "  - code: {}\n    name: {}{}{}\n    category: {}\n    holder: {}\n    matters: [{}]\n    basis:\n",
          power_code(i), c.prefix, leaf_name(p.leaf), c.suffix, c.name, unit_id('B', p.holder), leaf_id(p.leaf));
      put(out, "      - {}\n", basis(i));
      if (i % 3 == 0)
        put(out, "      - {}\n", basis(i + 7));
      if (i % 4 == 0)
        out += "    valid_from: 2020-07-01\n";
    }
    f.finish();
  }

  void
  responsibilities()
  {
    Files f(*this, "responsibilities", "责任清单", m_plan.powers.size());
    for (size_t i = 0; i < m_plan.powers.size(); ++i) {
      std::string& out = f.item();
      put(out, "  - power: {}\n    duties: [", power_code(i));
      // Penalties and coercion run the full procedure; other powers a part of it.
      size_t n = i % 10 <= 2 ? std::size(kDuties) : 3 + i % 3;
      for (size_t d = 0; d < n; ++d)
        put(out, "{}{}", d ? ", " : "", kDuties[d]);
      out += "]\n    accountability:\n";
      put(out, "      - {}\n      - {}\n", kAccountability[0], kAccountability[1 + i % 3]);
    }
    f.finish();
  }

  template <typename Pred>
  size_t
  count_leaves(Pred pred) const
  {
    size_t n = 0;
    for (size_t l = 0; l < m_plan.shape.leaves; ++l)
      n += pred(l) ? 1 : 0;
    return n;
  }

  uint32_t
  other_department(size_t l)
  {
    size_t d = m_plan.shape.departments;
    return static_cast<uint32_t>((m_plan.holder[l] + 1 + m_rng.below(d - 1)) % d);
  }

  void
  primaries()
  {
    auto want = [&](size_t l) { return (m_plan.extra[l] & has_primary) != 0; };
    Files f(*this, "primary", "主责清单", count_leaves(want));
    for (size_t l = 0, n = 0; l < m_plan.shape.leaves; ++l) {
      if (!want(l))
        continue;
      // The territory and its enforcement team assist; the district coordinates the
      // first entry, so that no generated unit is idle.
      put(f.item(),
          "  - id: PR{:06}\n    matter: {}\n    lead: {}\n    assist: [\"@属地\", \"@属地:enforcement\", {}{}]\n"
          "    limits: {{contact: 24h, close: 7wd}}\n    basis: {}\n    valid_from: 2025-01-01\n",
          n + 1, leaf_id(l), unit_id('B', m_plan.holder[l]), unit_id('B', other_department(l)),
          n == 0 ? ", YQ" : "", basis(l));
      ++n;
    }
    f.finish();
  }

  void
  tasks()
  {
    const ListsShape& s = m_plan.shape;
    auto want = [&](size_t l) { return (m_plan.extra[l] & has_task) != 0; };
    Files f(*this, "tasks", "街乡职责清单", count_leaves(want));
    for (size_t l = 0, n = 0; l < s.leaves; ++l) {
      if (!want(l))
        continue;
      std::string& out = f.item();
      put(out, "  - id: TK{:07}\n    unit: ", ++n);
      // Where a primary entry settles the lead, the streets' own part is 基本履职.
      bool basic = (m_plan.extra[l] & has_primary) != 0;
      if (basic || m_rng.chance(500)) {
        out += "\"@街乡\"\n";
      } else {
        size_t k = 1 + m_rng.below(std::min<size_t>(3, s.territories));
        size_t first = m_rng.below(s.territories);
        out += "[";
        for (size_t j = 0; j < k; ++j)
          put(out, "{}{}", j ? ", " : "", unit_id('T', (first + j) % s.territories));
        out += "]\n";
      }
      const char* role = basic ? "基本履职" : m_rng.chance(150) ? "上级收回" : "配合履职";
      put(out, "    matter: {}\n    role: {}\n", leaf_id(l), role);
      if (!basic)
        put(out, "    lead: {}\n", unit_id('B', m_plan.holder[l]));
      put(out, "    basis: {}\n", basis(l + 3));
    }
    f.finish();
  }

  void
  whistles()
  {
    auto want = [&](size_t l) { return (m_plan.extra[l] & has_whistle) != 0; };
    Files f(*this, "whistles", "吹哨事项清单", count_leaves(want));
    for (size_t l = 0, n = 0; l < m_plan.shape.leaves; ++l) {
      if (!want(l))
        continue;
      size_t t = n % std::size(kWhistleTypes);
      // Summon only the holder: summoning a department without power is a finding.
      put(f.item(), "  - id: W{:06}\n    matter: {}\n    type: {}\n    summon: [{}]\n    report_within: {}\n", ++n,
          leaf_id(l), kWhistleTypes[t], unit_id('B', m_plan.holder[l]), kWhistleLimits[t]);
    }
    f.finish();
  }

  void
  calendar()
  {
    // The State Council's 2025 schedule (DOMAIN.md §4).
    Files f(*this, "calendar", "工作日历", 1);
    f.item() += "  - year: 2025\n"
                "    holidays:\n"
                "      - 2025-01-01\n"
                "      - 2025-01-28..2025-02-04\n"
                "      - 2025-04-04..2025-04-06\n"
                "      - 2025-05-01..2025-05-05\n"
                "      - 2025-05-31..2025-06-02\n"
                "      - 2025-10-01..2025-10-08\n"
                "    workdays: [2025-01-26, 2025-02-08, 2025-04-27, 2025-09-28, 2025-10-11]\n";
    f.finish();
  }

  const ListsSpec& m_spec;
  const FileSink& m_sink;
  Rng m_rng;
  Plan m_plan;
  ListsSummary m_summary;
};

bool
is_list_file(const fs::path& p)
{
  auto ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

} // namespace

ListsShape
lists_shape(const ListsSpec& spec)
{
  if (spec.matters < 3)
    throw UsageError("--matters must be at least 3 (a root, a mid-level matter and a leaf)");
  if (spec.units < 5)
    throw UsageError("--units must be at least 5 (the district, a territory and its team, two departments)");
  if (spec.max_items_per_file == 0)
    throw UsageError("the number of items per file must be positive");
  ListsShape s;
  size_t rest = spec.units - 1; // the district itself
  s.territories = std::clamp<size_t>(rest * 2 / 5, 1, (rest - 2) / 2);
  s.teams = s.territories;
  s.departments = rest - 2 * s.territories;
  s.roots = std::max<size_t>(1, spec.matters / 50);
  s.mids = std::max<size_t>(1, spec.matters / 7);
  s.leaves = spec.matters - s.roots - s.mids;
  s.overlaps = spec.overlaps.value_or((s.leaves + 50) / 100);
  s.orphans = spec.orphans.value_or((s.leaves + 50) / 100);
  if (s.overlaps + s.orphans > s.leaves)
    throw UsageError(fmt::format("{} overlaps and {} orphans need more leaf matters than the {} that {} matters give",
                                 s.overlaps, s.orphans, s.leaves, spec.matters));
  return s;
}

ListsSummary
generate_lists(const ListsSpec& spec, const FileSink& sink)
{
  return Generator(spec, sink).run();
}

ListsSummary
write_lists(const ListsSpec& spec, const std::string& dir, bool force)
{
  lists_shape(spec); // fail on a bad spec before touching the directory
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir))
    throw UsageError(fmt::format("cannot create directory {}: {}", dir, ec ? ec.message() : "not a directory"));
  std::vector<fs::path> existing;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (is_list_file(it->path()))
      existing.push_back(it->path());
  if (ec)
    throw UsageError(fmt::format("cannot read directory {}: {}", dir, ec.message()));
  if (!existing.empty() && !force)
    throw UsageError(fmt::format("{} already holds list files (e.g. {}); pass --force to replace them", dir,
                                 existing.front().filename().string()));
  for (const auto& p : existing)
    if (!fs::remove(p, ec) && ec)
      throw UsageError(fmt::format("cannot remove {}: {}", p.string(), ec.message()));
  return generate_lists(spec, [&](const std::string& name, const std::string& text) {
    util::write_file_atomic((fs::path(dir) / name).string(), text);
  });
}

} // namespace duty::gen
