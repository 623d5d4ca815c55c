#include "store/impl.hpp"

#include "cases/fields.hpp"
#include "util/error.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sqlite3.h>
#include <sys/stat.h>
#include <thread>

namespace duty::store {

namespace {

// 'DUTY' as the SQLite application id, so `file` and we can tell a store apart.
constexpr int kApplicationId = 0x44555459;

std::string
column_type(cases::FieldType t)
{
  return t == cases::FieldType::yes_no ? "INTEGER" : "TEXT";
}

std::string
orders_ddl()
{
  // The id's uniqueness is a separate index (orders_id), so that a new store
  // can load its rows first and sort them into the index once.
  std::string sql = "CREATE TABLE orders (\n  id TEXT NOT NULL";
  for (const auto& f : cases::fields(cases::Kind::orders))
    if (f.name != "id")
      sql += ",\n  " + std::string(f.name) + " " + column_type(f.type);
  sql += ",\n  matter_id TEXT, territory_id TEXT, unit_id TEXT,"
         "\n  dims TEXT, extra TEXT,"
         "\n  ingest_id INTEGER NOT NULL REFERENCES ingests(ingest_id), line INTEGER NOT NULL,"
         "\n  loads INTEGER NOT NULL DEFAULT 1, dups INTEGER NOT NULL DEFAULT 0, dup_line INTEGER\n)";
  return sql;
}

std::string
events_ddl()
{
  std::string sql = "CREATE TABLE events (\n  seq INTEGER PRIMARY KEY";
  for (const auto& f : cases::fields(cases::Kind::events))
    sql += ",\n  " + std::string(f.name) + " " + column_type(f.type)
           + (f.required ? " NOT NULL" : "");
  sql += ",\n  unit_id TEXT, dims TEXT, extra TEXT,"
         "\n  ingest_id INTEGER NOT NULL REFERENCES ingests(ingest_id), line INTEGER NOT NULL\n)";
  return sql;
}

constexpr const char* kOtherTables[] = {
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)",
  "CREATE TABLE ingests (ingest_id INTEGER PRIMARY KEY, source TEXT NOT NULL, sha256 TEXT,"
  " kind TEXT NOT NULL, encoding TEXT, format TEXT, started_at TEXT NOT NULL,"
  " rows INTEGER NOT NULL DEFAULT 0, inserted INTEGER NOT NULL DEFAULT 0,"
  " updated INTEGER NOT NULL DEFAULT 0, rejected INTEGER NOT NULL DEFAULT 0,"
  " anomalies INTEGER NOT NULL DEFAULT 0)",
  "CREATE TABLE rejects (ingest_id INTEGER NOT NULL, source TEXT NOT NULL, line INTEGER NOT NULL,"
  " column_name TEXT, reason TEXT NOT NULL)",
  "CREATE TABLE anomalies (ingest_id INTEGER NOT NULL, source TEXT NOT NULL,"
  " line INTEGER NOT NULL, id TEXT, kind TEXT NOT NULL, detail TEXT)",
  "CREATE TABLE unresolved (ingest_id INTEGER NOT NULL, field TEXT NOT NULL,"
  " name TEXT NOT NULL, rows INTEGER NOT NULL)",
  // One event per (order, time, event, unit): re-ingesting an event log replaces, never doubles.
  "CREATE UNIQUE INDEX events_key ON events(id, at, event, ifnull(unit, ''))",
};

// Version 2: replay's verdicts (duty replay --save), keyed by order and list set.
constexpr const char* kVerdictTables[] = {
  "CREATE TABLE replays (lists_hash TEXT PRIMARY KEY, profile TEXT NOT NULL, as_of TEXT NOT NULL,"
  " saved_at TEXT NOT NULL, orders INTEGER NOT NULL, whistles INTEGER NOT NULL, created_by TEXT)",
  "CREATE TABLE verdicts (id TEXT NOT NULL, lists_hash TEXT NOT NULL, matter_id TEXT, territory_id TEXT,"
  " lead TEXT, dispatch TEXT, dispatched_to TEXT, final_unit TEXT, hops INTEGER NOT NULL,"
  " returns INTEGER NOT NULL, unjustified_returns INTEGER NOT NULL, sign TEXT, sign_deadline TEXT,"
  " contact TEXT, contact_deadline TEXT, close TEXT, close_deadline TEXT, close_elapsed_s INTEGER,"
  " lifecycle TEXT, excluded TEXT, whistles INTEGER NOT NULL, deviates INTEGER NOT NULL,"
  " record TEXT NOT NULL, PRIMARY KEY (id, lists_hash)) WITHOUT ROWID",
  "CREATE TABLE whistle_verdicts (id TEXT NOT NULL, lists_hash TEXT NOT NULL, seq INTEGER NOT NULL,"
  " at TEXT NOT NULL, unit TEXT, type TEXT, matter_id TEXT, whistleable INTEGER, required TEXT,"
  " missing TEXT, extra TEXT, late TEXT, deviates INTEGER NOT NULL, record TEXT NOT NULL,"
  " PRIMARY KEY (id, lists_hash, seq)) WITHOUT ROWID",
};

// Version 1 → 2, inside the caller's transaction: a failure leaves version 1.
void
upgrade(SQLite::Database& db)
{
  for (const char* sql : kVerdictTables)
    db.exec(sql);
  db.exec("UPDATE meta SET value = '2' WHERE key = 'schema_version'");
  db.exec("PRAGMA user_version = 2");
}

int
pragma_int(SQLite::Database& db, const char* pragma)
{
  return db.execAndGet(std::string("PRAGMA ") + pragma).getInt();
}

bool
has_tables(SQLite::Database& db)
{
  return db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt() > 0;
}

// The store's version: 1 or 2 (this build's); anything else is refused.
int
check_version(SQLite::Database& db, const std::string& path)
{
  int app = pragma_int(db, "application_id");
  int version = pragma_int(db, "user_version");
  if (app != kApplicationId)
    throw UsageError(path + ": not a duty case store (it has other tables); use a new file");
  if (version < 1 || version > kSchemaVersion)
    throw UsageError(path + ": the store has schema version " + std::to_string(version)
                     + ", this duty reads versions 1 to " + std::to_string(kSchemaVersion)
                     + "; ingest the logs into a new store");
  return version;
}

// Canonical fields added after a store was made (assessment flags, 回访时间,
// the order's deadline, a 延期's until) become NULL columns: an additive
// change that needs no new schema version.
void
add_missing_columns(SQLite::Database& db, const char* table, cases::Kind kind)
{
  std::vector<std::string> have;
  SQLite::Statement info(db, std::string("SELECT name FROM pragma_table_info('") + table + "')");
  while (info.executeStep())
    have.push_back(info.getColumn(0).getString());
  for (const auto& f : cases::fields(kind))
    if (std::find(have.begin(), have.end(), f.name) == have.end())
      db.exec(std::string("ALTER TABLE ") + table + " ADD COLUMN " + std::string(f.name) + " "
              + column_type(f.type));
}

} // namespace

