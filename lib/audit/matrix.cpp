#include "audit/matrix.hpp"

#include "audit/audit.hpp"

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

} // namespace duty::audit
