#include "store/impl.hpp"

#include "util/error.hpp"
#include "util/text.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

namespace duty::store {

namespace {

// Owns one prepared statement of the raw API (we need sqlite3_stmt_readonly).
struct Stmt
{
  sqlite3_stmt* s = nullptr;
  ~Stmt() { sqlite3_finalize(s); }
};

// ATTACH would create a missing file (duty query without --db must create
// none): only existing regular files, named by a literal, may be attached.
int
authorize(void*, int action, const char* file, const char*, const char*, const char*)
{
  if (action != SQLITE_ATTACH)
    return SQLITE_OK;
  struct stat st;
  if (file && *file && ::stat(file, &st) == 0 && S_ISREG(st.st_mode))
    return SQLITE_OK;
  return SQLITE_DENY;
}

// An error while running the user's SQL: the store's own failures (I/O,
// corruption, memory) are I/O errors; everything else (a type mismatch, an
// integer overflow, malformed JSON) is the statement's: a usage error.
[[noreturn]] void
step_failed(sqlite3* db)
{
  switch (sqlite3_errcode(db) & 0xFF) {
  case SQLITE_IOERR:
  case SQLITE_CORRUPT:
  case SQLITE_NOTADB:
  case SQLITE_FULL:
  case SQLITE_CANTOPEN:
  case SQLITE_NOMEM:
  case SQLITE_BUSY:
  case SQLITE_LOCKED: throw IoError(std::string("SQL: ") + sqlite3_errmsg(db));
  default: throw UsageError(std::string("SQL: ") + sqlite3_errmsg(db));
  }
}

// Prepares the statement at `tail` (nullptr in `st` for only a comment or
// blanks) and advances `tail`; throws as Store::query documents.
std::string
prepare_next(sqlite3* db, const char*& tail, const char* end, Stmt& st)
{
  const char* next = nullptr;
  if (sqlite3_prepare_v2(db, tail, int(end - tail), &st.s, &next) != SQLITE_OK) {
    if (sqlite3_errcode(db) == SQLITE_AUTH)
      throw UsageError("SQL: ATTACH takes an existing store file named by a literal; duty "
                       "query never creates a file");
    if ((sqlite3_errcode(db) & 0xFF) == SQLITE_ERROR)
      throw UsageError(std::string("SQL: ") + sqlite3_errmsg(db));
    step_failed(db);
  }
  std::string text(tail, next);
  tail = next;
  if (st.s && !sqlite3_stmt_readonly(st.s))
    throw UsageError("SQL: " + util::quote(util::trim(text), 60)
                     + " would change the store; duty query only reads "
                       "(use duty ingest to load data)");
  return text;
}

} // namespace

void
Store::check_query(const std::string& sql)
{
  Store probe = open_write(":memory:");
  ensure_schema(probe.m_impl->db, ":memory:");
  sqlite3* db = probe.m_impl->db.getHandle();
  const char* tail = sql.c_str();
  const char* end = sql.c_str() + sql.size();
  while (tail < end) {
    Stmt st;
    prepare_next(db, tail, end, st);
  }
}

// The SQL is an argument: a statement that does not prepare (a syntax error,
// an unknown table or column) or would write is a usage error (exit 2).
std::vector<ResultSet>
Store::query(const std::string& sql)
{
  sqlite3* db = m_impl->db.getHandle();
  // Belt and braces: even a statement SQLite calls read-only (ATTACH) cannot write.
  struct QueryOnly
  {
    sqlite3* db;
    bool restore;
    ~QueryOnly()
    {
      sqlite3_set_authorizer(db, nullptr, nullptr);
      if (restore)
        sqlite3_exec(db, "PRAGMA query_only=OFF", nullptr, nullptr, nullptr);
    }
  } guard{db, !m_impl->read_only};
  sqlite3_exec(db, "PRAGMA query_only=ON", nullptr, nullptr, nullptr);
  sqlite3_set_authorizer(db, authorize, nullptr);
  std::vector<ResultSet> results;
  const char* tail = sql.c_str();
  const char* end = sql.c_str() + sql.size();
  while (tail < end) {
    Stmt st;
    prepare_next(db, tail, end, st);
    if (!st.s)
      continue; // only whitespace or a comment
    int ncols = sqlite3_column_count(st.s);
    ResultSet rs;
    for (int c = 0; c < ncols; ++c)
      rs.columns.emplace_back(sqlite3_column_name(st.s, c));
    int rc;
    while ((rc = sqlite3_step(st.s)) == SQLITE_ROW) {
      std::vector<ResultSet::Cell> row(static_cast<size_t>(ncols));
      for (int c = 0; c < ncols; ++c) {
        switch (sqlite3_column_type(st.s, c)) {
        case SQLITE_INTEGER: row[size_t(c)] = int64_t(sqlite3_column_int64(st.s, c)); break;
        case SQLITE_FLOAT: row[size_t(c)] = sqlite3_column_double(st.s, c); break;
        case SQLITE_NULL: break;
        default: {
          auto p = reinterpret_cast<const char*>(sqlite3_column_text(st.s, c));
          row[size_t(c)] = std::string(p ? p : "", size_t(sqlite3_column_bytes(st.s, c)));
        }
        }
      }
      rs.rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE)
      step_failed(db);
    if (ncols > 0)
      results.push_back(std::move(rs));
  }
  return results;
}

} // namespace duty::store
