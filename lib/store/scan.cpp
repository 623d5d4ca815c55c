// Streaming reads for the areas above the store: one row at a time, as text.
#include "store/impl.hpp"

#include "util/error.hpp"

#include <sqlite3.h>

namespace duty::store {

void
Store::scan(const std::string& sql, const RowFn& row)
{
  sqlite3* db = m_impl->db.getHandle();
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), int(sql.size()), &st, nullptr) != SQLITE_OK)
    throw InputError(std::string("SQL: ") + sqlite3_errmsg(db));
  struct Finalize
  {
    sqlite3_stmt* s;
    ~Finalize() { sqlite3_finalize(s); }
  } guard{st};
  if (!sqlite3_stmt_readonly(st))
    throw InputError("SQL: a scan must not change the store");
  int n = sqlite3_column_count(st);
  std::vector<std::optional<std::string_view>> values(static_cast<size_t>(n));
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    for (int c = 0; c < n; ++c) {
      if (sqlite3_column_type(st, c) == SQLITE_NULL) {
        values[size_t(c)].reset();
        continue;
      }
      auto p = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
      values[size_t(c)] = std::string_view(p ? p : "", size_t(sqlite3_column_bytes(st, c)));
    }
    row(values);
  }
  if (rc != SQLITE_DONE)
    throw InputError(std::string("SQL: ") + sqlite3_errmsg(db));
}

std::vector<std::string>
Store::columns(const std::string& table)
{
  std::vector<std::string> out;
  SQLite::Statement info(m_impl->db, "SELECT name FROM pragma_table_info(?)");
  info.bind(1, table);
  while (info.executeStep())
    out.push_back(info.getColumn(0).getString());
  return out;
}

} // namespace duty::store
