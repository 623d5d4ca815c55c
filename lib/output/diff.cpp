#include "output/diff.hpp"

#include "util/json.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

namespace duty::output {

using diff::FieldChange;
using diff::ItemChange;
using diff::Report;
using util::JsonWriter;

namespace {

constexpr size_t kMaxValue = 120; // code points of a field value shown in text and md

std::string
plural(size_t n, const char* word)
{
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

// A value on one line, cut to a readable length; "(none)" when absent.
std::string
shown(const std::string& v)
{
  if (v.empty())
    return "(none)";
  std::string one;
  bool space = false;
  for (char c : v) {
    bool ws = c == '\n' || c == '\r' || c == '\t' || c == ' ';
    if (ws && !space && !one.empty())
      one += ' ';
    if (!ws)
      one += c;
    space = ws;
  }
  if (util::count_code_points(one) <= kMaxValue)
    return one;
  std::string cut;
  size_t i = 0;
  for (size_t n = 0; n < kMaxValue - 1 && i < one.size(); ++n)
    util::append_utf8(cut, util::decode_utf8(one, i));
  return cut + "…";
}

std::string
place(const diff::Place& p)
{
  return p.file.empty() ? "" : fmt::format("{}:{}", p.file, p.line);
}

std::string
item_title(const ItemChange& c)
{
  std::string s = c.what + " " + c.id;
  if (!c.label.empty() && c.label != c.id)
    s += " (" + shown(c.label) + ")";
  return s;
}

std::string
items_line(const Report& r)
{
  size_t n[3] = {0, 0, 0};
  for (const auto& c : r.items)
    ++n[static_cast<int>(c.change)];
  return fmt::format("{} added, {} removed, {} changed", n[0], n[1], n[2]);
}

size_t
slices(const Report& r)
{
  size_t n = 0;
  for (const auto& e : r.effects)
    n += e.slices;
  return n;
}

std::string
findings_line(const Report& r)
{
  return fmt::format("{} new, {} fixed, {} unchanged", r.fresh.size(), r.fixed.size(), r.unchanged.size());
}

std::string
change_text(const FieldChange& f)
{
  return fmt::format("{}: {} → {}", f.field, shown(f.before), shown(f.after));
}

// The items and the effect, as text (also the log part of the github format).
std::string
text_changes(const Report& r)
{
  std::string out = fmt::format("items: {}\n", items_line(r));
  for (const auto& c : r.items) {
    switch (c.change) {
    case diff::Change::added: out += fmt::format("  added {} at {}\n", item_title(c), place(c.after)); break;
    case diff::Change::removed: out += fmt::format("  removed {} at {}\n", item_title(c), place(c.before)); break;
    case diff::Change::changed:
      out += fmt::format("  changed {} at {} → {}\n", item_title(c), place(c.before), place(c.after));
      for (const auto& f : c.fields)
        out += "    " + change_text(f) + "\n";
      break;
    }
  }
  out += fmt::format("effect as of {}: {} in {}\n", r.as_of.str(), plural(r.effects.size(), "change"),
                     plural(slices(r), "slice"));
  for (const auto& e : r.effects) {
    out += "  " + e.where() + "\n";
    for (const auto& a : e.aspects)
      out += "    " + change_text(a) + "\n";
  }
  return out;
}

std::string
brief(const diag::Diagnostic& d)
{
  std::string where = d.location.file;
  if (d.location.line > 0)
    where += fmt::format(":{}", d.location.line);
  if (d.location.column > 0)
    where += fmt::format(":{}", d.location.column);
  return fmt::format("{}: {}: {} [{}]", where, diag::severity_name(d.severity), d.message, d.rule);
}

std::string
format_text_diff(const Report& r, const ReportContext& ctx)
{
  std::string out = fmt::format("duty diff {} → {}\n", r.before_root, r.after_root);
  out += text_changes(r);
  out += fmt::format("findings: {}\n", findings_line(r));
  if (!r.fresh.empty())
    out += "new:\n" + format_text_body(r.fresh, ctx);
  if (!r.fixed.empty())
    out += "fixed:\n" + format_text_body(r.fixed, ctx);
  if (!r.unchanged.empty()) {
    out += "unchanged:\n";
    for (const auto& d : r.unchanged)
      if (!d.suppressed)
        out += "  " + brief(d) + "\n";
  }
  return out;
}

std::string
md_cell(std::string_view s)
{
  std::string out;
  for (char c : s) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += "<br>";
    else
      out += c;
  }
  return out;
}

std::string
md_code(std::string_view s)
{
  return s.empty() ? "" : "`" + md_cell(s) + "`";
}

std::string
md_changes(const std::vector<FieldChange>& fs)
{
  std::string out;
  for (const auto& f : fs)
    out += (out.empty() ? "" : "<br>") + md_cell(fmt::format("{}: {} → {}", f.field, shown(f.before), shown(f.after)));
  return out;
}

void
md_findings(std::string& out, const char* state, const std::vector<diag::Diagnostic>& ds)
{
  for (const auto& d : ds) {
    if (d.suppressed)
      continue;
    std::string where = d.location.file + (d.location.line > 0 ? fmt::format(":{}", d.location.line) : "");
    out += fmt::format("| {} | {} | {} | {} | {} |\n", state, diag::severity_name(d.severity), d.rule, md_code(where),
                       md_cell(d.message));
  }
}

std::string
format_md_diff(const Report& r)
{
  std::string out = fmt::format("### duty diff {} → {}\n\n", md_code(r.before_root), md_code(r.after_root));
  out += fmt::format("**Items:** {}\n\n", items_line(r));
  if (!r.items.empty()) {
    out += "| change | item | where | fields |\n|---|---|---|---|\n";
    for (const auto& c : r.items) {
      std::string where = c.change == diff::Change::removed ? place(c.before) : place(c.after);
      out += fmt::format("| {} | {} | {} | {} |\n", diff::change_name(c.change), md_cell(item_title(c)),
                         md_code(where), md_changes(c.fields));
    }
    out += "\n";
  }
  out += fmt::format("**Effect as of {}:** {} in {}\n\n", r.as_of.str(), plural(r.effects.size(), "change"),
                     plural(slices(r), "slice"));
  if (!r.effects.empty()) {
    out += "| slices | what changed |\n|---|---|\n";
    for (const auto& e : r.effects)
      out += fmt::format("| {} | {} |\n", md_cell(e.where()), md_changes(e.aspects));
    out += "\n";
  }
  out += fmt::format("**Findings:** {}\n\n", findings_line(r));
  if (!r.fresh.empty() || !r.fixed.empty()) {
    out += "| | severity | rule | where | message |\n|---|---|---|---|---|\n";
    md_findings(out, "new", r.fresh);
    md_findings(out, "fixed", r.fixed);
    out += "\n";
  }
  if (!r.unchanged.empty()) {
    out += fmt::format("<details><summary>{} unchanged</summary>\n\n", plural(r.unchanged.size(), "finding"));
    out += "| | severity | rule | where | message |\n|---|---|---|---|---|\n";
    md_findings(out, "unchanged", r.unchanged);
    out += "\n</details>\n";
  }
  return out;
}

void
json_place(JsonWriter& w, const char* key, const diff::Place& p)
{
  w.key(key);
  if (p.file.empty()) {
    w.null();
    return;
  }
  w.begin_object().key("file").value(p.file).key("line").value(p.line).end_object();
}

void
json_changes(JsonWriter& w, const char* key, const char* name, const std::vector<FieldChange>& fs)
{
  w.key(key).begin_array();
  for (const auto& f : fs)
    w.begin_object().key(name).value(f.field).key("before").value(f.before).key("after").value(f.after).end_object();
  w.end_array();
}

std::string
format_json_diff(const Report& r)
{
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("before").value(r.before_root).key("after").value(r.after_root).key("as_of").value(r.as_of.str());
  w.key("items").begin_array();
  for (const auto& c : r.items) {
    w.begin_object();
    w.key("change").value(diff::change_name(c.change)).key("kind").value(c.kind).key("id").value(c.id);
    w.key("name").value(c.label);
    json_place(w, "before", c.before);
    json_place(w, "after", c.after);
    json_changes(w, "fields", "field", c.fields);
    w.end_object();
  }
  w.end_array();
  w.key("effect").begin_array();
  for (const auto& e : r.effects) {
    w.begin_object();
    w.key("matter").value(e.matter).key("matter_name").value(e.matter_name);
    w.key("territories").begin_array();
    for (const auto& t : e.territories)
      w.value(t);
    w.end_array().key("all_territories").value(e.all_territories);
    w.key("conditions").begin_array();
    for (const auto& c : e.combos) {
      w.begin_object();
      for (const auto& [k, v] : c)
        w.key(k).value(v);
      w.end_object();
    }
    w.end_array().key("all_conditions").value(e.all_combos).key("slices").value(e.slices);
    json_changes(w, "changes", "aspect", e.aspects);
    w.end_object();
  }
  w.end_array();
  w.key("findings").begin_object();
  for (auto [name, list] : {std::pair{"new", &r.fresh}, {"fixed", &r.fixed}, {"unchanged", &r.unchanged}}) {
    w.key(name).begin_array();
    for (const auto& d : *list)
      write_diagnostic_json(w, d);
    w.end_array();
  }
  w.end_object();
  w.key("summary").begin_object();
  size_t n[3] = {0, 0, 0};
  for (const auto& c : r.items)
    ++n[static_cast<int>(c.change)];
  w.key("added").value(n[0]).key("removed").value(n[1]).key("changed").value(n[2]);
  w.key("effect_changes").value(r.effects.size()).key("slices").value(slices(r));
  w.key("new").value(r.fresh.size()).key("fixed").value(r.fixed.size()).key("unchanged").value(r.unchanged.size());
  w.end_object();
  w.end_object();
  return out + "\n";
}

// Findings of both revisions, each with its baselineState; a fixed one is
// placed where its file is now, so that code scanning can match it.
std::string
format_sarif_diff(const Report& r, const ReportContext& ctx)
{
  std::vector<diag::Diagnostic> all = r.fresh;
  all.insert(all.end(), r.unchanged.begin(), r.unchanged.end());
  for (auto d : r.fixed) {
    d.location.file = r.after_path(d.location.file);
    for (auto& rel : d.related)
      rel.location.file = r.after_path(rel.location.file);
    all.push_back(std::move(d));
  }
  return format_sarif(all, ctx);
}

// The changes as log lines, then an annotation for each new finding.
std::string
format_github_diff(const Report& r, const ReportContext& ctx)
{
  std::string notes = format_github(r.fresh, ctx);
  // Its last line sums up the annotated findings; say what they are instead.
  size_t last = notes.rfind('\n', notes.size() - 2);
  last = last == std::string::npos ? 0 : last + 1;
  if (!std::string_view(notes).substr(last).starts_with("::"))
    notes.erase(last);
  return text_changes(r) + fmt::format("findings: {}\n", findings_line(r)) + notes;
}

} // namespace

std::string
format_diff(const Report& r, Format f, const ReportContext& ctx)
{
  switch (f) {
  case Format::md: return format_md_diff(r);
  case Format::json: return format_json_diff(r);
  case Format::sarif: return format_sarif_diff(r, ctx);
  case Format::github: return format_github_diff(r, ctx);
  default: break;
  }
  return format_text_diff(r, ctx);
}

} // namespace duty::output
