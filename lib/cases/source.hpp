#pragma once

// Where a case reader's records come from: a text export (CSV, TSV, JSON
// Lines) or a sheet of a workbook (.xlsx, .xls). The file's first bytes
// decide which, whatever its name; the reader above sees a header and
// records either way.
#include "cases/records.hpp"
#include "cases/stream.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace duty::cases {

struct ReaderOptions;

class RecordSource
{
public:
  virtual ~RecordSource() = default;
  virtual const std::vector<std::string>& header() const = 0;
  // The next data record; false at the end of input.
  virtual bool next(Record& rec) = 0;
  virtual Format format() const = 0;
  virtual Encoding encoding() const = 0;
  // How messages name the input: "orders.csv", "工单.xlsx[工单明细]".
  virtual const std::string& name() const = 0;
  // Where a value is: "orders.csv:12", "工单.xlsx[工单明细]!H12"; a column of
  // npos names the record ("工单.xlsx[工单明细]!12:12").
  virtual std::string where(uint64_t line, size_t column) const = 0;
  // SHA-256 of the input's bytes (complete once next() returned false).
  virtual std::string content_hash() = 0;
};

// Whether a file that starts with `head` is a text export (CSV, TSV, JSON
// Lines) by its bytes, not a workbook or a markup table: what a reader that
// only knows text (the rates' fast scan) may take on.
bool is_text_export(std::string_view head);

// Opens `path` ("-": standard input) as a text export or a workbook.
// Throws UsageError when it cannot be opened, InputError when it is a
// damaged or hostile workbook or has no recognisable header.
std::unique_ptr<RecordSource> open_records(const std::string& path, const ReaderOptions& options);

// A workbook sheet as records (cases/workbook_source.cpp). `file` is what to
// read (a spooled copy for standard input), `name` how messages call it.
std::unique_ptr<RecordSource> open_workbook_records(const std::string& file, const std::string& name,
                                                    const ReaderOptions& options);

} // namespace duty::cases
