#pragma once

// The assessment as rows: per subject (and period), the counts, the three
// rates and the composite score computed exactly from them, the rank within
// the subject's group, the summary (合计) rows the profile asks for, and
// changes against a second period (--compare).
#include "rates/attribute.hpp"
#include "rates/exact.hpp"
#include "rates/period.hpp"
#include "rates/tally.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace duty::rates {

struct Row
{
  enum class Kind { unit, average, pooled } kind = Kind::unit;
  std::string group, subject;
  Span span;
  Counts counts;
  std::array<std::optional<Fraction>, 3> rate; // null: nothing in the rate's base
  std::optional<Fraction> score;               // exact composite; null when a rate or the weights are missing
  std::optional<mpz_class> shown;              // the score rounded to the profile's decimals, scaled
  std::optional<int> rank;                     // within the block; summaries have none
  // --compare: the same subject's row in the other period, when it has one.
  bool compared = false;
  std::array<std::optional<Fraction>, 3> prev_rate;
  std::optional<mpz_class> prev_shown;
  std::optional<int> prev_rank;
};

// The rows ranked together: one group (in one period with --by unit,month),
// ranked rows first, then unranked ones, then the summaries.
struct Block
{
  std::string group;
  Span span;
  std::vector<Row> rows;
  size_t summaries = 0; // the last rows are summaries
};

struct ReportSpec
{
  By by = By::unit;
  std::optional<Span> span;        // nullopt: every period the input has
  std::optional<Span> compare;
  std::vector<std::string> only;   // show only these subjects (names as resolved); ranks stay the group's
};

struct Report
{
  By by = By::unit;
  Span span;
  std::optional<Span> compare;
  std::vector<Block> blocks;
};

// Builds the report from the counts. Throws InputError when the period has
// no orders or a subject of `spec.only` has none (naming what there is).
Report
build_report(const lists::Profile& profile, const Totals& totals, const ReportSpec& spec);

// Every period `totals` has orders in, as a span (nullopt when none).
std::optional<Span>
periods_of(const Totals& totals);

} // namespace duty::rates
