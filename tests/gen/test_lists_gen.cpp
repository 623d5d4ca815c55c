// Tests for gen/lists_gen: determinism, shape, planted faults, and that the
// generated set passes every check `duty validate` makes.
#include "gen/lists_gen.hpp"

#include "lists/check.hpp"
#include "lists/index.hpp"
#include "lists/load.hpp"
#include "util/error.hpp"

#include <doctest/doctest.h>
#include <map>
#include <set>

using namespace duty;

namespace {

using Files = std::map<std::string, std::string>;

Files
generate(const gen::ListsSpec& spec, gen::ListsSummary* summary = nullptr)
{
  Files files;
  auto s = gen::generate_lists(spec, [&](const std::string& name, const std::string& text) {
    CHECK_MESSAGE(files.count(name) == 0, name);
    files[name] = text;
  });
  if (summary)
    *summary = std::move(s);
  return files;
}

lists::LoadResult
load(const Files& files)
{
  lists::LoadResult r;
  for (const auto& [name, text] : files)
    lists::load_text(r, name, text);
  lists::Index index(r.set);
  auto more = lists::check_list_set(r.set, index);
  r.diags.insert(r.diags.end(), more.begin(), more.end());
  return r;
}

gen::ListsSpec
small_spec(uint64_t seed = 42)
{
  gen::ListsSpec spec;
  spec.matters = 700;
  spec.units = 30;
  spec.seed = seed;
  spec.overlaps = 5;
  spec.orphans = 4;
  return spec;
}

} // namespace

TEST_SUITE_BEGIN("gen");

TEST_CASE("Rng is splitmix64")
{
  gen::Rng r(0);
  CHECK(r.next() == 0xE220A8397B1DCDAFull); // the reference sequence for seed 0
  gen::Rng a(99), b(99);
  for (int i = 0; i < 100; ++i)
    CHECK(a.below(7) == b.below(7));
  gen::Rng c(5);
  for (int i = 0; i < 1000; ++i)
    CHECK(c.below(3) < 3);
}

TEST_CASE("lists_shape")
{
  gen::ListsSpec spec;
  spec.matters = 1000;
  spec.units = 40;
  auto s = gen::lists_shape(spec);
  CHECK(1 + s.territories + s.teams + s.departments == 40);
  CHECK(s.teams == s.territories);
  CHECK(s.departments >= 2);
  CHECK(s.roots + s.mids + s.leaves == 1000);
  CHECK(s.overlaps == (s.leaves + 50) / 100); // about 1%
  CHECK(s.orphans == s.overlaps);

  SUBCASE("smallest set")
  {
    spec.matters = 3;
    spec.units = 5;
    s = gen::lists_shape(spec);
    CHECK(s.roots == 1);
    CHECK(s.mids == 1);
    CHECK(s.leaves == 1);
    CHECK(s.territories == 1);
    CHECK(s.departments == 2);
  }
  SUBCASE("impossible specs are usage errors")
  {
    spec.matters = 2;
    CHECK_THROWS_AS(gen::lists_shape(spec), UsageError);
    spec.matters = 100;
    spec.units = 4;
    CHECK_THROWS_AS(gen::lists_shape(spec), UsageError);
    spec.units = 10;
    spec.overlaps = 60;
    spec.orphans = 60;
    CHECK_THROWS_AS(gen::lists_shape(spec), UsageError);
  }
}

TEST_CASE("same seed gives the same bytes and another seed other bytes")
{
  Files a = generate(small_spec(1));
  Files b = generate(small_spec(1));
  Files c = generate(small_spec(2));
  CHECK(a == b);
  CHECK(a != c);
  CHECK(a.count("units.yaml") == 1);
  CHECK(a.count("calendar.yaml") == 1);
}

TEST_CASE("the generated set validates clean")
{
  for (uint64_t seed : {1, 2, 3}) {
    gen::ListsSummary summary;
    Files files = generate(small_spec(seed), &summary);
    auto r = load(files);
    for (const auto& d : r.diags)
      FAIL_CHECK(d.location.file << ":" << d.location.line << ": " << d.message << " [" << d.rule << "]");
    CHECK(r.set.item_count() == summary.items);
    CHECK(files.size() == summary.files);
  }
}

