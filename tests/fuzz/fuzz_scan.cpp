// libFuzzer target: the zero-copy CSV/TSV tokenizer of `duty rates`
// (cases/scan.hpp), against the record reader that `duty ingest` uses
// (cases/records.hpp). The first byte picks the separator, whether the
// scanner checks for UTF-8 byte-order marks, and how many bytes it is fed at
// a time; the rest is the file. Invariants:
//  - fed whole or a few bytes at a time, the scanner finds the same records
//    (fields, line counts, errors and where they are), and consumes every byte;
//  - on UTF-8 text, read as `duty rates` reads an export (header: the first
//    record that is not blank or spaces; a row: its fields, trailing empty fields
//    beyond the header dropped), it finds the same header, the same
//    rows on the same lines, the same values, and the same errors with the
//    same words as the record reader;
//  - `duty rates`' parallel scan of the same file (rates/scan_export.hpp), in
//    one chunk or in several with tiny windows (so that guessed chunk starts
//    fall inside quoted fields), gives the same orders and bad rows, counts
//    every row the record reader reads, reports each row the record reader
//    rejects (a tokenizer error, a wrong field count) with its words and no
//    other row but for a value it cannot type, rejects exactly the rows the
//    case reader of `duty ingest` rejects, and refuses a header exactly when
//    the case reader does (broken, or without an id column).
#include "cases/reader.hpp"
#include "cases/records.hpp"
#include "cases/scan.hpp"
#include "cases/stream.hpp"
#include "fuzz/invariant.hpp"
#include "fuzz/mem_file.hpp"
#include "rates/scan_export.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <cstdint>
#include <fmt/format.h>
#include <map>
#include <string>
#include <vector>

using namespace duty;
using duty::fuzz::require;

