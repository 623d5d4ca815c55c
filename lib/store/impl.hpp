#pragma once

// Private to lib/store: the Store's SQLite connection and schema helpers.
#include "store/store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace duty::store {

struct Store::Impl
{
  SQLite::Database db;
  std::string path;
  bool read_only;
  bool bulk = false; // a new store built beside its path: no journal, id index made at the end
  Impl(const std::string& p, int flags, int busy_ms, bool ro)
    : db(p, flags, busy_ms), path(p), read_only(ro)
  {
  }
};

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
