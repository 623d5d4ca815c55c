#pragma once

#include "cases/reader.hpp"
#include "store/result.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace duty::lists {
class Names;
struct ListSet;
} // namespace duty::lists

namespace duty::store {

// The schema version this build writes (PRAGMA user_version). Version 1
// stores (no verdict tables, no deadline and until columns) are read as they
// are and upgraded, in the writing transaction, the first time they are written.
constexpr int kSchemaVersion = 2;

struct IngestOptions
{
  cases::ReaderOptions reader;  // kind, encoding, format, map, PII
  std::string skip_bad;         // file for rejected rows; empty: a bad row fails the ingest
  const lists::ListSet* lists = nullptr; // with names: resolve names to ids
  const lists::Names* names = nullptr;
  size_t max_listed = 20;       // anomalies and errors shown per kind
};

struct AnomalyEntry
{
  std::string file;
  uint64_t line = 0;
  std::string id;
  std::string kind;
  std::string detail;
};

struct FileSummary
{
  std::string path, encoding, format, sha256;
  uint64_t rows = 0;     // good rows stored
  uint64_t inserted = 0; // new ids (orders) or new events
  uint64_t updated = 0;  // ids already in the store (orders)
  uint64_t rejected = 0;
  bool skipped_same_content = false;
};

struct IngestSummary
{
  std::vector<FileSummary> files;
  std::map<std::string, uint64_t> anomaly_counts; // by kind
  std::vector<AnomalyEntry> anomalies;             // the first max_listed of each kind
  // (field, name) → rows whose name did not resolve against the lists.
  std::map<std::pair<std::string, std::string>, uint64_t> unresolved;
  uint64_t rejected = 0;
  bool dropped_personal = false; // personal values dropped: no PII key
  // Unmapped columns whose values looked like phone or ID numbers (hashed, or
  // dropped without a key): column → values.
  std::map<std::string, uint64_t> flagged;
};

// Ingests `inputs` into the store at `path`, creating it when missing, as
// Store::ingest does. A new store of orders is built without WAL in
// PATH-new and renamed to PATH when complete, under a lock on PATH-lock;
// a kill leaves no store (PATH-new is removed by the next ingest). Waits up
// to `busy_ms` for another writer.
IngestSummary
ingest_into(const std::string& path, const std::vector<std::string>& inputs,
            const IngestOptions& options, int busy_ms = 600000);

// A case store: one SQLite database (see duty-store(5)).
class Store
{
public:
  // Opens or creates `path` for ingesting (":memory:" for a scratch store).
  // Waits up to `busy_ms` for another writer. Throws UsageError when the
  // file is not a duty store or has another schema version.
  static Store open_write(const std::string& path, int busy_ms = 600000);
  // Opens an existing store read-only; works on read-only media and in a
  // directory the user cannot write to (as an immutable file, when SQLite
  // cannot make its shared-memory file there and no write-ahead log is pending).
  static Store open_read(const std::string& path);

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  // Loads `inputs` in one transaction. Without skip_bad, the first bad row
  // makes it throw InputError (listing up to max_listed errors) and nothing
  // is written; with it, rejected rows go to the skip file (written under a
  // temporary name, renamed once the store has committed) and the rejects
  // table. The store's meta table keeps the PII key's fingerprint and the
  // list set's hash: a run with another key, or another list set, is refused
  // with UsageError before anything is written; a run without a key that
  // would drop personal values from a store that keeps them is rolled back.
  // SQLite and file failures throw IoError.
  IngestSummary ingest(const std::vector<std::string>& inputs, const IngestOptions& options);

  // Runs `sql` (one or more statements). Statements that would write are
  // refused with UsageError; so are SQL errors and ATTACH of a file that does
  // not exist (it would create one): the SQL is an argument. The store's own
  // failures while running (I/O, corruption) are IoError. Returns one result
  // per statement that yields columns.
  std::vector<ResultSet> query(const std::string& sql);

  // Prepares `sql` against an empty store without running it: throws as
  // query() does for a syntax error, an unknown table or column, or a
  // statement that writes — before a long read of the data it would run on.
  static void check_query(const std::string& sql);

  // Streams the rows of one read-only statement without holding them: `row`
  // gets each row's values as text (nullopt for NULL), valid during the call.
  // For areas that must not see SQLite (rates). Throws InputError on SQL errors.
  using RowFn = std::function<void(std::span<const std::optional<std::string_view>>)>;
  void scan(const std::string& sql, const RowFn& row);

  // The column names of `table` (empty when there is no such table).
  std::vector<std::string> columns(const std::string& table);

private:
  friend class VerdictWriter;
  friend class CaseScan;
  friend IngestSummary ingest_into(const std::string&, const std::vector<std::string>&,
                                   const IngestOptions&, int);
  friend class Ingest;
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

// A hash of a list set's contents (its files' texts, in any order), as the
// store's meta table keeps it.
std::string
list_set_hash(const lists::ListSet& set);

// Removes `path` (and its -wal and -shm files) when it holds no tables:
// what a failed first ingest leaves. Never throws.
void
remove_if_empty(const std::string& path);

} // namespace duty::store