namespace {

constexpr size_t kSteps[] = {1, 2, 3, 5, 7, 16, 64, 4096};

// One record as the scanner found it, comparable.
struct Found
{
  std::vector<std::string> fields;
  std::vector<bool> quoted;
  uint32_t lines = 0;
  bool blank = false;
  cases::ScanError error = cases::ScanError::none;
  size_t error_offset = 0, error_field = 0;
  size_t consumed = 0;
  bool operator==(const Found&) const = default;
};

std::string
show(std::string_view s)
{
  return "\"" + util::terminal_safe(s.substr(0, 300)) + "\"";
}

// Every record of `text`, fed `step` bytes at a time (0: all at once).
std::vector<Found>
scan_all(std::string_view text, char sep, bool utf8, size_t step)
{
  cases::CsvScanner scanner(sep, utf8);
  cases::ScanRecord rec;
  std::vector<Found> out;
  size_t pos = 0, avail = step ? std::min(step, text.size()) : text.size();
  std::string buf;
  for (;;) {
    size_t used = 0;
    bool final = avail == text.size();
    auto st = scanner.next(text.data() + pos, text.data() + avail, final, rec, used);
    if (st == cases::CsvScanner::Status::end)
      break;
    if (st == cases::CsvScanner::Status::need_more) {
      require(!final, "the scanner asks for more bytes after the last one");
      avail = std::min(text.size(), avail + step);
      continue;
    }
    require(used > 0 && pos + used <= avail, "the scanner consumed no bytes, or bytes it was not given");
    require(rec.count > 0, "a record without fields");
    Found f;
    for (size_t i = 0; i < rec.count; ++i) {
      f.fields.emplace_back(cases::CsvScanner::value(rec.fields[i], buf));
      f.quoted.push_back(rec.fields[i].quoted);
    }
    f.lines = rec.lines;
    f.blank = rec.blank;
    f.error = rec.error;
    if (rec.error != cases::ScanError::none) {
      f.error_offset = rec.error_offset;
      f.error_field = rec.error_field;
      require(rec.error_offset <= used && rec.error_field < rec.count, "an error located outside its record");
    }
    f.consumed = used;
    pos += used;
    out.push_back(std::move(f));
  }
  require(pos == text.size(), "the scanner stopped before the end of the text");
  return out;
}

// The records the record reader finds (header_refused: it threw on the header).
struct Read
{
  bool header_refused = false;
  std::vector<std::string> header;
  std::vector<cases::Record> rows;
};

Read
read_records(const std::string& bytes, char sep)
{
  Read out;
  fuzz::MemFile file(bytes);
  cases::TextStream in(file.path(), cases::Encoding::utf8);
  try {
    cases::RecordReader reader(in, sep == ',' ? cases::Format::csv : cases::Format::tsv);
    out.header = reader.header();
    cases::Record rec;
    while (reader.next(rec))
      out.rows.push_back(rec);
  } catch (const InputError&) {
    require(out.header.empty() && out.rows.empty(), "the record reader threw InputError after the header");
    out.header_refused = true;
  }
  return out;
}

// The file as `duty rates` reads it with the scanner, compared with `read`.
void
compare(const std::vector<Found>& found, const Read& read, std::string_view text)
{
  size_t i = 0;
  uint64_t line = 1;
  auto spaces = [](const Found& f) { return f.fields.size() == 1 && !f.quoted[0] && util::trim(f.fields[0]).empty(); };
  while (i < found.size() && (found[i].blank || spaces(found[i])))
    line += found[i++].lines;
  if (i == found.size()) {
    require(read.header.empty() && !read.header_refused && read.rows.empty(),
            "the scanner finds no header, the record reader does in " + show(text));
    return;
  }
  const Found& h = found[i++];
  bool refused = h.error != cases::ScanError::none || h.lines > 1;
  require(refused == read.header_refused, std::string("the scanner ") + (refused ? "refuses" : "accepts") +
                                              " the header, the record reader does not, in " + show(text));
  if (refused)
    return;
  require(h.fields == read.header, "the scanner and the record reader read different headers in " + show(text));
  line += h.lines;
  size_t r = 0;
  for (; i < found.size(); line += found[i++].lines) {
    const Found& f = found[i];
    if (f.blank)
      continue;
    require(r < read.rows.size(), "the scanner finds a row on line " + std::to_string(line) +
                                      " that the record reader does not, in " + show(text));
    const cases::Record& rec = read.rows[r++];
    std::string where = " (line " + std::to_string(line) + " of " + show(text) + ")";
    require(rec.line == line, "the record reader puts the row on line " + std::to_string(rec.line) + where);
    if (f.error != cases::ScanError::none) {
      std::string words = cases::scan_error_message(f.error, line);
      require(rec.error == words, "the scanner finds \"" + words + "\", the record reader \"" + rec.error + "\"" +
                                      where);
      continue;
    }
    size_t n = f.fields.size();
    while (n > read.header.size() && f.fields[n - 1].empty())
      --n;
    bool misaligned = n != read.header.size();
    require(misaligned == rec.misaligned, std::string("the scanner finds the row ") +
                                              (misaligned ? "misaligned" : "aligned") + ", the record reader " +
                                              (rec.misaligned ? "misaligned" : "aligned") + where);
    if (misaligned)
      continue;
    require(rec.error.empty(), "the record reader finds \"" + rec.error + "\", the scanner nothing" + where);
    for (size_t c = 0; c < n; ++c)
      require(f.fields[c] == rec.values[c], "column " + std::to_string(c + 1) + ": the scanner reads " +
                                                show(f.fields[c]) + ", the record reader " + show(rec.values[c]) +
                                                where);
  }
  require(r == read.rows.size(), "the record reader finds rows the scanner does not in " + show(text));
}

// Keeps the orders of one chunk as text, to compare runs.
class Keep : public rates::OrderSink
{
public:
  void
  add(const rates::Order& o) override
  {
    seen.push_back(fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", o.id, o.type, o.status, o.unit, o.territory,
                               o.category, o.received, o.closed, int(o.satisfaction), int(o.appeal)));
  }
  std::vector<std::string> seen;
};

struct RatesRun
{
  std::string refused; // the InputError, when the header was refused
  std::vector<std::string> orders, bad;
  uint64_t rows = 0, bad_rows = 0;
  bool operator==(const RatesRun&) const = default;
};

RatesRun
rates_scan(const std::string& path, char sep, unsigned threads, size_t block, size_t sync)
{
  cases::ReaderOptions ro;
  ro.format = sep == ',' ? cases::Format::csv : cases::Format::tsv;
  rates::ScanOptions so;
  so.threads = threads;
  so.block = block;
  so.sync = sync;
  RatesRun run;
  try {
    auto r = rates::scan_export(path, ro, 1000000, so, [] { return std::make_unique<Keep>(); });
    for (auto& sink : r.sinks)
      for (auto& o : static_cast<Keep&>(*sink).seen)
        run.orders.push_back(o);
    run.bad = std::move(r.bad);
    run.rows = r.rows;
    run.bad_rows = r.bad_rows;
  } catch (const InputError& e) {
    run.refused = e.what();
  }
  return run;
}

