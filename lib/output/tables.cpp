#include "output/tables.hpp"

#include "util/json.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace duty::output {

Table
results_table(const store::ResultSet& rs)
{
  Table t;
  for (const auto& c : rs.columns)
    t.add_column(c);
  t.rows.reserve(rs.rows.size());
  for (const auto& row : rs.rows) {
    auto& cells = t.rows.emplace_back();
    cells.reserve(row.size());
    for (const auto& v : row) {
      if (auto i = std::get_if<int64_t>(&v))
        cells.push_back(Cell::of(*i));
      else if (auto d = std::get_if<double>(&v))
        cells.push_back(Cell::of_real(*d));
      else if (auto s = std::get_if<std::string>(&v))
        cells.push_back(Cell::of(*s));
      else
        cells.push_back(Cell::null());
    }
  }
  return t;
}

std::string
render_tables(const std::vector<Table>& tables, Format f)
{
  std::string out;
  for (size_t r = 0; r < tables.size(); ++r) {
    if (r && f != Format::json && f != Format::jsonl)
      out += f == Format::csv ? "\r\n" : "\n";
    out += render_table(tables[r], f);
  }
  return out;
}

std::vector<Table>
results_tables(const std::vector<store::ResultSet>& results)
{
  std::vector<Table> tables;
  for (size_t r = 0; r < results.size(); ++r) {
    tables.push_back(results_table(results[r]));
    tables.back().name = r == 0 ? "result" : "result " + std::to_string(r + 1);
  }
  return tables;
}

std::string
render_results(const std::vector<store::ResultSet>& results, Format f)
{
  return render_tables(results_tables(results), f);
}

Table
matrix_table(const std::vector<audit::MatrixRow>& rows, Format f)
{
  Table t;
  t.name = "coverage matrix";
  const std::pair<const char*, const char*> columns[] = {
    {"matter", "事项 matter"},       {"matter_name", "名称 name"}, {"territory", "属地 territory"},
    {"dimensions", "条件 condition"}, {"status", "status"},        {"lead", "主责 lead"},
    {"assist", "配合 assist"},        {"decided_by", "依据 decided by"},
  };
  for (const auto& [key, header] : columns)
    t.add_column(key, f == Format::csv ? key : header);
  const char* sep = f == Format::csv ? ";" : ", ";
  for (const auto& r : rows)
    t.rows.push_back({Cell::of(r.matter), Cell::of(r.matter_name), Cell::of(r.territory), Cell::of(r.dims),
                      Cell::of(r.status), Cell::of(r.lead), Cell::of(fmt::format("{}", fmt::join(r.assist, sep))),
                      Cell::of(fmt::format("{}", fmt::join(r.decided_by, sep)))});
  return t;
}

std::string
render_matrix(const std::vector<audit::MatrixRow>& rows, Format f)
{
  if (f != Format::json)
    return render_table(matrix_table(rows, f), f);
  std::string out;
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

} // namespace duty::output
