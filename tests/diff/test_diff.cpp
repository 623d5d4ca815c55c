// Tests for diff/: items compared by meaning, effects merged across
// territories, findings matched across moved lines.
#include "diff/diff.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace duty;
using namespace duty::diff;

namespace {

const char* kUnits = "kind: units\nitems:\n"
                     "  - {id: s1, name: s1, type: street}\n"
                     "  - {id: s2, name: s2, type: street}\n"
                     "  - {id: e1, name: e1, type: enforcement, parent: s1}\n"
                     "  - {id: e2, name: e2, type: enforcement, parent: s2}\n"
                     "  - {id: dep, name: 部门, type: department}\n"
                     "  - {id: dep2, name: 部门二, type: department}\n";
const char* kMatters = "kind: matters\ndimensions: {land: [a, b]}\nitems:\n"
                       "  - {id: m, name: m, split_by: [land]}\n"
                       "  - {id: n, name: n}\n";

// A side made of in-memory files under root "R".
Side
side(const std::string& root, std::vector<std::pair<std::string, std::string>> files)
{
  std::vector<lists::SourceText> texts;
  for (auto& [name, text] : files)
    texts.push_back({root + "/" + name, text});
  return Side{lists::load_and_check(std::move(texts)), root};
}

std::string
powers(const std::string& extra = "")
{
  return "kind: powers\nitems:\n"
         "  - {code: P1, name: 处罚, category: 行政处罚, holder: \"@属地:enforcement\", matters: [m, n], basis: [x]}\n" +
         extra;
}

const char* kResp = "kind: responsibilities\nitems:\n"
                    "  - {power: P1, duties: [d]}\n  - {power: P2, duties: [d]}\n";

std::string
replaced(std::string s, const std::string& from, const std::string& to)
{
  s.replace(s.find(from), from.size(), to);
  return s;
}

Options
options()
{
  Options o;
  o.as_of = *util::parse_date("2025-06-01");
  return o;
}

} // namespace

TEST_CASE("diff: fields compared by meaning, not spelling")
{
  Side a = side("A", {{"u.yaml", kUnits}, {"m.yaml", kMatters},
                      {"p.yaml", powers("  - {code: P2, name: 检查, category: 检查, holder: dep, matters: n, basis: y}\n")}});
  // Aliases, list order, a scalar for a one-entry list, flow vs block style and
  // moved lines are no change; a new basis entry is.
  Side b = side("B", {{"u.yaml", kUnits}, {"m.yaml", kMatters},
                      {"p.yaml", "kind: powers\nitems:\n"
                                 "  # a comment moves every line\n"
                                 "  - code: P2\n    name: 检查\n    category: 行政检查\n    holder: dep\n"
                                 "    matters: [n]\n    basis: [y, z]\n"
                                 "  - {code: P1, name: 处罚, category: penalty, holder: \"@属地:enforcement\", "
                                 "matters: [n, m], basis: x}\n"}});
  auto items = diff_items(a, b);
  REQUIRE(items.size() == 1);
  CHECK(items[0].change == Change::changed);
  CHECK(items[0].kind == "powers");
  CHECK(items[0].id == "P2");
  CHECK(items[0].label == "检查");
  CHECK(items[0].before.file == "A/p.yaml");
  CHECK(items[0].before.line == 4);
  CHECK(items[0].after.file == "B/p.yaml");
  CHECK(items[0].after.line == 4);
  REQUIRE(items[0].fields.size() == 1);
  CHECK(items[0].fields[0].field == "basis");
  CHECK(items[0].fields[0].before == "y");
  CHECK(items[0].fields[0].after == "[y, z]");
}

TEST_CASE("diff: added, removed, keys of every kind, dimensions")
{
  Side a = side("A", {{"u.yaml", kUnits}, {"m.yaml", kMatters}, {"p.yaml", powers()}, {"r.yaml", kResp}});
  std::string matters = replaced(kMatters, "[a, b]", "[a, b, c]");
  Side b = side("B", {{"u.yaml", std::string(kUnits) + "  - {id: dep3, name: 新部门, type: department}\n"},
                      {"m.yaml", matters},
                      {"p.yaml", powers()},
                      {"r.yaml", "kind: responsibilities\nitems:\n  - {power: P1, duties: [d]}\n"}});
  auto items = diff_items(a, b);
  REQUIRE(items.size() == 3);
  CHECK(items[0].change == Change::added);
  CHECK(items[0].kind == "units");
  CHECK(items[0].id == "dep3");
  CHECK(items[0].before.file.empty());
  CHECK(items[1].kind == "dimensions");
  CHECK(items[1].id == "land");
  REQUIRE(items[1].fields.size() == 1);
  CHECK(items[1].fields[0].after == "[a, b, c]");
  CHECK(items[2].change == Change::removed);
  CHECK(items[2].kind == "responsibilities");
  CHECK(items[2].id == "P2"); // a responsibility is known by its power
  CHECK(items[2].after.file.empty());
}

