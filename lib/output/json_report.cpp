#include "util/json.hpp"
#include "output/report.hpp"

namespace duty::output {

using util::JsonWriter;

namespace {

void
write_location(JsonWriter& w, const diag::Location& l)
{
  w.key("file").value(l.file);
  w.key("line").value(l.line);
  w.key("column").value(l.column);
}

} // namespace

void
write_diagnostic_json(JsonWriter& w, const diag::Diagnostic& d)
{
  w.begin_object();
  write_location(w, d.location);
  w.key("severity").value(diag::severity_name(d.severity));
  w.key("rule").value(d.rule);
  w.key("message").value(d.message);
  if (!d.hint.empty())
    w.key("hint").value(d.hint);
  if (!d.related.empty()) {
    w.key("related").begin_array();
    for (const auto& r : d.related) {
      w.begin_object();
      write_location(w, r.location);
      w.key("message").value(r.message);
      w.end_object();
    }
    w.end_array();
  }
  if (d.suppressed)
    w.key("suppressed").value(true).key("reason").value(d.suppression_reason);
  if (!d.baseline.empty())
    w.key("baseline").value(d.baseline);
  w.end_object();
}

std::string
format_json(const std::vector<diag::Diagnostic>& diags, const ReportContext& ctx)
{
  std::string out;
  JsonWriter w(out);
  w.begin_object().key("diagnostics").begin_array();
  for (const auto& d : diags)
    write_diagnostic_json(w, d);
  w.end_array();
  diag::Counts c = diag::count(diags);
  w.key("summary").begin_object();
  if (!ctx.command.empty())
    w.key("command").value(ctx.command);
  w.key("errors").value(c.errors);
  w.key("warnings").value(c.warnings);
  w.key("notes").value(c.notes);
  w.key("suppressed").value(c.suppressed);
  w.key("files").value(ctx.files);
  w.key("items").value(ctx.items);
  w.end_object().end_object();
  out += '\n';
  return out;
}

} // namespace duty::output
