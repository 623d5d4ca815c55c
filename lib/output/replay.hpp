#pragma once

// Replay's verdicts as JSON Lines (the format of record), as CSV or table
// rows, and its summary as a table. See duty-replay(1) for every field.
#include "output/table.hpp"
#include "replay/summary.hpp"
#include "replay/verdict.hpp"
#include "util/time.hpp"

#include <string>
#include <vector>

namespace duty::output {

struct ReplayHeader
{
  std::string lists_hash, profile;
  std::vector<int> calendar_years;
  util::Timestamp as_of;
  std::string tie_rule, version;
};

// {"kind":"header", "lists_hash", "profile", "calendar_years", "as_of", "tie_rule", "version"}
void append_header_json(std::string& out, const ReplayHeader& h);
// {"kind":"order", "id", "matter", …, "evidence"} — one line, no newline.
void append_order_json(std::string& out, const replay::OrderVerdict& v);
// {"kind":"whistle", "id", "at", "unit", …, "extra"} — one line, no newline.
void append_whistle_json(std::string& out, const replay::WhistleVerdict& w);

// An empty table with the columns of one row per order (csv and table).
Table verdicts_table(Format f);
// Adds the row of one judgement to a verdicts_table.
void add_verdict_row(Table& t, const replay::Judgement& j, Format f);

// Deviations per unit and per matter, counts and shares, with a total row.
Table summary_table(const replay::Summary& s, Format f);

} // namespace duty::output