void
ensure_schema(SQLite::Database& db, const std::string& path, bool id_index)
{
  if (has_tables(db)) {
    if (check_version(db, path) < 2)
      upgrade(db);
    add_missing_columns(db, "orders", cases::Kind::orders);
    add_missing_columns(db, "events", cases::Kind::events);
    return;
  }
  db.exec(orders_ddl());
  db.exec(events_ddl());
  for (const char* sql : kOtherTables)
    db.exec(sql);
  for (const char* sql : kVerdictTables)
    db.exec(sql);
  db.exec("INSERT INTO meta VALUES ('schema_version', '" + std::to_string(kSchemaVersion)
          + "'), ('time_zone', 'Asia/Shanghai'), ('created_by', 'duty " DUTY_VERSION "')");
  db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
  db.exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
  if (id_index)
    create_id_index(db);
}

void
create_id_index(SQLite::Database& db)
{
  // New stores only: stores written by earlier builds declare the id PRIMARY KEY instead.
  db.exec("CREATE UNIQUE INDEX orders_id ON orders(id)");
}

void
check_schema(SQLite::Database& db, const std::string& path)
{
  if (!has_tables(db))
    throw UsageError(path + ": an empty database, not a duty case store");
  check_version(db, path);
}

void
create_indexes(SQLite::Database& db)
{
  for (const char* sql : {
         "CREATE INDEX IF NOT EXISTS orders_unit ON orders(unit)",
         "CREATE INDEX IF NOT EXISTS orders_unit_id ON orders(unit_id)",
         "CREATE INDEX IF NOT EXISTS orders_received ON orders(received_at)",
         "CREATE INDEX IF NOT EXISTS events_event ON events(event, at)",
       })
    db.exec(sql);
}

std::string
meta_get(SQLite::Database& db, const std::string& key)
{
  SQLite::Statement q(db, "SELECT value FROM meta WHERE key = ?");
  q.bind(1, key);
  return q.executeStep() && !q.getColumn(0).isNull() ? q.getColumn(0).getString() : std::string();
}

void
meta_set(SQLite::Database& db, const std::string& key, const std::string& value)
{
  SQLite::Statement q(db, "INSERT OR REPLACE INTO meta VALUES (?, ?)");
  q.bind(1, key);
  q.bind(2, value);
  q.exec();
}

