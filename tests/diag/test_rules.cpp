// Tests for diag/rules: the one table of rule ids.
#include "diag/rules.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace duty::diag;

TEST_SUITE_BEGIN("diag");

TEST_CASE("every rule id is unique, lower-case kebab, with a summary and help")
{
  std::set<std::string_view> ids;
  for (const auto& r : all_rules()) {
    INFO(std::string(r.id));
    CHECK(ids.insert(r.id).second);
    CHECK(!r.summary.empty());
    CHECK(!r.help.empty());
    for (char c : r.id)
      CHECK(((c >= 'a' && c <= 'z') || c == '-'));
    CHECK(find_rule(r.id) == &r);
  }
  CHECK(find_rule("no-such-rule") == nullptr);
}

TEST_CASE("the audit's cross-list rules are marked in the table, and only they")
{
  const std::set<std::string_view> audit = {
    "overlap", "orphan-matter", "conflicting-primary", "lead-without-power", "responsibility-without-power",
    "power-without-responsibility", "missing-basis", "retired-unit", "idle-unit", "whistle-without-power",
    "task-conflict"};
  for (const auto& r : all_rules()) {
    INFO(std::string(r.id));
    CHECK(is_audit_rule(r.id) == (audit.count(r.id) == 1));
  }
  CHECK_FALSE(is_audit_rule("syntax"));
  CHECK_FALSE(is_audit_rule("bad-suppression"));
  CHECK_FALSE(is_audit_rule("nonsense"));
}

TEST_SUITE_END();
