// Tests for resolve/resolver and resolve/evidence: each phase of a resolution
// — claims, 上级收回 and 配合履职, the most specific primary entry, the
// decision — over small list sets written here.
#include "lists/load.hpp"
#include "resolve/context.hpp"
#include "resolve/evidence.hpp"

#include <doctest/doctest.h>

#include <memory>

using namespace duty;

namespace {

const char* kUnits = R"(kind: units
items:
  - {id: 城管委, name: 区城市管理委员会, type: department}
  - {id: 市场局, name: 区市场监督管理局, type: department}
  - {id: 住建委, name: 区住房城乡建设委员会, type: department}
  - {id: 甲街道, name: 甲街道办事处, type: street}
  - {id: 乙镇, name: 乙镇人民政府, type: town}
  - {id: 甲执法队, name: 甲街道综合行政执法队, type: enforcement, parent: 甲街道}
  - {id: 乙执法队, name: 乙镇综合行政执法队, type: enforcement, serves: [乙镇]}
  - {id: 旧局, name: 已撤销的局, type: department, valid_to: 2020-01-01}
)";

const char* kMatters = R"(kind: matters
dimensions:
  land: [国有土地, 集体土地]
items:
  - {id: 城建, name: 城乡建设}
  - {id: 违建, name: 违法建设, parent: 城建, split_by: [land]}
  - {id: 噪音, name: 噪音扰民}
  - {id: 油烟, name: 餐饮油烟}
  - {id: 救助, name: 临时救助}
  - {id: 孤儿, name: 无人管的事}
  - {id: 占道, name: 占道经营}
)";

std::unique_ptr<resolve::Context>
context(std::initializer_list<std::pair<std::string, std::string>> more)
{
  lists::LoadResult loaded;
  lists::load_text(loaded, "u.yaml", kUnits);
  lists::load_text(loaded, "m.yaml", kMatters);
  for (const auto& [path, text] : more)
    lists::load_text(loaded, path, text);
  for (const auto& d : loaded.diags)
    INFO(d.rule, ": ", d.message);
  REQUIRE(loaded.diags.empty());
  return std::make_unique<resolve::Context>(std::move(loaded));
}

resolve::Resolution
ask(const resolve::Context& c, const char* matter, const char* territory, resolve::DimValues dims = {},
    const char* date = "2025-06-01")
{
  return c.resolver().resolve(
      {c.index().matter(matter), c.index().unit(territory), std::move(dims), *util::parse_date(date)});
}

std::string
ids(const std::vector<const lists::Unit*>& us)
{
  std::string out;
  for (auto* u : us)
    out += (out.empty() ? "" : ",") + u->id.value;
  return out;
}

} // namespace

TEST_SUITE_BEGIN("resolve");

