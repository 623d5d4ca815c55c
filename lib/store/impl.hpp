#pragma once

// Private to lib/store: the Store's SQLite connection and schema helpers.
#include "store/store.hpp"
#include "util/error.hpp"

#include "util/file.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace duty::store {

struct Store::Impl
{
  SQLite::Database db;
  std::string path;
  bool read_only;
  bool bulk = false; // a new store built beside its path: no journal, id index made at the end
  // The --skip-bad file of a bulk build, renamed once the store is in place.
  util::PendingFile pending_skip;
  Impl(const std::string& p, int flags, int busy_ms, bool ro)
    : db(p, flags, busy_ms), path(p), read_only(ro)
  {
    harden(db);
  }
  static void harden(SQLite::Database& db);
};

// Runs `f`, turning SQLite's exceptions into IoError naming `path`.
template <class F>
auto
io_guard(const std::string& path, F&& f)
{
  try {
    return f();
  } catch (const SQLite::Exception& e) {
    throw IoError(path + ": " + e.what());
  }
}

// The store's meta value for `key`, or "" when it has none.
std::string
meta_get(SQLite::Database& db, const std::string& key);

void
meta_set(SQLite::Database& db, const std::string& key, const std::string& value);

// Creates the tables on an empty database, or checks the version of an
// existing one. Runs inside the caller's transaction. Without `id_index`
// the orders id index is left for create_id_index().
void
ensure_schema(SQLite::Database& db, const std::string& path, bool id_index = true);

// The unique index on orders(id) that upserts rely on; throws on duplicate ids.
void
create_id_index(SQLite::Database& db);

// Checks that a database opened for reading is a duty store of our version.
void
check_schema(SQLite::Database& db, const std::string& path);

// The secondary indexes; created after the bulk insert of the first ingest.
void
create_indexes(SQLite::Database& db);

} // namespace duty::store
