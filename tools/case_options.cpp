#include "case_options.hpp"

#include "util/error.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace duty::tools {

std::vector<CLI::Option*>
ReadingOptions::add_to(CLI::App& app, const std::string& map_help)
{
  return {
    app.add_option("--map", map_path, map_help)->type_name("FILE"),
    app.add_option("--encoding", encoding, "auto, utf-8, gbk/gb18030, utf-16le, utf-16be, "
                                           "utf-32le or utf-32be (default: auto, else the map's)")
      ->type_name("ENCODING:{auto,utf-8,gbk,gb18030,utf-16le,utf-16be,utf-32le,utf-32be}"),
    app.add_option("--input-format", input_format, "csv, tsv or jsonl (default: from the "
                                                   "extension, else sniffed); workbooks are "
                                                   "always recognised by their bytes")
      ->type_name("FORMAT:{csv,tsv,jsonl}"),
    app.add_option("--sheet", sheet, "Workbooks: the sheet to read, by name or number from 1 "
                                     "(default: the first whose header names the fields)")
      ->type_name("SHEET"),
  };
}

void
ReadingOptions::apply(std::optional<cases::MapSpec>& map, cases::ReaderOptions& r) const
{
  if (!map_path.empty()) {
    map = cases::load_map(map_path);
    r.map = &*map;
  }
  std::string enc = !encoding.empty() ? encoding : map ? map->encoding : std::string();
  auto e = cases::parse_encoding(enc);
  if (!e)
    throw UsageError("unknown encoding " + util::quote(enc) + " (auto, utf-8, gbk, gb18030, "
                     "utf-16le, utf-16be, utf-32le, utf-32be)");
  r.encoding = *e;
  if (!input_format.empty()) {
    auto f = cases::parse_format(input_format);
    if (!f)
      throw UsageError("unknown input format " + util::quote(input_format)
                       + " (csv, tsv, jsonl)");
    r.format = *f;
  }
  r.sheet = sheet;
}

void
ReadingOptions::apply_events(const std::string& events_map_path, std::optional<cases::MapSpec>& events_map,
                             const cases::ReaderOptions& orders, cases::ReaderOptions& events)
{
  events.encoding = orders.encoding;
  events.format = orders.format;
  if (!events_map_path.empty()) {
    events_map = cases::load_map(events_map_path);
    events.map = &*events_map;
  }
}

void
CaseOptions::add_to(CLI::App& app)
{
  m_options = {app.add_flag("--events", events, "Inputs are event logs (派单, 签收, 退单, 吹哨, 报到 …), "
                                                "not orders")};
  for (CLI::Option* o : reading.add_to(app))
    m_options.push_back(o);
  m_options.push_back(app.add_option("--skip-bad", skip_bad,
                                     "Write rejected rows with their reasons to FILE (JSON Lines) and go on")
                        ->type_name("FILE"));
  m_options.push_back(
    app.add_option("--pii-key-file", key_file, "Key for hashing personal data (wins over $DUTY_PII_KEY)")
      ->type_name("FILE"));
  m_options.push_back(
    app.add_flag("--keep-personal", keep_personal, "Store caller, phone and personal columns as they are"));
}

std::vector<std::string>
CaseOptions::given() const
{
  std::vector<std::string> out;
  for (const auto* o : m_options)
    if (o->count() > 0)
      out.push_back(o->get_name());
  return out;
}

void
CaseOptions::resolve(store::IngestOptions& out)
{
  auto& r = out.reader;
  r.kind = events ? cases::Kind::events : cases::Kind::orders;
  reading.apply(map, r);
  r.keep_personal = keep_personal;
  if (keep_personal && !key_file.empty())
    throw UsageError("--keep-personal stores personal values unhashed: --pii-key-file would be "
                     "ignored; give one of them");
  if (!keep_personal) {
    if (auto key = cases::pii_key(key_file)) {
      pii = std::make_unique<cases::PiiHasher>(*key);
      r.pii = pii.get();
    }
  }
  out.skip_bad = skip_bad;
}

std::string
describe_problems(const store::IngestSummary& s)
{
  std::string out;
  if (!s.anomaly_counts.empty()) {
    out += "anomalies (stored in table anomalies):";
    for (const auto& [kind, n] : s.anomaly_counts)
      out += fmt::format(" {} {}", n, kind);
    out += "\n";
    for (const auto& a : s.anomalies)
      out += fmt::format("  {}:{}: {} {}: {}\n", a.file, a.line, a.kind, util::quote(a.id),
                         a.detail);
    uint64_t total = 0;
    for (const auto& [kind, n] : s.anomaly_counts)
      total += n;
    if (total > s.anomalies.size())
      out += fmt::format("  … {} more: SELECT * FROM anomalies\n", total - s.anomalies.size());
  }
  if (!s.unresolved.empty()) {
    std::vector<std::pair<std::pair<std::string, std::string>, uint64_t>> v(s.unresolved.begin(),
                                                                             s.unresolved.end());
    std::stable_sort(v.begin(), v.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    uint64_t total = 0;
    for (const auto& e : v)
      total += e.second;
    out += fmt::format("unresolved names against the lists: {} distinct, {} rows "
                       "(stored in table unresolved):\n",
                       v.size(), total);
    size_t shown = 0;
    for (const auto& [key, n] : v) {
      if (shown++ == 20) {
        out += fmt::format("  … and {} more\n", v.size() - 20);
        break;
      }
      out += fmt::format("  {:<9} {}  {} row{}\n", key.first, util::quote(key.second), n,
                         n == 1 ? "" : "s");
    }
  }
  if (!s.flagged.empty()) {
    uint64_t total = 0;
    std::string columns;
    for (const auto& [column, n] : s.flagged) {
      total += n;
      columns += fmt::format("{}{} ({})", columns.empty() ? "" : ", ", util::quote(column), n);
    }
    out += fmt::format("note: {} value{} that look{} like phone or ID numbers in unmapped "
                       "columns {} treated as personal data (hashed, or dropped without a key): "
                       "{}; list such columns under personal: in a --map file\n",
                       total, total == 1 ? "" : "s", total == 1 ? "s" : "",
                       total == 1 ? "was" : "were", columns);
  }
  if (s.dropped_personal)
    out += "note: personal values were not stored: set DUTY_PII_KEY or --pii-key-file to keep "
           "them as keyed hashes (or --keep-personal)\n";
  return out;
}

} // namespace duty::tools
