#include "cases/fields.hpp"

#include "util/text.hpp"

#include <array>

namespace duty::cases {

namespace {

using SV = std::string_view;
using enum FieldType;

// Aliases from DOMAIN.md §3 and common variants seen in exports.
constexpr SV a_id[] = {"工单编号", "工单号", "编号", "order_id", "case_id", "ticket"};
constexpr SV a_type[] = {"工单类型", "诉求类型", "类型"};
constexpr SV a_category[] = {"问题分类", "诉求分类", "分类", "事项分类"};
constexpr SV a_title[] = {"标题", "工单标题", "诉求标题"};
constexpr SV a_content[] = {"主要内容", "诉求内容", "内容", "来电内容", "问题描述"};
constexpr SV a_status[] = {"工单状态", "状态", "办理状态"};
constexpr SV a_district[] = {"被反映区", "区", "所属区", "区县"};
constexpr SV a_territory[] = {"被反映街乡镇", "街乡镇", "街道乡镇", "所属街乡", "街乡"};
constexpr SV a_community[] = {"村/社区", "社区", "村居", "社区村"};
constexpr SV a_unit[] = {"主办单位", "承办单位", "责任单位", "处理单位"};
constexpr SV a_role[] = {"工单性质", "办理性质"};
constexpr SV a_received[] = {"来电时间", "受理时间", "创建时间", "登记时间"};
constexpr SV a_dispatched[] = {"派单时间", "派发时间"};
constexpr SV a_accepted[] = {"签收时间", "接单时间"};
constexpr SV a_contacted_at[] = {"联系时间", "首次联系时间"};
constexpr SV a_closed[] = {"办结时间", "结案时间", "完成时间"};
constexpr SV a_visit[] = {"是否有效回访", "有效回访"};
constexpr SV a_contacted[] = {"是否联系", "是否联系诉求人"};
constexpr SV a_resolved[] = {"是否解决", "解决情况"};
constexpr SV a_satisfaction[] = {"是否满意", "满意度", "评价结果", "满意情况"};
constexpr SV a_caller[] = {"来电人", "诉求人", "来电人姓名", "姓名"};
constexpr SV a_phone[] = {"来电人电话", "联系电话", "来电号码", "电话"};
constexpr SV a_urgency[] = {"紧急程度", "缓急程度", "缓急"};
// Assessment flags (duty-rates(1), exclusions) and the return visit's time.
constexpr SV a_assessed[] = {"是否纳入考核", "纳入考核", "是否考核", "考核"};
constexpr SV a_unreasonable[] = {"不合理诉求", "是否不合理诉求", "不合理诉求认定"};
constexpr SV a_appeal[] = {"考核申诉", "申诉结果", "申诉情况", "申诉核减", "核减"};
constexpr SV a_visited[] = {"回访时间", "回访日期"};
// The order's own deadline (条例 Art. 13): a limit (办理时限) or a time (截止时间).
constexpr SV a_deadline[] = {"办理时限", "截止时间", "办结时限", "处理时限", "办理期限", "deadline"};

constexpr FieldDef kOrders[] = {
  {"id", id, true, a_id},
  {"type", text, false, a_type},
  {"category", text, false, a_category},
  {"title", free, false, a_title},
  {"content", free, false, a_content},
  {"status", text, false, a_status},
  {"district", text, false, a_district},
  {"territory", text, false, a_territory},
  {"community", text, false, a_community},
  {"unit", text, false, a_unit},
  {"role", text, false, a_role},
  {"received_at", time, false, a_received},
  {"dispatched_at", time, false, a_dispatched},
  {"accepted_at", time, false, a_accepted},
  {"contacted_at", time, false, a_contacted_at},
  {"closed_at", time, false, a_closed},
  {"visit_valid", yes_no, false, a_visit},
  {"contacted", yes_no, false, a_contacted},
  {"resolved", resolved, false, a_resolved},
  {"satisfaction", satisfaction, false, a_satisfaction},
  {"caller", personal, false, a_caller},
  {"phone", phone, false, a_phone},
  {"urgency", text, false, a_urgency},
  // Added after schema version 1 was published: old stores get these columns on their next ingest.
  {"assessed", yes_no, false, a_assessed},
  {"unreasonable", verdict, false, a_unreasonable},
  {"appeal", verdict, false, a_appeal},
  {"visited_at", time, false, a_visited},
  {"deadline", deadline, false, a_deadline},
};

constexpr SV e_at[] = {"时间", "事件时间", "操作时间", "发生时间", "timestamp", "time"};
constexpr SV e_event[] = {"事件", "操作", "环节", "动作", "事件类型", "activity"};
constexpr SV e_unit[] = {"单位", "操作单位", "处理单位", "承办单位", "报到单位", "部门"};
constexpr SV e_note[] = {"备注", "说明", "意见", "处理意见", "内容"};
constexpr SV e_whistle[] = {"哨类型", "吹哨类型", "哨种", "whistle_type"};
// For 延期: the new close deadline, or how much longer.
constexpr SV e_until[] = {"延期至", "延期时间", "延长至", "延期截止时间", "until"};

constexpr FieldDef kEvents[] = {
  {"id", id, true, a_id},
  {"at", time, true, e_at},
  {"event", event, true, e_event},
  {"unit", text, false, e_unit},
  {"note", free, false, e_note},
  {"whistle", whistle, false, e_whistle},
  {"until", deadline, false, e_until},
};

struct Synonym
{
  SV canonical;
  std::array<SV, 4> spellings;
};

constexpr Synonym kEventNames[] = {
  {"受理", {"accept_call", "receive", "received", "登记"}},
  {"派单", {"dispatch", "派发", "派遣", ""}},
  {"签收", {"accept", "sign", "接单", ""}},
  {"联系", {"contact", "联系诉求人", "", ""}},
  {"退单", {"return", "回退", "派单异议", "退回"}}, // 派单异议: the 条例's word (Art. 12)
  {"改派", {"redispatch", "重新派单", "", ""}},
  {"延期", {"extend", "延期申请", "申请延期", ""}},
  {"督办", {"supervise", "催办", "", ""}},
  {"吹哨", {"whistle", "", "", ""}},
  {"报到", {"report", "", "", ""}},
  {"回复", {"reply", "", "", ""}},
  {"办结", {"close", "closed", "结案", ""}},
  {"回访", {"visit", "return_visit", "", ""}},
  {"重办", {"reopen", "", "", ""}},
  {"申诉", {"appeal", "", "", ""}},
  {"核减", {"reduce", "deduct", "", ""}},
};

constexpr Synonym kWhistles[] = {
  {"日常哨", {"daily", "日常", "", ""}},
  {"攻坚哨", {"key", "攻坚", "", ""}},
  {"应急哨", {"emergency", "应急", "", ""}},
  {"跨区联合哨", {"cross_district", "cross-district", "跨区", "联合哨"}},
};

template <size_t N>
std::optional<SV>
lookup(const Synonym (&table)[N], SV name)
{
  std::string n = normalize_header(name);
  for (const auto& s : table) {
    if (n == s.canonical)
      return s.canonical;
    for (SV sp : s.spellings)
      if (!sp.empty() && n == sp)
        return s.canonical;
  }
  return std::nullopt;
}

} // namespace

std::span<const FieldDef>
fields(Kind kind)
{
  if (kind == Kind::orders)
    return kOrders;
  return kEvents;
}

std::optional<size_t>
field_index(Kind kind, std::string_view name)
{
  auto f = fields(kind);
  for (size_t i = 0; i < f.size(); ++i)
    if (f[i].name == name)
      return i;
  return std::nullopt;
}

std::string
normalize_header(std::string_view header)
{
  std::string_view h = util::trim(header);
  if (h.starts_with("\xEF\xBB\xBF"))
    h.remove_prefix(3);
  std::string out;
  for (size_t i = 0; i < h.size();) {
    size_t start = i;
    char32_t c = util::decode_utf8(h, i);
    if (c == ' ' || c == 0x3000 || c == '\t' || c == '\n' || c == '\r')
      continue;
    if (c == 0xFF08)
      out += '(';
    else if (c == 0xFF09)
      out += ')';
    else if (c >= 'A' && c <= 'Z')
      out += char(c - 'A' + 'a');
    else
      out.append(h.substr(start, i - start));
  }
  return out;
}

std::optional<size_t>
header_field(Kind kind, std::string_view normalized)
{
  auto defs = fields(kind);
  for (size_t f = 0; f < defs.size(); ++f) {
    if (normalized == defs[f].name)
      return f;
    for (auto a : defs[f].aliases)
      if (normalized == normalize_header(a))
        return f;
  }
  return std::nullopt;
}

std::optional<size_t>
category_level(std::string_view normalized)
{
  if (normalized == "一级分类" || normalized == "问题分类一级")
    return 0;
  if (normalized == "二级分类" || normalized == "问题分类二级")
    return 1;
  if (normalized == "三级分类" || normalized == "问题分类三级")
    return 2;
  return std::nullopt;
}

std::optional<std::string_view>
canonical_event(std::string_view name)
{
  return lookup(kEventNames, name);
}

std::optional<std::string_view>
canonical_whistle(std::string_view name)
{
  return lookup(kWhistles, name);
}

bool
is_closed_status(std::string_view status)
{
  std::string s = normalize_header(status);
  for (SV c : {"办结", "已办结", "结案", "已结案", "已完成", "已关闭", "closed", "close"})
    if (s == c)
      return true;
  return false;
}

} // namespace duty::cases