TEST_CASE("planted overlaps and orphans are exactly the reported ones")
{
  gen::ListsSummary summary;
  auto r = load(generate(small_spec(), &summary));
  REQUIRE(summary.overlaps.size() == 5);
  REQUIRE(summary.orphans.size() == 4);
  std::set<std::string> overlaps(summary.overlaps.begin(), summary.overlaps.end());
  std::set<std::string> orphans(summary.orphans.begin(), summary.orphans.end());
  CHECK(overlaps.size() == 5);
  CHECK(orphans.size() == 4);

  std::set<std::string> parents;
  for (const auto& m : r.set.matters)
    parents.insert(m.parent.value);
  std::map<std::string, std::set<std::string>> holders; // matter → holders
  std::map<std::string, size_t> powers;
  for (const auto& p : r.set.powers)
    for (const auto& m : p.matters) {
      holders[m.value].insert(p.holder.value);
      powers[m.value]++;
    }
  std::set<std::string> with_primary, with_task;
  for (const auto& p : r.set.primary)
    with_primary.insert(p.matter.value);
  for (const auto& t : r.set.tasks)
    with_task.insert(t.matter.value);

  size_t leaves = 0;
  for (const auto& m : r.set.matters) {
    const std::string& id = m.id.value;
    if (parents.count(id) || m.parent.empty())
      continue; // not a leaf
    ++leaves;
    CAPTURE(id);
    CHECK_FALSE(m.aliases.empty());
    if (orphans.count(id)) {
      CHECK(powers[id] == 0);
      CHECK(with_task.count(id) == 0);
      CHECK(with_primary.count(id) == 0);
    } else if (overlaps.count(id)) {
      CHECK(powers[id] == 2);
      CHECK(holders[id].size() == 2);
      CHECK(with_primary.count(id) == 0);
    } else {
      CHECK(powers[id] == 1);
    }
  }
  CHECK(leaves == gen::lists_shape(small_spec()).leaves);
}

TEST_CASE("every kind and all ten categories with one responsibility per power")
{
  auto r = load(generate(small_spec()));
  CHECK_FALSE(r.set.units.empty());
  CHECK_FALSE(r.set.primary.empty());
  CHECK_FALSE(r.set.tasks.empty());
  CHECK_FALSE(r.set.whistles.empty());
  CHECK(r.set.calendars.size() == 1);
  std::set<lists::Category> categories;
  std::set<std::string> codes;
  for (const auto& p : r.set.powers) {
    categories.insert(p.category);
    codes.insert(p.code.value);
    CHECK_FALSE(p.basis.empty());
    CHECK(p.holder.value.starts_with("B")); // a department
  }
  CHECK(categories.size() == 10);
  CHECK(r.set.responsibilities.size() == r.set.powers.size());
  for (const auto& x : r.set.responsibilities)
    CHECK(codes.count(x.power.value) == 1);
  bool territory = false, team = false;
  for (const auto& u : r.set.units) {
    territory = territory || lists::is_territory(u.type);
    team = team || u.type == lists::UnitType::enforcement;
  }
  CHECK(territory);
  CHECK(team);
}

TEST_CASE("files are split at max_items_per_file")
{
  gen::ListsSpec spec = small_spec();
  spec.max_items_per_file = 100;
  gen::ListsSummary summary;
  Files files = generate(spec, &summary);
  CHECK(files.count("powers-0001.yaml") == 1);
  CHECK(files.count("powers.yaml") == 0);
  auto r = load(files);
  CHECK(r.diags.empty());
  for (const auto& f : r.set.files)
    CHECK_MESSAGE(f.items <= 100, f.path);
  CHECK(r.set.item_count() == summary.items);
}

TEST_CASE("zero planted faults and the smallest set")
{
  gen::ListsSpec spec;
  spec.matters = 3;
  spec.units = 5;
  spec.overlaps = 0;
  spec.orphans = 0;
  gen::ListsSummary summary;
  auto r = load(generate(spec, &summary));
  CHECK(r.diags.empty());
  CHECK(summary.overlaps.empty());
  CHECK(summary.orphans.empty());
  CHECK(r.set.matters.size() == 3);
  CHECK(r.set.units.size() == 5);
}

TEST_SUITE_END();