// The parallel scan of `duty rates`, against itself and against `read`.
void
compare_rates(const std::string& bytes, char sep, uint8_t mode, const Read* read, std::string_view text)
{
  fuzz::MemFile file(bytes);
  RatesRun one = rates_scan(file.path(), sep, 1, 1u << 20, 1u << 20);
  RatesRun many = rates_scan(file.path(), sep, 2 + (mode >> 5) % 3, 64 + (mode >> 5) * 8, 16 + mode % 32);
  require(many == one, "in several chunks, duty rates reads other orders than in one, in " + show(text));
  if (!read)
    return;
  // The case reader refuses what duty rates refuses (a broken header, or
  // one without an id column), and rejects the rows it rejects.
  std::string case_refused;
  std::map<uint64_t, std::string> case_bad;
  try {
    cases::ReaderOptions ro;
    ro.format = sep == ',' ? cases::Format::csv : cases::Format::tsv;
    cases::CaseReader reader(file.path(), ro);
    cases::Row row;
    while (reader.next(row))
      if (!row.ok())
        case_bad[row.line] = row.error;
  } catch (const InputError& e) {
    case_refused = e.what();
  }
  require(one.refused.empty() == case_refused.empty(),
          "duty rates " + (one.refused.empty() ? "accepts the header" : "says \"" + one.refused + "\"") +
              ", the case reader " + (case_refused.empty() ? "accepts it" : "says \"" + case_refused + "\"") +
              ", in " + show(text));
  if (!one.refused.empty())
    return;
  require(!read->header_refused, "duty rates accepts a header the record reader refuses in " + show(text));
  require(one.rows == read->rows.size(), "duty rates counts " + std::to_string(one.rows) + " rows, the record reader " +
                                             std::to_string(read->rows.size()) + ", in " + show(text));
  require(one.bad.size() == one.bad_rows, "duty rates lists fewer bad rows than it counts");
  std::map<uint64_t, std::string> bad;
  for (const auto& b : one.bad) {
    size_t colon = b.find(':', file.path().size() + 1);
    bad[std::stoull(b.substr(file.path().size() + 1, colon - file.path().size() - 1))] = b.substr(colon + 2);
  }
  for (const auto& [line, why] : case_bad)
    require(bad.count(line), "line " + std::to_string(line) + ": the case reader rejects the row (" + why +
                                 "), duty rates does not, in " + show(text));
  for (const auto& [line, why] : bad)
    require(case_bad.count(line), "line " + std::to_string(line) + ": duty rates rejects the row (" + why +
                                      "), the case reader does not, in " + show(text));
  for (const auto& rec : read->rows) {
    auto it = bad.find(rec.line);
    if (rec.error.empty()) {
      // Only a value it cannot type ("column X: …") makes such a row bad.
      require(it == bad.end() || it->second.starts_with("column "),
              "line " + std::to_string(rec.line) + ": duty rates finds \"" + (it == bad.end() ? "" : it->second) +
                  "\", the record reader nothing, in " + show(text));
      continue;
    }
    require(it != bad.end() && it->second == rec.error,
            "line " + std::to_string(rec.line) + ": the record reader finds \"" + rec.error + "\", duty rates " +
                (it == bad.end() ? std::string("nothing") : "\"" + it->second + "\"") + ", in " + show(text));
  }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  if (size < 1 || size > 64 * 1024)
    return 0;
  uint8_t mode = data[0];
  char sep = mode & 1 ? '\t' : ',';
  bool utf8 = !(mode & 2);
  size_t step = kSteps[(mode >> 2) & 7];
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  // `duty rates` skips a leading UTF-8 byte-order mark, as the text stream does.
  std::string_view body = text;
  if (utf8 && body.starts_with("\xEF\xBB\xBF"))
    body.remove_prefix(3);
  auto whole = scan_all(body, sep, utf8, 0);
  require(scan_all(body, sep, utf8, step) == whole,
          "fed " + std::to_string(step) + " bytes at a time, the scanner finds other records in " + show(body));
  std::string bytes(text);
  if (utf8 && util::find_invalid_utf8(body) == std::string_view::npos) {
    Read read = read_records(bytes, sep);
    compare(whole, read, body);
    compare_rates(bytes, sep, mode, &read, body);
  } else {
    compare_rates(bytes, sep, mode, nullptr, body);
  }
  return 0;
}
