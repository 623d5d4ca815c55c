// libFuzzer target: the case-log reader (CSV, TSV, JSON Lines) with every
// encoding, through its public interface only: CaseReader(path, options) and
// next(row). The first input byte picks the options; the rest is either the
// file itself (raw mode) or rows that the harness writes under a fixed header
// whose personal columns (来电人, 来电人电话, and 举报人地址 marked personal by a
// map) always hold sentinel values (sentinel mode). In sentinel mode the next
// byte says whether the reader is told the encoding or must detect it (from a
// byte-order mark, or the bytes), and whether the map also translates values.
// Invariants: no exception but InputError, UsageError or IoError; rows are
// well formed; in sentinel mode no sentinel ever appears in a row, a
// rejected-row record, a flagged column or an error message — personal data
// is never written raw, whatever the row.
#include "cases/reader.hpp"
#include "fuzz/invariant.hpp"
#include "fuzz/mem_file.hpp"
#include "util/error.hpp"

#include <cstdint>
#include <iconv.h>
#include <string>
#include <vector>

using namespace duty;
using duty::fuzz::require;

namespace {

// Encodings by name, so that the target follows the reader's list as it grows.
constexpr const char* kEncodings[] = {"auto",     "utf-8",    "gb18030",  "utf-16le",
                                      "utf-16be", "utf-32le", "utf-32be", "gbk"};
constexpr const char* kFormats[] = {"", "csv", "tsv", "jsonl"};

// Every sentinel holds "SENTINEL" or the phone's digits; cells of the fuzz
// input never do (clean_cell), so any occurrence in the output is a leak.
constexpr std::string_view kMark = "SENTINEL";
constexpr std::string_view kCaller = "SENTINEL-CALLER-张三";
constexpr std::string_view kPhone = "139-1234-5678";
constexpr std::string_view kPhoneDigits = "13912345678";
constexpr std::string_view kAddress = "SENTINEL-ADDRESS-某村3号院";

// UTF-8 to `to` (an iconv name); nullopt when the text does not convert.
std::optional<std::string>
encode(const std::string& utf8, const char* to)
{
  iconv_t cd = iconv_open(to, "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1))
    return std::nullopt;
  std::string in = utf8, out(utf8.size() * 4 + 16, '\0');
  char* ip = in.data();
  char* op = out.data();
  size_t il = in.size(), ol = out.size();
  size_t r = iconv(cd, &ip, &il, &op, &ol);
  iconv_close(cd);
  if (r == static_cast<size_t>(-1))
    return std::nullopt;
  out.resize(out.size() - ol);
  return out;
}

std::string
clean_cell(std::string_view s)
{
  std::string out;
  for (char c : s)
    if (c != ',' && c != '\t' && c != '"' && c != '\n' && c != '\r' && c != '\\')
      out += c;
  for (bool changed = true; changed;) {
    changed = false;
    for (auto sentinel : {kMark, kPhone, kPhoneDigits})
      for (size_t at; (at = out.find(sentinel)) != std::string::npos; changed = true)
        out.erase(at, sentinel.size());
  }
  return out;
}

std::string
json_string(std::string_view s)
{
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

// Rows under a fixed header whose personal columns hold the sentinels.
std::string
sentinel_file(std::string_view spec, cases::Kind kind, const char* format)
{
  std::vector<std::string> header =
      kind == cases::Kind::orders
          ? std::vector<std::string>{"工单编号", "来电人",   "来电人电话",  "举报人地址",
                                     "诉求内容", "来电时间", "被反映街乡镇"}
          : std::vector<std::string>{"工单编号", "来电人电话", "举报人地址", "时间", "事件", "单位"};
  std::string_view fmt = format;
  bool jsonl = fmt == "jsonl";
  char sep = fmt == "tsv" ? '\t' : ',';
  std::string out;
  if (!jsonl) {
    for (size_t i = 0; i < header.size(); ++i)
      out += (i ? std::string(1, sep) : "") + header[i];
    out += '\n';
  }
  size_t rows = 0;
  for (size_t start = 0; start <= spec.size() && rows < 200; ++rows) {
    size_t end = std::min(spec.find('\n', start), spec.size());
    std::string_view row = spec.substr(start, end - start);
    start = end + 1;
    std::vector<std::string> cells;
    for (size_t a = 0; a <= row.size();) {
      size_t b = std::min(row.find('|', a), row.size());
      cells.push_back(clean_cell(row.substr(a, b - a)));
      a = b + 1;
    }
    // Personal columns always get their sentinel, even in a row with too few or too many cells.
    std::vector<std::string> line{cells[0]};
    if (kind == cases::Kind::orders)
      line.push_back(std::string(kCaller));
    line.push_back(std::string(kPhone));
    line.push_back(std::string(kAddress));
    line.insert(line.end(), cells.begin() + 1, cells.end());
    if (jsonl) {
      out += "{";
      for (size_t i = 0; i < line.size(); ++i)
        out += (i ? "," : "") + json_string(i < header.size() ? header[i] : "extra" + std::to_string(i)) +
               ":" + json_string(line[i]);
      out += "}\n";
    } else {
      for (size_t i = 0; i < line.size(); ++i)
        out += (i ? std::string(1, sep) : "") + line[i];
      out += '\n';
    }
  }
  return out;
}

bool
leaks(std::string_view s)
{
  return s.find(kMark) != std::string_view::npos || s.find(kPhone) != std::string_view::npos ||
         s.find(kPhoneDigits) != std::string_view::npos;
}

void
check_row(const cases::Row& row, const cases::CaseReader& reader, bool sentinels)
{
  require(row.values.size() == row.has.size(), "a row's values and has differ in size");
  if (!sentinels)
    return;
  auto where = [&](const char* what) { return std::string("personal data written raw in a row's ") + what; };
  for (const auto& v : row.values)
    require(!leaks(v), where("values"));
  require(!leaks(row.dims), where("dims"));
  require(!leaks(row.extra), where("extra columns: ") + row.extra);
  require(!leaks(row.error), where("error: ") + row.error);
  for (const auto& a : row.anomalies)
    require(!leaks(a.detail), where("anomaly: ") + a.detail);
  require(!leaks(row.rejected), where("rejected record: ") + row.rejected);
  std::string rejected = reader.rejected_json(row);
  require(!leaks(rejected), where("rejected JSON: ") + rejected);
  for (const auto& [column, n] : reader.flagged())
    require(!leaks(column), where("flagged column: ") + column);
}

// The byte-order mark of an encoding, as an export may start with it.
std::string_view
bom(std::string_view name)
{
  if (name == "utf-8")
    return "\xEF\xBB\xBF";
  if (name == "utf-16le")
    return "\xFF\xFE";
  if (name == "utf-16be")
    return "\xFE\xFF";
  if (name == "utf-32le")
    return std::string_view("\xFF\xFE\0\0", 4);
  if (name == "utf-32be")
    return std::string_view("\0\0\xFE\xFF", 4);
  return "";
}

// A map that marks 举报人地址 personal and, when `translate`, translates the values of 事件.
cases::MapSpec
sentinel_map(bool translate)
{
  cases::MapSpec map;
  map.path = "fuzz.map.yaml";
  map.personal.push_back({"举报人地址", {}});
  if (!translate)
    return map;
  cases::MapSpec::ValueMap events;
  events.field = "event";
  events.to[cases::normalize_header("dispatch")] = "派单";
  events.to[cases::normalize_header("a")] = "签收";
  events.fallback = "办结";
  map.values.push_back(std::move(events));
  return map;
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  if (size < 1 || size > 64 * 1024)
    return 0;
  uint8_t mode = data[0];
  const char* format = kFormats[mode & 3];
  const char* encoding = kEncodings[(mode >> 2) & 7];
  bool sentinels = mode & 0x40;
  cases::Kind kind = mode & 0x20 ? cases::Kind::events : cases::Kind::orders;
  auto enc = cases::parse_encoding(encoding);
  if (!enc)
    return 0; // an encoding this build's reader does not know
  std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);

  std::string bytes(body);
  cases::MapSpec map;
  bool translate = false;
  if (sentinels) {
    if (body.empty())
      return 0;
    // Written in the named encoding ("auto": UTF-8); the reader is told it,
    // or detects it from a byte-order mark or the bytes themselves.
    bool detect = body[0] & 1, with_bom = body[0] & 2;
    translate = body[0] & 4;
    body.remove_prefix(1);
    if (!*format)
      format = "csv";
    std::string text = sentinel_file(body, kind, format);
    std::string name = encoding == std::string_view("auto") ? "utf-8" : encoding;
    std::optional<std::string> encoded = text;
    if (name.starts_with("utf-16") || name.starts_with("utf-32"))
      encoded = encode(text, name.c_str());
    else if (name != "utf-8")
      encoded = encode(text, "GB18030");
    if (!encoded)
      return 0;
    bytes = *encoded;
    if (with_bom || (detect && (name.starts_with("utf-16") || name.starts_with("utf-32"))))
      bytes.insert(0, bom(name));
    if (detect)
      enc = cases::Encoding::detect;
    map = sentinel_map(translate);
  }

  cases::PiiHasher hasher("fuzz-pii-key-0123456789abcdef");
  cases::ReaderOptions options;
  options.kind = kind;
  options.encoding = *enc;
  if (*format)
    options.format = cases::parse_format(format);
  options.pii = mode & 0x80 ? &hasher : nullptr;
  if (sentinels)
    options.map = &map;

  fuzz::MemFile file(bytes);
  try {
    cases::CaseReader reader(file.path(), options);
    cases::Row row;
    for (size_t n = 0; n < 100000 && reader.next(row); ++n)
      check_row(row, reader, sentinels);
  } catch (const InputError& e) {
    require(!sentinels || !leaks(e.what()), std::string("personal data in an error message: ") + e.what());
  } catch (const UsageError& e) {
    require(!sentinels || !leaks(e.what()), std::string("personal data in an error message: ") + e.what());
  } catch (const IoError& e) {
    require(!sentinels || !leaks(e.what()), std::string("personal data in an error message: ") + e.what());
  }
  return 0;
}
