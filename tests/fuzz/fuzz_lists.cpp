// libFuzzer target: the list loader, through what `duty validate` and `duty
// audit` do, into every output format. The input is one list file, or several
// separated by lines "#--- file" (so that cross-file checks and the audit see
// a set). Invariants: every finding has a known rule and a location inside its
// file; loading is deterministic; text output is valid UTF-8 and passes no
// terminal control from the data through; json and sarif are one valid JSON
// value; github output is one workflow command per line. A set that loads
// without errors also goes through `duty audit --matrix` in each of its
// formats (text, csv, md: UTF-8 and no terminal controls; json: valid JSON).
#include "audit/audit.hpp"
#include "audit/matrix.hpp"
#include "diag/rules.hpp"
#include "fuzz/invariant.hpp"
#include "fuzz/json_check.hpp"
#include "lists/check.hpp"
#include "lists/index.hpp"
#include "lists/load.hpp"
#include "output/report.hpp"
#include "output/tables.hpp"
#include "resolve/resolver.hpp"
#include "util/date.hpp"
#include "util/text.hpp"

#include <cstdint>
#include <fmt/format.h>
#include <string>
#include <vector>

using namespace duty;
using duty::fuzz::require;

namespace {

std::vector<std::string_view>
split_files(std::string_view in)
{
  std::vector<std::string_view> parts;
  for (;;) {
    size_t at = in.find("\n#--- file");
    if (at == std::string_view::npos || parts.size() == 15) {
      parts.push_back(in);
      return parts;
    }
    parts.push_back(in.substr(0, at + 1));
    size_t eol = in.find('\n', at + 1);
    in = eol == std::string_view::npos ? std::string_view() : in.substr(eol + 1);
  }
}

lists::LoadResult
load(const std::vector<std::string_view>& parts)
{
  lists::LoadResult r;
  for (size_t i = 0; i < parts.size(); ++i)
    lists::load_text(r, "f" + std::to_string(i) + ".yaml", std::string(parts[i]));
  return r;
}

std::string
fingerprint(const std::vector<diag::Diagnostic>& diags)
{
  std::string out;
  for (const auto& d : diags)
    out += d.location.file + ":" + std::to_string(d.location.line) + ":" + std::to_string(d.location.column) +
           " " + d.rule + " " + d.message + "\n";
  return out;
}

void
check_findings(const std::vector<diag::Diagnostic>& diags, const lists::ListSet& set)
{
  for (const auto& d : diags) {
    require(diag::find_rule(d.rule) != nullptr, "a finding with an unknown rule: " + d.rule);
    require(!d.message.empty(), "a finding without a message, rule " + d.rule);
    require(util::find_invalid_utf8(d.message) == std::string::npos, "a message is not UTF-8: " + d.rule);
    const lists::SourceFile* file = nullptr;
    for (const auto& f : set.files)
      if (f.path == d.location.file)
        file = &f;
    if (!file)
      continue;
    require(d.location.line >= 0 && static_cast<size_t>(d.location.line) <= file->line_starts.size(),
            "a finding beyond the end of its file: " + d.rule + " " + d.message);
    require(d.location.column >= 0, "a negative column");
    if (d.location.line > 0 && d.location.column > 0)
      require(static_cast<size_t>(d.location.column) <= util::count_code_points(d.location.source) + 1,
              "a column beyond the end of its line: " + d.rule + " " + d.message + " at column " +
                  std::to_string(d.location.column) + " of \"" + d.location.source + "\"");
  }
}

// Text for a terminal: UTF-8, and no control character but line breaks
// (CSV's are CRLF, as RFC 4180 has them).
void
check_printable(std::string_view out, const std::string& what, bool crlf = false)
{
  require(util::find_invalid_utf8(out) == std::string::npos, what + " is not UTF-8");
  for (size_t i = 0; i < out.size();) {
    bool line_break = out[i] == '\n' || (crlf && out.substr(i, 2) == "\r\n");
    char32_t c = util::decode_utf8(out, i);
    require(line_break || !util::is_terminal_control(c),
            what + ": a terminal control U+" + fmt::format("{:04X}", uint32_t(c)) + " passes through");
  }
}

void
check_matrix(const lists::LoadResult& r, const lists::Index& index, util::Date as_of)
{
  resolve::Resolver resolver(r.set, index);
  auto rows = audit::coverage_matrix(resolver, as_of);
  std::string why;
  for (auto f : {output::Format::text, output::Format::csv, output::Format::md})
    check_printable(output::render_matrix(rows, f), "matrix output as " + std::string(output::format_name(f)),
                    f == output::Format::csv);
  std::string json = output::render_matrix(rows, output::Format::json);
  require(fuzz::JsonCheck::valid(json, why), "matrix output as json: " + why);
}

void
check_outputs(const std::vector<diag::Diagnostic>& diags, const lists::LoadResult& r, const char* command)
{
  output::ReportContext ctx;
  ctx.command = command;
  ctx.files = r.set.files.size();
  ctx.items = r.set.item_count();
  std::string why;
  check_printable(output::format_text(diags, ctx), "text output");
  std::string json = output::format_json(diags, ctx);
  require(fuzz::JsonCheck::valid(json, why), std::string("json output: ") + why);
  std::string sarif = output::format_sarif(diags, ctx);
  require(fuzz::JsonCheck::valid(sarif, why), std::string("sarif output: ") + why);
  require(sarif.find("\"2.1.0\"") != std::string::npos, "sarif output lacks its version");
  std::string github = output::format_github(diags, ctx);
  for (auto line : util::split(github, '\n')) {
    if (line.empty())
      continue;
    bool command_line = line.starts_with("::error ") || line.starts_with("::warning ") ||
                        line.starts_with("::notice ") || line.starts_with("::error::") ||
                        line.starts_with("::warning::") || line.starts_with("::notice::");
    // A summary line may follow the commands; it must not look like one.
    require(command_line || !line.starts_with("::"), "github output: a malformed command line");
    require(line.find('\r') == std::string_view::npos, "github output: a raw carriage return");
  }
  check_printable(github, "github output");
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  if (size > 256 * 1024)
    return 0;
  auto parts = split_files(std::string_view(reinterpret_cast<const char*>(data), size));

  // validate
  lists::LoadResult r = load(parts);
  lists::Index index(r.set);
  std::vector<diag::Diagnostic> diags = r.diags;
  auto more = lists::check_list_set(r.set, index);
  diags.insert(diags.end(), more.begin(), more.end());
  diag::sort_diagnostics(diags);
  check_findings(diags, r.set);
  if (size <= 16 * 1024) { // loading twice doubles the cost: small inputs suffice
    lists::LoadResult again = load(parts);
    std::vector<diag::Diagnostic> d2 = again.diags;
    lists::Index index2(again.set);
    auto more2 = lists::check_list_set(again.set, index2);
    d2.insert(d2.end(), more2.begin(), more2.end());
    diag::sort_diagnostics(d2);
    require(fingerprint(d2) == fingerprint(diags), "validate is not deterministic");
  }
  check_outputs(diags, r, "validate");

  // audit --matrix, as duty audit runs it: only on a set without errors
  audit::Options options{util::Date::from_ymd(2025, 3, 1)};
  if (diag::count(diags).errors == 0 && size <= 64 * 1024)
    check_matrix(r, index, options.as_of);

  // audit, as duty audit runs it: on whatever loaded, errors or not
  auto found = audit::run_audit(r.set, index, options);
  diags.insert(diags.end(), found.begin(), found.end());
  audit::apply_suppressions(r.set, diags);
  diag::sort_diagnostics(diags);
  check_findings(diags, r.set);
  check_outputs(diags, r, "audit");
  return 0;
}