TEST_CASE("diff: a moved lead is one change over every territory and value")
{
  const char* prim = "kind: primary\nitems:\n  - {id: Z, matter: m, lead: \"@属地:enforcement\", limits: {close: 7d}}\n";
  Side a = side("A", {{"u.yaml", kUnits}, {"m.yaml", kMatters}, {"p.yaml", powers()}, {"z.yaml", prim}});
  std::string moved = replaced(replaced(prim, "\"@属地:enforcement\"", "dep"), "7d", "168h");
  Side b = side("B", {{"u.yaml", kUnits},
                      {"m.yaml", kMatters},
                      {"p.yaml", powers("  - {code: P2, name: n, category: 行政检查, holder: dep, matters: m, basis: y}\n")},
                      {"z.yaml", moved}});
  auto effects = diff_effects(a.loaded.set, b.loaded.set, *util::parse_date("2025-06-01"));
  REQUIRE(effects.size() == 1);
  const auto& e = effects[0];
  CHECK(e.matter == "m");
  CHECK(e.territories == std::vector<std::string>{"s1", "s2"});
  CHECK(e.all_territories == 2);
  CHECK(e.combos.size() == 2);
  CHECK(e.all_combos == 2);
  CHECK(e.slices == 4);
  CHECK(e.where() == "\"m\" in all 2 territories");
  REQUIRE(e.aspects.size() == 2);
  CHECK(e.aspects[0].field == "lead");
  CHECK(e.aspects[0].before == "@属地:enforcement");
  CHECK(e.aspects[0].after == "dep");
  CHECK(e.aspects[1].field == "limits");
  CHECK(e.aspects[1].before == "close 7d");
  CHECK(e.aspects[1].after == "close 168h");
}

TEST_CASE("diff: a change in one territory and one value names them, concretely")
{
  Side a = side("A", {{"u.yaml", kUnits}, {"m.yaml", kMatters}, {"p.yaml", powers()}});
  Side b = side("B", {{"u.yaml", kUnits},
                      {"m.yaml", kMatters},
                      {"p.yaml", powers()},
                      {"z.yaml", "kind: primary\nitems:\n  - {id: Z, matter: m, where: [s2], when: {land: b}, "
                                 "lead: dep2}\n"}});
  auto effects = diff_effects(a.loaded.set, b.loaded.set, *util::parse_date("2025-06-01"));
  REQUIRE(effects.size() == 1);
  CHECK(effects[0].where() == "\"m\" (land=b) in s2");
  REQUIRE(effects[0].aspects.size() == 1);
  CHECK(effects[0].aspects[0].before == "e2"); // one territory: the unit itself, not @属地:enforcement
  CHECK(effects[0].aspects[0].after == "dep2");
}

