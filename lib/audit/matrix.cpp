#include "audit/matrix.hpp"

#include "audit/audit.hpp"
#include "util/json.hpp"
#include "util/csv.hpp"

#include <fmt/format.h>

namespace duty::audit {

std::vector<MatrixRow>
coverage_matrix(const resolve::Resolver& resolver, util::Date as_of)
{
  std::vector<MatrixRow> rows;
  auto territories = resolver.territories(as_of);
  for (const lists::Matter* m : resolver.leaves()) {
    auto combos = resolver.combinations(resolver.split_dims(m));
    for (const auto& dims : combos)
      for (const lists::Unit* t : territories) {
        resolve::Resolution r = resolver.resolve({m, t, dims, as_of});
        MatrixRow row;
        row.matter = m->id.value;
        row.matter_name = m->name.value;
        row.territory = t->id.value;
        row.dims = resolve::describe_dims(dims);
        row.status = resolve::status_name(r.status);
        if (r.lead)
          row.lead = r.lead->id.value;
        for (const auto* a : r.assist)
          row.assist.push_back(a->id.value);
        if (!r.primary.empty()) {
          for (const auto* p : r.primary)
            row.decided_by.push_back("primary " + p->id.value);
        } else {
          for (const auto& c : r.claims)
            row.decided_by.push_back(c.power ? "power " + c.power->code.value : "task " + c.task->id.value);
        }
        rows.push_back(std::move(row));
      }
  }
  return rows;
}

namespace {

std::string
md_field(std::string_view s)
{
  std::string out;
  for (char c : s)
    out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

std::string
join(const std::vector<std::string>& v, std::string_view sep)
{
  std::string out;
  for (size_t i = 0; i < v.size(); ++i)
    out += (i ? std::string(sep) : "") + v[i];
  return out;
}

} // namespace

std::string
format_matrix(const std::vector<MatrixRow>& rows, std::string_view format)
{
  std::string out;
  if (format == "json") {
    util::JsonWriter w(out);
    w.begin_object().key("slices").begin_array();
    for (const auto& r : rows) {
      w.begin_object();
      w.key("matter").value(r.matter).key("matter_name").value(r.matter_name);
      w.key("territory").value(r.territory).key("dimensions").value(r.dims);
      w.key("status").value(r.status).key("lead").value(r.lead);
      w.key("assist").begin_array();
      for (const auto& a : r.assist)
        w.value(a);
      w.end_array().key("decided_by").begin_array();
      for (const auto& d : r.decided_by)
        w.value(d);
      w.end_array().end_object();
    }
    w.end_array().end_object();
    return out + "\n";
  }
  const char* header[] = {"matter", "matter_name", "territory", "dimensions", "status", "lead", "assist", "decided_by"};
  if (format == "md") {
    out += "| 事项 matter | 名称 name | 属地 territory | 条件 condition | status | 主责 lead | 配合 assist | 依据 decided by |\n";
    out += "|---|---|---|---|---|---|---|---|\n";
    for (const auto& r : rows)
      out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", md_field(r.matter), md_field(r.matter_name),
                         md_field(r.territory), md_field(r.dims), r.status, md_field(r.lead),
                         md_field(join(r.assist, ", ")), md_field(join(r.decided_by, ", ")));
    return out;
  }
  out += join(std::vector<std::string>(std::begin(header), std::end(header)), ",") + "\n";
  for (const auto& r : rows)
    out += fmt::format("{},{},{},{},{},{},{},{}\n", util::csv_field(r.matter), util::csv_field(r.matter_name),
                       util::csv_field(r.territory), util::csv_field(r.dims), r.status, util::csv_field(r.lead),
                       util::csv_field(join(r.assist, ";")), util::csv_field(join(r.decided_by, ";")));
  return out;
}

} // namespace duty::audit
