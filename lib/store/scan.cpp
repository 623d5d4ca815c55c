// Streaming reads for the areas above the store: one row at a time, as text
// (Store::scan), and a store's orders and events in id order (CaseScan).
#include "store/scan.hpp"

#include "store/impl.hpp"
#include "util/error.hpp"

#include <algorithm>
#include <optional>
#include <sqlite3.h>

namespace duty::store {

namespace {

std::vector<std::string>
columns_of(SQLite::Database& db, const char* table)
{
  std::vector<std::string> out;
  SQLite::Statement info(db, std::string("PRAGMA table_info(") + table + ")");
  while (info.executeStep())
    out.push_back(info.getColumn(1).getString());
  return out;
}

// SELECT of every canonical field (NULL for a column the store lacks), then `tail`.
std::string
select_sql(SQLite::Database& db, const char* table, cases::Kind kind, const std::string& tail)
{
  auto have = columns_of(db, table);
  std::string sql = "SELECT ";
  for (const auto& f : cases::fields(kind)) {
    bool present = std::find(have.begin(), have.end(), f.name) != have.end();
    sql += present ? std::string(f.name) : "NULL";
    sql += ", ";
  }
  return sql + tail;
}

} // namespace

struct CaseScan::Impl
{
  Store store; // opened as duty query opens it: read-only, hardened, on read-only media too
  SQLite::Database& db;
  std::string path;
  std::optional<SQLite::Statement> orders, events;
  bool orders_done = false, events_done = false; // a finished statement must not be stepped again
  Impl(Store s, SQLite::Database& d, const std::string& p) : store(std::move(s)), db(d), path(p) {}
};

CaseScan::CaseScan(const std::string& path)
{
  try {
    Store s = Store::open_read(path);
    SQLite::Database& db = s.m_impl->db;
    m = std::make_unique<Impl>(std::move(s), db, path);
    // The order of ids is SQLite's BINARY collation: bytes, as replay's sort orders them.
    m->orders.emplace(m->db,
                      select_sql(m->db, "orders", cases::Kind::orders, "dims, line FROM orders ORDER BY id"));
    m->events.emplace(
        m->db, select_sql(m->db, "events", cases::Kind::events, "dims, seq FROM events ORDER BY id, seq"));
  } catch (const SQLite::Exception& e) {
    throw IoError(path + ": " + e.what());
  }
}

CaseScan::~CaseScan() = default;

const std::string&
CaseScan::path() const
{
  return m->path;
}

namespace {

bool
step(SQLite::Statement& st, bool& done, cases::Kind kind, cases::Row& row, const std::string& path)
{
  try {
    if (done || !st.executeStep()) {
      done = true;
      return false;
    }
    auto defs = cases::fields(kind);
    row.values.resize(defs.size());
    row.has.assign(defs.size(), 0);
    row.error.clear();
    for (size_t f = 0; f < defs.size(); ++f) {
      SQLite::Column c = st.getColumn(int(f));
      if (c.isNull())
        continue;
      row.has[f] = 1;
      if (defs[f].type == cases::FieldType::yes_no)
        row.values[f] = c.getInt64() ? "1" : "0";
      else
        row.values[f] = c.getString();
    }
    SQLite::Column dims = st.getColumn(int(defs.size()));
    row.dims = dims.isNull() ? std::string() : dims.getString();
    row.line = uint64_t(st.getColumn(int(defs.size()) + 1).getInt64());
    return true;
  } catch (const SQLite::Exception& e) {
    throw IoError(path + ": " + e.what());
  }
}

} // namespace

bool
CaseScan::next_order(cases::Row& row)
{
  return step(*m->orders, m->orders_done, cases::Kind::orders, row, m->path);
}

bool
CaseScan::next_event(cases::Row& row)
{
  return step(*m->events, m->events_done, cases::Kind::events, row, m->path);
}

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