void
Store::Impl::harden(SQLite::Database& db)
{
  // A store may come from anyone: its schema gets no trust, SQL cannot
  // corrupt the file (defensive), and no extension or tokenizer pointer can be loaded.
  sqlite3* h = db.getHandle();
  sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, nullptr);
  sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, nullptr);
  sqlite3_db_config(h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
}

void
remove_if_empty(const std::string& path)
{
  try {
    {
      SQLite::Database db(path, SQLite::OPEN_READONLY);
      if (has_tables(db))
        return;
    }
    for (const char* suffix : {"", "-wal", "-shm"})
      std::remove((path + suffix).c_str());
  } catch (const std::exception&) {
    // Could not look: leave the file alone.
  }
}

Store::Store(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Store
Store::open_write(const std::string& path, int busy_ms)
{
  try {
    auto impl = std::make_unique<Impl>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX,
                                       busy_ms, false);
    // WAL lets readers run during an ingest; NORMAL sync is safe with WAL
    // (a power cut may lose the last commit, never corrupt).
    // Bigger pages: fewer B-tree splits and page writes in bulk loads (new stores only).
    // Switching a new file to WAL takes an exclusive lock that the busy handler
    // does not always wait for when several ingests start at once: retry.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_ms);
    for (int attempt = 0;; ++attempt) {
      try {
        impl->db.exec("PRAGMA page_size=16384");
        if (impl->db.execAndGet("PRAGMA journal_mode").getString() != "wal")
          impl->db.exec("PRAGMA journal_mode=WAL");
        break;
      } catch (const SQLite::Exception& e) {
        if ((e.getErrorCode() != SQLITE_BUSY && e.getErrorCode() != SQLITE_LOCKED)
            || std::chrono::steady_clock::now() > deadline)
          throw;
        std::this_thread::sleep_for(std::chrono::milliseconds(5 + attempt % 20));
      }
    }
    impl->db.exec("PRAGMA synchronous=NORMAL");
    impl->db.exec("PRAGMA cache_size=-65536");
    return Store(std::move(impl));
  } catch (const SQLite::Exception& e) {
    throw IoError(path + ": " + e.what());
  }
}

namespace {

// "file:" URI of `path` with the characters URIs reserve escaped.
std::string
file_uri(const std::string& path)
{
  std::string abs = std::filesystem::absolute(path).string();
  std::string uri = "file:";
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : abs) {
    if (c == '%' || c == '?' || c == '#' || c < 0x20 || c == 0x7F) {
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 15];
    } else {
      uri += char(c);
    }
  }
  return uri;
}

} // namespace

Store
Store::open_read(const std::string& path)
{
  // SQLite would say "disk I/O error" of a directory and "unable to open" of a missing file.
  struct stat at;
  if (::stat(path.c_str(), &at) != 0)
    throw IoError(path + ": " + std::strerror(errno) + (errno == ENOENT ? " (duty ingest --db FILE creates a store)" : ""));
  if (S_ISDIR(at.st_mode))
    throw IoError(path + ": a directory, not a case store: --db names the store's file (duty ingest --db FILE)");
  auto open_checked = [](const std::string& name, const std::string& path, int flags) {
    auto impl = std::make_unique<Impl>(name, flags, 10000, true);
    impl->path = path;
    impl->db.exec("PRAGMA query_only=ON");
    check_schema(impl->db, path);
    return impl;
  };
  try {
    return Store(open_checked(path, path, SQLite::OPEN_READONLY));
  } catch (const SQLite::Exception& e) {
    // A WAL store needs PATH-shm; on read-only media, or in a directory we
    // cannot write, SQLite cannot make it. With no log pending, the file
    // alone is the whole store: read it as immutable.
    struct stat st;
    bool file = ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
    struct stat wal;
    bool pending = ::stat((path + "-wal").c_str(), &wal) == 0 && wal.st_size > 0;
    int code = e.getErrorCode() & 0xFF;
    if (!file || (code != SQLITE_CANTOPEN && code != SQLITE_READONLY && code != SQLITE_IOERR))
      throw IoError(path + ": " + e.what());
    if (pending)
      throw IoError(path + ": " + e.what() + "; its write-ahead log " + path
                    + "-wal cannot be read without write access to the directory: copy the "
                      "store with its -wal file somewhere writable");
    try {
      return Store(open_checked(file_uri(path) + "?immutable=1", path,
                                SQLite::OPEN_READONLY | SQLITE_OPEN_URI));
    } catch (const SQLite::Exception&) {
      throw IoError(path + ": " + e.what());
    }
  }
}

} // namespace duty::store
