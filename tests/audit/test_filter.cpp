// Tests for audit::apply_filter: --only, --skip and --strict.
#include "audit/audit.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace duty;

namespace {

diag::Diagnostic
finding(std::string rule, diag::Severity s)
{
  diag::Diagnostic d;
  d.rule = std::move(rule);
  d.severity = s;
  return d;
}

std::vector<std::string>
rules(const std::vector<diag::Diagnostic>& diags)
{
  std::vector<std::string> out;
  for (const auto& d : diags)
    out.push_back(d.rule + (d.severity == diag::Severity::error ? "!" : "?"));
  return out;
}

std::vector<diag::Diagnostic>
sample()
{
  using S = diag::Severity;
  return {finding("syntax", S::error), finding("overlap", S::error), finding("idle-unit", S::warning),
          finding("unused-suppression", S::warning), finding("orphan-matter", S::error)};
}

} // namespace

TEST_SUITE_BEGIN("audit");

TEST_CASE("apply_filter: no filter keeps everything as it is")
{
  auto d = sample();
  audit::apply_filter(d, {});
  CHECK(rules(d) == std::vector<std::string>{"syntax!", "overlap!", "idle-unit?", "unused-suppression?", "orphan-matter!"});
}

TEST_CASE("apply_filter: --only narrows the audit but never hides an error in the files")
{
  auto d = sample();
  audit::apply_filter(d, {{"overlap"}, {}, false});
  CHECK(rules(d) == std::vector<std::string>{"syntax!", "overlap!"});
}

TEST_CASE("apply_filter: --skip drops a rule, even a file error the user named")
{
  auto d = sample();
  audit::apply_filter(d, {{}, {"idle-unit", "orphan-matter"}, false});
  CHECK(rules(d) == std::vector<std::string>{"syntax!", "overlap!", "unused-suppression?"});
}

TEST_CASE("apply_filter: strict makes every remaining warning an error")
{
  auto d = sample();
  audit::apply_filter(d, {{}, {"overlap"}, true});
  CHECK(rules(d) == std::vector<std::string>{"syntax!", "idle-unit!", "unused-suppression!", "orphan-matter!"});
}

TEST_SUITE_END();
