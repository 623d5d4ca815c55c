#include "audit/audit.hpp"

#include "diag/rules.hpp"
#include "lists/source.hpp"
#include "util/spell.hpp"
#include "util/text.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <map>

namespace duty::audit {

using namespace lists;

namespace {

// Only the cross-list rules can be waived; a syntax or schema error cannot.
bool
suppressible(std::string_view rule)
{
  return diag::is_audit_rule(rule);
}

std::vector<std::string_view>
suppressible_rules()
{
  std::vector<std::string_view> out;
  for (const auto& r : diag::all_rules())
    if (suppressible(r.id))
      out.push_back(r.id);
  return out;
}

struct Suppression
{
  Loc loc;
  int target_line = 0; // the line it covers
  std::vector<std::string> rules;
  std::string reason;
  bool used = false;
};

// Parses "# duty: allow RULE[, RULE] -- reason" comments. A comment alone on
// its line covers the next line; a trailing comment covers its own line.
std::vector<Suppression>
scan(const ListSet& set, Sink& sink)
{
  std::vector<Suppression> out;
  for (uint32_t f = 0; f < set.files.size(); ++f) {
    const std::string& text = set.files[f].text;
    const auto& starts = set.files[f].line_starts;
    for (size_t pos = text.find("duty:"); pos != std::string::npos; pos = text.find("duty:", pos + 5)) {
      // Find the line and check that "duty:" follows a '#' that starts a comment.
      auto it = std::upper_bound(starts.begin(), starts.end(), pos);
      size_t line = static_cast<size_t>(it - starts.begin());
      size_t begin = starts[line - 1];
      size_t hash = text.rfind('#', pos);
      if (hash == std::string::npos || hash < begin || util::trim(std::string_view(text).substr(hash + 1, pos - hash - 1)) != "")
        continue;
      if (hash > begin && text[hash - 1] != ' ' && text[hash - 1] != '\t')
        continue; // '#' inside a scalar such as a#b is not a comment
      size_t end = text.find('\n', pos);
      std::string_view body = util::trim(std::string_view(text).substr(pos + 5, (end == std::string::npos ? text.size() : end) - pos - 5));
      Loc loc{f, static_cast<uint32_t>(line), static_cast<uint32_t>(hash - begin + 1)};
      bool alone = util::trim(std::string_view(text).substr(begin, hash - begin)).empty();
      if (!body.starts_with("allow")) {
        sink.add(loc, "bad-suppression", "a duty: comment must read \"duty: allow RULE -- reason\"");
        continue;
      }
      body = util::trim(body.substr(5));
      size_t dash = body.find("--");
      Suppression s;
      s.loc = loc;
      s.target_line = static_cast<int>(alone ? line + 1 : line);
      std::string_view names = util::trim(body.substr(0, dash));
      if (dash != std::string_view::npos)
        s.reason = std::string(util::trim(body.substr(dash + 2)));
      bool ok = true;
      for (auto part : util::split(names, ',')) {
        for (auto name : util::split(util::trim(part), ' ')) {
          name = util::trim(name);
          if (name.empty())
            continue;
          if (!suppressible(name)) {
            const bool known = diag::find_rule(name) != nullptr;
            std::string hint = known ? "only the audit's cross-list rules can be waived"
                                     : util::did_you_mean(name, suppressible_rules());
            sink.add(loc, "bad-suppression",
                     fmt::format("{} {}", known ? "rule cannot be suppressed:" : "unknown rule", util::quote(name)), hint);
            ok = false;
            continue;
          }
          s.rules.emplace_back(name);
        }
      }
      if (s.rules.empty() && ok) {
        sink.add(loc, "bad-suppression", "suppression names no rule", "write # duty: allow RULE -- reason");
        continue;
      }
      if (s.reason.empty()) {
        sink.add(loc, "bad-suppression", "suppression without a reason",
                 "say why after \"--\": # duty: allow RULE -- reason");
        continue;
      }
      if (!s.rules.empty())
        out.push_back(std::move(s));
    }
  }
  return out;
}

} // namespace

void
apply_suppressions(const ListSet& set, std::vector<diag::Diagnostic>& diags)
{
  Sink sink(set.files);
  std::vector<Suppression> sups = scan(set, sink);
  std::map<std::pair<std::string, int>, std::vector<Suppression*>> by_line;
  for (auto& s : sups)
    by_line[{set.files[s.loc.file].path, s.target_line}].push_back(&s);
  for (auto& d : diags) {
    if (!suppressible(d.rule))
      continue;
    std::vector<std::pair<std::string, int>> lines = d.item_lines;
    lines.emplace_back(d.location.file, d.location.line);
    for (const auto& l : lines) {
      auto it = by_line.find(l);
      if (it == by_line.end())
        continue;
      for (Suppression* s : it->second)
        if (std::find(s->rules.begin(), s->rules.end(), d.rule) != s->rules.end()) {
          d.suppressed = true;
          d.suppression_reason = s->reason;
          s->used = true;
        }
      if (d.suppressed)
        break;
    }
  }
  for (const auto& s : sups)
    if (!s.used)
      sink.add(s.loc, "unused-suppression",
               fmt::format("suppression of {} silences nothing", s.rules.size() == 1 ? s.rules[0] : "these rules"),
               "remove it: the finding it waived is gone");
  auto more = sink.take();
  diags.insert(diags.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

std::vector<diag::Diagnostic>
run_audit(const ListSet& set, const Index& index, const Options& options)
{
  resolve::Resolver resolver(set, index);
  auto diags = check_slices(resolver, options);
  auto items = check_items(resolver, options);
  diags.insert(diags.end(), std::make_move_iterator(items.begin()), std::make_move_iterator(items.end()));
  return diags;
}

void
apply_filter(std::vector<diag::Diagnostic>& diags, const Filter& filter)
{
  auto listed = [](const std::vector<std::string>& rules, const std::string& rule) {
    return std::find(rules.begin(), rules.end(), rule) != rules.end();
  };
  std::erase_if(diags, [&](const diag::Diagnostic& d) {
    bool file_error = !diag::is_audit_rule(d.rule) && d.severity == diag::Severity::error;
    bool keep = filter.only.empty() || listed(filter.only, d.rule) || file_error;
    return !keep || listed(filter.skip, d.rule);
  });
  if (filter.strict)
    for (auto& d : diags)
      if (d.severity == diag::Severity::warning)
        d.severity = diag::Severity::error;
}

} // namespace duty::audit