TEST_CASE("resolver: one claimant leads; two overlap; none is an orphan")
{
  auto c = context({{"p.yaml", R"(kind: powers
items:
  - {code: P1, name: 查处油烟, category: 行政处罚, holder: 城管委, matters: [油烟]}
  - {code: P2, name: 查处占道, category: 行政处罚, holder: 城管委, matters: [占道]}
  - {code: P3, name: 查处占道经营, category: 行政处罚, holder: 市场局, matters: [占道]}
)"}});
  auto led = ask(*c, "油烟", "甲街道");
  CHECK(led.status == resolve::Status::led);
  CHECK(led.lead->id.value == "城管委");
  REQUIRE(led.claims.size() == 1);
  CHECK(led.claims[0].power->code.value == "P1");

  auto overlap = ask(*c, "占道", "甲街道");
  CHECK(overlap.status == resolve::Status::overlap);
  CHECK(overlap.lead == nullptr);
  CHECK(overlap.claims.size() == 2);

  auto orphan = ask(*c, "孤儿", "乙镇");
  CHECK(orphan.status == resolve::Status::orphan);
  CHECK(orphan.claims.empty());
}

TEST_CASE("resolver: territorial references and dates in force")
{
  auto c = context({{"p.yaml", R"(kind: powers
items:
  - {code: P1, name: 查处噪音, category: 行政处罚, holder: '@属地:enforcement', matters: [噪音]}
  - {code: P2, name: 查处油烟, category: 行政处罚, holder: 城管委, matters: [油烟], valid_to: 2025-03-31}
  - {code: P3, name: 查处油烟, category: 行政处罚, holder: 市场局, matters: [油烟], valid_from: 2025-04-01}
)"}});
  // A team with a parent serves it; a team with `serves` serves those.
  CHECK(ask(*c, "噪音", "甲街道").lead->id.value == "甲执法队");
  CHECK(ask(*c, "噪音", "乙镇").lead->id.value == "乙执法队");
  // The lists as they stood on the day.
  CHECK(ask(*c, "油烟", "乙镇", {}, "2025-03-31").lead->id.value == "城管委");
  CHECK(ask(*c, "油烟", "乙镇", {}, "2025-04-01").lead->id.value == "市场局");
  // A retired unit resolves to nothing.
  CHECK(c->resolver().resolve_ref("旧局", c->index().unit("乙镇"), *util::parse_date("2025-01-01")).empty());
  CHECK(c->resolver()
            .resolve_ref("@属地", c->index().unit("乙镇"), *util::parse_date("2025-01-01"))[0]
            ->id.value == "乙镇");
}

TEST_CASE("resolver: 上级收回 removes the territory's claim; 配合履职 makes it assist")
{
  auto c = context({{"p.yaml", R"(kind: powers
items:
  - {code: P1, name: 临时救助审批, category: 行政给付, holder: 市场局, matters: [救助]}
)"},
                    {"t.yaml", R"(kind: tasks
items:
  - {id: T1, unit: '@街乡', matter: 救助, role: 基本履职}
  - {id: T2, unit: [甲街道], matter: 救助, role: 上级收回}
  - {id: T3, unit: [乙镇], matter: 救助, role: 配合履职, lead: 市场局}
)"}});
  // 乙镇: its own 基本履职 claim stands beside the power: an overlap, and it also assists.
  auto b = ask(*c, "救助", "乙镇");
  CHECK(b.status == resolve::Status::overlap);
  CHECK(b.assisting.size() == 1);
  // 甲街道: the claim was taken back, the department leads alone; both tasks are recorded.
  auto a = ask(*c, "救助", "甲街道");
  CHECK(a.status == resolve::Status::led);
  CHECK(a.lead->id.value == "市场局");
  REQUIRE(a.withdrawn.size() == 1);
  CHECK(a.withdrawn[0]->id.value == "T2");
  CHECK(a.basic_and_withdrawn.size() == 2);
  auto ev = resolve::evidence(a);
  REQUIRE(ev.size() == 2);
  CHECK(ev[0].kind == resolve::Evidence::Kind::power);
  CHECK(ev[1].kind == resolve::Evidence::Kind::withdrawn);
  CHECK(resolve::where(c->set(), ev[1].loc) == "t.yaml:4");
}

TEST_CASE("resolver: the most specific primary entry decides, with its limits")
{
  auto c = context({{"p.yaml", R"(kind: powers
items:
  - {code: P1, name: 违建认定, category: 行政确认, holder: 住建委, matters: [城建]}
  - {code: P2, name: 违建处罚, category: 行政处罚, holder: '@属地:enforcement', matters: [违建], when: {land: 国有土地}}
  - {code: P3, name: 违建拆除, category: 行政强制, holder: '@属地', matters: [违建]}
)"},
                    {"z.yaml", R"(kind: primary
items:
  - {id: Z1, matter: 城建, lead: 住建委, limits: {close: 30d}}
  - {id: Z2, matter: 违建, when: {land: 国有土地}, lead: '@属地:enforcement', assist: [住建委], limits: {sign: 2h, close: 15wd}}
  - {id: Z3, matter: 违建, when: {land: 集体土地}, lead: '@属地', assist: [住建委]}
  - {id: Z4, matter: 违建, when: {land: 集体土地}, where: [乙镇], lead: '@属地', assist: [住建委, '@属地:enforcement']}
)"}});
  // Deeper matter and more conditions beat the ancestor's entry.
  auto state = ask(*c, "违建", "甲街道", {{"land", "国有土地"}});
  CHECK(state.status == resolve::Status::led);
  CHECK(state.lead->id.value == "甲执法队");
  CHECK(ids(state.assist) == "住建委");
  REQUIRE(state.primary.size() == 1);
  CHECK(state.primary[0]->id.value == "Z2");
  auto lim = resolve::limits(state);
  REQUIRE(lim.size() == 2);
  CHECK(lim[1].name.value == "close");
  CHECK(lim[1].value.str() == "15wd");
  // A `where` that names the territory beats one that does not.
  auto narrowed = ask(*c, "违建", "乙镇", {{"land", "集体土地"}});
  CHECK(narrowed.primary[0]->id.value == "Z4");
  CHECK(ids(narrowed.assist) == "乙执法队,住建委");
  CHECK(ask(*c, "违建", "甲街道", {{"land", "集体土地"}}).primary[0]->id.value == "Z3");
  // Without the dimension only the unconditioned ancestor entry matches.
  auto open = ask(*c, "违建", "甲街道");
  CHECK(open.primary[0]->id.value == "Z1");
  CHECK(open.lead->id.value == "住建委");
  // Evidence: the deciding entry first, then the claims.
  auto ev = resolve::evidence(state, false);
  REQUIRE(ev.size() >= 2);
  CHECK(ev[0].kind == resolve::Evidence::Kind::primary);
  CHECK(resolve::where(c->set(), ev[0].loc) == "z.yaml:4");
}

TEST_CASE("resolver: equally specific entries that disagree conflict; limits only for one lead")
{
  auto c = context({{"z.yaml", R"(kind: primary
items:
  - {id: Z1, matter: 占道, lead: 城管委, limits: {close: 7d}}
  - {id: Z2, matter: 占道, lead: 市场局}
  - {id: Z3, matter: 孤儿, lead: 旧局, limits: {close: 7d}}
)"}});
  auto r = ask(*c, "占道", "甲街道");
  CHECK(r.status == resolve::Status::conflict);
  CHECK(r.primary.size() == 2);
  CHECK(resolve::limits(r).empty());
  // An entry that names no unit in force: an orphan, with the reason.
  auto o = ask(*c, "孤儿", "甲街道");
  CHECK(o.status == resolve::Status::orphan);
  CHECK(o.reason == "primary entry Z3 names 旧局, which is no unit in force here");
  CHECK(resolve::limits(o).empty());
}

TEST_CASE("resolver: whistle items match their conditions and resolve their summons")
{
  auto c = context({{"p.yaml", R"(kind: powers
items:
  - {code: P1, name: 违建认定, category: 行政确认, holder: 住建委, matters: [违建]}
  - {code: P2, name: 违建处罚, category: 行政处罚, holder: '@属地:enforcement', matters: [违建]}
)"},
                    {"w.yaml", R"(kind: whistles
items:
  - {id: W1, matter: 违建, type: 日常哨, summon: [住建委, '@属地:enforcement'], report_within: 2h}
  - {id: W2, matter: 违建, type: 攻坚哨, summon: [住建委], report_within: 24h, when: {land: 集体土地}}
)"}});
  auto r = ask(*c, "违建", "乙镇", {{"land", "国有土地"}});
  REQUIRE(r.whistles.size() == 1);
  CHECK(r.whistles[0].whistle->id.value == "W1");
  CHECK(ids(r.whistles[0].units) == "乙执法队,住建委");
  CHECK(ask(*c, "违建", "乙镇", {{"land", "集体土地"}}).whistles.size() == 2);
  // Whistle items are evidence only when asked for.
  CHECK(resolve::evidence(r, true).size() == resolve::evidence(r, false).size() + 1);
}