TEST_CASE("diff: findings new, fixed and unchanged across moved lines")
{
  // OLD: P2 without a responsibility (a warning), dep2 idle. NEW: lines moved
  // by a comment, P2 still without one (unchanged), P3 of dep2 without basis
  // (new) and overlapping P2 on k (new); dep2 no longer idle (fixed).
  std::string matters = std::string(kMatters) + "  - {id: k, name: k}\n";
  const char* p2 = "  - {code: P2, name: n, category: 行政检查, holder: dep, matters: k, basis: y}\n";
  Side a = side("A", {{"u.yaml", kUnits}, {"m.yaml", matters}, {"p.yaml", powers(p2)},
                      {"r.yaml", "kind: responsibilities\nitems:\n  - {power: P1, duties: [d]}\n"}});
  Side b = side("B", {{"u.yaml", kUnits}, {"m.yaml", matters},
                      {"p.yaml", "# moved\n\n" + powers(std::string(p2) +
                                                       "  - {code: P3, name: n, category: 行政检查, holder: dep2, "
                                                       "matters: k}\n")},
                      {"r.yaml", "kind: responsibilities\nitems:\n  - {power: P1, duties: [d]}\n  - {power: P3, duties: [d]}\n"}});
  auto rules = [](const std::vector<diag::Diagnostic>& ds) {
    std::string s;
    for (const auto& d : ds)
      s += d.rule + "@" + d.location.file + ":" + std::to_string(d.location.line) + "/" + d.baseline + " ";
    return s;
  };
  Report r = compare(a, b, options());
  CHECK(rules(r.unchanged) == "power-without-responsibility@B/p.yaml:6/unchanged idle-unit@B/u.yaml:3/unchanged "
                              "idle-unit@B/u.yaml:4/unchanged ");
  CHECK(rules(r.fresh) == "overlap@B/p.yaml:6/new missing-basis@B/p.yaml:7/new ");
  CHECK(rules(r.fixed) == "idle-unit@A/u.yaml:8/absent ");
  CHECK(r.after_path("A/p.yaml") == "B/p.yaml");
  CHECK(r.after_path("elsewhere.yaml") == "elsewhere.yaml");

  // --skip and strictness apply to both sides alike.
  Options o = options();
  o.filter.skip = {"overlap", "idle-unit"};
  o.filter.strict = true;
  Report s = compare(a, b, o);
  CHECK(rules(s.fresh) == "missing-basis@B/p.yaml:7/new ");
  CHECK(rules(s.fixed) == "");
  REQUIRE(s.unchanged.size() == 1);
  CHECK(s.unchanged[0].severity == diag::Severity::error);

  // The reverse: what was new is fixed, located in the old side.
  Report back = compare(b, a, options());
  CHECK(rules(back.fixed) == "overlap@B/p.yaml:6/absent missing-basis@B/p.yaml:7/absent ");
  CHECK(rules(back.fresh) == "idle-unit@A/u.yaml:8/new ");
}

TEST_CASE("diff: assistants and whistle duties are effects too")
{
  const char* prim = "kind: primary\nitems:\n  - {id: Z, matter: n, lead: dep, assist: [\"@属地\"]}\n";
  const char* whistle = "kind: whistles\nitems:\n"
                        "  - {id: W, matter: n, type: 日常哨, summon: [dep], report_within: 2h}\n";
  Side a = side("A", {{"u.yaml", kUnits}, {"m.yaml", kMatters}, {"p.yaml", powers()}, {"z.yaml", prim},
                      {"w.yaml", whistle}});
  Side b = side("B", {{"u.yaml", kUnits},
                      {"m.yaml", kMatters},
                      {"p.yaml", powers()},
                      {"z.yaml", replaced(prim, "[\"@属地\"]", "[\"@属地\", dep2]")},
                      {"w.yaml", replaced(replaced(whistle, "2h", "4h"), "[dep]", "[dep, dep2]")}});
  auto effects = diff_effects(a.loaded.set, b.loaded.set, *util::parse_date("2025-06-01"));
  REQUIRE(effects.size() == 1);
  const auto& e = effects[0];
  CHECK(e.where() == "\"n\" in all 2 territories");
  REQUIRE(e.aspects.size() == 2);
  CHECK(e.aspects[0].field == "assist");
  CHECK(e.aspects[0].before == "@属地");
  CHECK(e.aspects[0].after == "@属地, dep2");
  CHECK(e.aspects[1].field == "whistle");
  CHECK(e.aspects[1].before == "日常哨 → dep within 2h");
  CHECK(e.aspects[1].after == "日常哨 → dep, dep2 within 4h");
}

TEST_CASE("diff: limits written in another order are no effect")
{
  const char* prim = "kind: primary\nitems:\n  - {id: Z, matter: n, lead: dep, limits: {sign: 2h, close: 7d}}\n";
  Side a = side("A", {{"u.yaml", kUnits}, {"m.yaml", kMatters}, {"p.yaml", powers()}, {"z.yaml", prim}});
  Side b = side("B", {{"u.yaml", kUnits},
                      {"m.yaml", kMatters},
                      {"p.yaml", powers()},
                      {"z.yaml", replaced(prim, "{sign: 2h, close: 7d}", "{close: 7d, sign: 2h}")}});
  CHECK(diff_items(a, b).empty());
  CHECK(diff_effects(a.loaded.set, b.loaded.set, *util::parse_date("2025-06-01")).empty());
}
