#include "diag/rules.hpp"
#include "util/json.hpp"
#include "output/report.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <map>

namespace duty::output {

using util::JsonWriter;

namespace {

// Path bytes outside the unreserved set percent-encoded (Chinese file names included).
std::string
percent_encode(std::string_view path)
{
  std::string out;
  for (unsigned char c : path) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
        c == '-' || c == '_' || c == '.' || c == '~' || c == '/')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

// Where a file is, for an artifactLocation: a URI relative to %SRCROOT% (the
// directory duty ran in) when the file lies under it, else an absolute file:
// URI with no base id — a base id with an absolute path is invalid SARIF, and
// "../" would climb out of the checkout code scanning maps %SRCROOT% to.
struct Uri
{
  std::string uri;
  bool relative = true;
};

Uri
to_uri(std::string_view file)
{
  namespace fs = std::filesystem;
  if (file.empty() || file.front() == '<') // <stdin>: no file, but a result needs a place
    return {percent_encode(file), true};
  fs::path p(file);
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  fs::path abs = (p.is_absolute() || ec ? p : cwd / p).lexically_normal();
  if (!ec) {
    fs::path rel = abs.lexically_relative(cwd);
    if (!rel.empty() && *rel.begin() != "..")
      return {percent_encode(rel.generic_string()), true};
  }
  if (!abs.is_absolute())
    return {percent_encode(abs.generic_string()), true};
  return {"file://" + percent_encode(abs.generic_string()), false};
}

const char*
level(diag::Severity s)
{
  switch (s) {
  case diag::Severity::error: return "error";
  case diag::Severity::warning: return "warning";
  case diag::Severity::note: return "note";
  }
  return "error";
}

uint64_t
fnv1a(std::string_view s, uint64_t h = 1469598103934665603ULL)
{
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

void
write_physical(JsonWriter& w, const diag::Location& l)
{
  w.key("physicalLocation").begin_object();
  w.key("artifactLocation").begin_object();
  Uri uri = to_uri(l.file);
  w.key("uri").value(uri.uri);
  if (uri.relative)
    w.key("uriBaseId").value("%SRCROOT%");
  w.end_object();
  // Code scanning drops a result without a region: a file that could not be
  // read at all (line 0) is placed at its start.
  w.key("region").begin_object().key("startLine").value(l.line > 0 ? l.line : 1);
  if (l.line > 0 && l.column > 0) {
    w.key("startColumn").value(l.column);
    w.key("endColumn").value(l.end_column > l.column ? l.end_column : l.column + 1);
  }
  w.end_object();
  w.end_object();
}

} // namespace

std::string
format_sarif(const std::vector<diag::Diagnostic>& diags, const ReportContext& ctx)
{
  auto rules = diag::all_rules();
  std::map<std::string_view, size_t> index;
  for (size_t i = 0; i < rules.size(); ++i)
    index[rules[i].id] = i;

  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("$schema").value("https://json.schemastore.org/sarif-2.1.0.json");
  w.key("version").value("2.1.0");
  w.key("runs").begin_array().begin_object();
  w.key("tool").begin_object().key("driver").begin_object();
  w.key("name").value("duty");
  w.key("version").value(DUTY_VERSION);
  w.key("semanticVersion").value(DUTY_VERSION);
  w.key("informationUri").value(DUTY_INFORMATION_URI);
  w.key("rules").begin_array();
  for (const auto& r : rules) {
    w.begin_object();
    w.key("id").value(r.id);
    w.key("name").value(r.id);
    w.key("shortDescription").begin_object().key("text").value(r.summary).end_object();
    w.key("fullDescription").begin_object().key("text").value(r.summary).end_object();
    w.key("help").begin_object().key("text").value(r.help).end_object();
    w.key("defaultConfiguration").begin_object().key("level").value(level(r.severity)).end_object();
    w.end_object();
  }
  w.end_array().end_object().end_object();
  w.key("columnKind").value("unicodeCodePoints");
  w.key("originalUriBaseIds").begin_object().key("%SRCROOT%").begin_object();
  w.key("description").begin_object().key("text").value("The directory duty was run from.");
  w.end_object().end_object().end_object();

  std::map<uint64_t, int> seen; // fingerprint occurrences
  w.key("results").begin_array();
  for (const auto& d : diags) {
    w.begin_object();
    w.key("ruleId").value(d.rule);
    if (auto it = index.find(d.rule); it != index.end())
      w.key("ruleIndex").value(it->second);
    w.key("level").value(level(d.severity));
    std::string msg = d.message;
    if (!d.hint.empty())
      msg += " (hint: " + d.hint + ")";
    w.key("message").begin_object().key("text").value(msg).end_object();
    w.key("locations").begin_array().begin_object();
    write_physical(w, d.location);
    w.end_object().end_array();
    if (!d.related.empty()) {
      w.key("relatedLocations").begin_array();
      for (size_t i = 0; i < d.related.size(); ++i) {
        w.begin_object().key("id").value(i + 1);
        write_physical(w, d.related[i].location);
        w.key("message").begin_object().key("text").value(d.related[i].message).end_object();
        w.end_object();
      }
      w.end_array();
    }
    // Stable across line moves: rule, file, the trimmed source line and message.
    uint64_t h = fnv1a(d.message, fnv1a(d.location.source, fnv1a(to_uri(d.location.file).uri, fnv1a(d.rule))));
    int n = ++seen[h];
    w.key("partialFingerprints").begin_object();
    w.key("primaryLocationLineHash").value(fmt::format("{:016x}:{}", h, n));
    w.end_object();
    if (!d.baseline.empty())
      w.key("baselineState").value(d.baseline);
    if (d.suppressed) {
      w.key("suppressions").begin_array().begin_object();
      w.key("kind").value("inSource").key("justification").value(d.suppression_reason);
      w.end_object().end_array();
    }
    w.end_object();
  }
  w.end_array();
  (void)ctx;
  w.end_object().end_array().end_object();
  out += '\n';
  return out;
}

} // namespace duty::output
