#pragma once

#include "cases/fields.hpp"
#include "cases/mapfile.hpp"
#include "cases/pii.hpp"
#include "cases/records.hpp"
#include "cases/stream.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
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
  std::vector<Anomaly> anomalies;
  std::string rejected; // for --skip-bad: the row as JSON, personal values masked

  bool ok() const { return error.empty(); }
};

// Reads one export (orders or events) row by row: decodes, tokenises, maps
// headers to canonical fields, types the values and hashes personal data.
class CaseReader
{
public:
  // Throws UsageError when the file cannot be opened, InputError when the
  // header lacks a required field.
  CaseReader(const std::string& path, const ReaderOptions& options);

  bool next(Row& row);

  // A JSON line describing a rejected row for --skip-bad, personal values masked.
  std::string rejected_json(const Row& row) const;

  const std::string& path() const { return m_stream.path(); }
  Encoding encoding() const { return m_stream.encoding(); }
  Format format() const { return m_records.format(); }
  std::string content_hash() { return m_stream.content_hash(); }
  // Whether the input has a column for canonical field `f` (JSON Lines: always).
  bool has_field(size_t f) const;
  // True when personal values were present but dropped for want of a key.
  bool dropped_personal() const { return m_dropped_personal; }

private:
  struct Column
  {
    enum class Role { field, category_part, dimension, extra } role = Role::extra;
    size_t index = 0;       // field index or category level
    bool personal = false;
    bool phone = false;
    std::string header;     // as written
    std::string dimension;
  };
  void plan_columns();
  void check_required() const;
  std::string mask(const Column& col, std::string_view value) const;

  ReaderOptions m_opt;
  TextStream m_stream;
  RecordReader m_records;
  std::vector<Column> m_columns;
  std::vector<size_t> m_field_column; // per field: column or npos
  Record m_rec;
  TimeSpec m_time;
  bool m_dropped_personal = false;
};

} // namespace duty::cases
