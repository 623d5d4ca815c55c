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
  Impl(const std::string& p, int flags, int busy_ms, bool ro)
    : db(p, flags, busy_ms), path(p), read_only(ro)
  {
  }
};

// Creates the tables on an empty database, or checks the version of an
// existing one. Runs inside the caller's transaction.
void
ensure_schema(SQLite::Database& db, const std::string& path);

// Checks that a database opened for reading is a duty store of our version.
void
check_schema(SQLite::Database& db, const std::string& path);

// The secondary indexes; created after the bulk insert of the first ingest.
void
create_indexes(SQLite::Database& db);

} // namespace duty::store
