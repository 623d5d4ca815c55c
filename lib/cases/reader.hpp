#pragma once

#include "cases/fields.hpp"
#include "cases/mapfile.hpp"
#include "cases/pii.hpp"
#include "cases/records.hpp"
#include "cases/source.hpp"
#include "cases/stream.hpp"
#include "util/json.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace duty::cases {

struct ReaderOptions
{
  Kind kind = Kind::orders;
  Encoding encoding = Encoding::detect;
  std::optional<Format> format;
  const MapSpec* map = nullptr;
  const PiiHasher* pii = nullptr; // nullptr and !keep_personal: personal values are dropped
  bool keep_personal = false;
  std::string sheet; // workbooks: the sheet by name or number; empty: find it
  // Projection, for readers that need only some fields (replay): when not
  // empty, canonical fields whose entry is false are neither typed nor
  // checked (a required field is always read), and with `extras` false the
  // unmapped columns are not collected.
  std::vector<bool> only;
  bool extras = true;
};

// Something odd about a row that is not an error: it is stored and listed.
struct Anomaly
{
  std::string kind;   // closed-before-received, closed-without-time, duplicate-id
  std::string detail;
};

// One typed row, ready for the store.
struct Row
{
  uint64_t line = 0;
  std::vector<std::string> values; // per canonical field, in stored form
  std::vector<uint8_t> has;        // 1 where values[i] is set (else NULL)
  std::string dims;                // JSON object of dimension values, or ""
  std::string extra;               // JSON object of unmapped columns, or ""
  std::string error;               // non-empty: a bad row, with the reason
  std::string error_column;        // header of the offending column
  uint64_t error_line = 0;         // where in the row the problem is, when known
  uint64_t error_col = 0;
  size_t error_index = size_t(-1); // the column in the record (workbooks: for where())
  std::vector<Anomaly> anomalies;
  std::string rejected; // for --skip-bad: file, line, reason and the non-personal fields

  bool ok() const { return error.empty(); }
};

// Reads one export (orders or events) row by row: decodes, tokenises (a
// RecordReader), maps headers to canonical fields, translates values a map
// names, types the values and hashes personal data. Personal data never
// reaches a message: values of personal columns, and values that look like
// phone or ID numbers, are shown as "(a personal value)". Text exports and
// workbook sheets alike: records come from a RecordSource (cases/source.hpp).
class CaseReader
{
public:
  // Throws IoError when the file cannot be opened, InputError when the
  // header is broken or lacks a required field, UsageError when the map
  // names a header the file does not have.
  CaseReader(const std::string& path, const ReaderOptions& options);

  // The next row (good or bad); false at the end. JSON Lines: throws
  // UsageError at the end when the map named a key no line had.
  bool next(Row& row);

  // A JSON line describing a rejected row for --skip-bad: file, line,
  // column, reason and the non-personal fields (none when the field count
  // was wrong: values that cannot be matched to headers are never written).
  std::string rejected_json(const Row& row) const;

  // How messages name the input: "orders.csv", "工单.xlsx[工单明细]".
  const std::string& path() const { return m_source->name(); }
  // Where a bad row's value is in a workbook: "工单.xlsx[工单明细]!H12".
  std::string locate(const Row& row) const { return m_source->where(row.line, row.error_index); }
  Encoding encoding() const { return m_source->encoding(); }
  Format format() const { return m_source->format(); }
  std::string content_hash() { return m_source->content_hash(); }
  // Whether the input has a column for canonical field `f` (JSON Lines: always).
  bool has_field(size_t f) const;
  // True when personal values were present but dropped for want of a key.
  bool dropped_personal() const { return m_dropped_personal; }
  // Unmapped columns where values that look like phone or ID numbers were
  // found (and hashed, or dropped without a key), with how many: by header,
  // or "column N" when the header itself looks like such a number.
  const std::map<std::string, uint64_t>& flagged() const { return m_flagged; }

private:
  struct Column
  {
    enum class Role { field, category_part, dimension, extra } role = Role::extra;
    size_t index = 0;       // field index or category level
    bool personal = false;
    bool phone = false;
    bool translated = false; // the map translates this field's values
    bool matched = false;    // the header named a field, a category level or a dimension
    std::string header;      // as written
    std::string key;         // as shown and stored: the header, or "column N" if it looks personal
    std::string dimension;
  };
  // Header planning.
  void plan_columns();
  Column plan_column(size_t c, bool& have_category_field);
  bool header_is_plausible() const;
  const std::string& shown_header(size_t c) const;
  void check_required() const;
  void check_map_headers(bool at_end) const;
  // Row phases.
  void begin_row(Row& row);
  void read_cells(Row& row);
  void read_field(Row& row, const Column& col, std::string_view v);
  void read_extra(const Column& col, std::string_view v, util::JsonWriter& out, bool& any);
  void join_category(Row& row);
  void check_required_values(Row& row) const;
  void flag_anomalies(Row& row) const;
  std::optional<std::string> mask(const Column& col, std::string_view value);

  ReaderOptions m_opt;
  std::unique_ptr<RecordSource> m_source;
  std::vector<Column> m_columns;
  std::vector<size_t> m_field_column; // per field: column or npos
  std::unordered_map<std::string, size_t> m_alias; // normalised header → field
  std::vector<uint8_t> m_map_header_seen;           // JSON Lines: per map header
  Record m_rec;
  TimeSpec m_time;
  bool m_dropped_personal = false;
  bool m_have_category_field = false;
  std::map<std::string, uint64_t> m_flagged;
  std::string m_parts[3]; // category levels of the current row
};

} // namespace duty::cases
