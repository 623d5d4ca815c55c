#include "store/impl.hpp"
#include "store/row_pipe.hpp"

#include "lists/model.hpp"
#include "lists/names.hpp"
#include "util/date.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <SQLiteCpp/VariadicBind.h>
#include <optional>
#include <unordered_map>
#include <utility>

namespace duty::store {

namespace {

using cases::Kind;

// Name → id lookups against the lists, cached: exports repeat a few hundred names.
class Resolver
{
public:
  Resolver(const lists::Names* names, IngestSummary& summary)
    : m_names(names), m_summary(summary)
  {
  }
  bool active() const { return m_names != nullptr; }

  // "" when the name does not resolve (counted as unresolved).
  const std::string& resolve(const std::string& field, const std::string& name)
  {
    auto& cache = m_cache[field];
    auto it = cache.find(name);
    if (it == cache.end())
      it = cache.emplace(name, lookup(field, name)).first;
    if (it->second.empty()) {
      ++m_summary.unresolved[{field, name}];
      ++m_file_unresolved[{field, name}];
    }
    return it->second;
  }
  std::map<std::pair<std::string, std::string>, uint64_t> take_file_counts()
  {
    return std::exchange(m_file_unresolved, {});
  }

private:
  std::string lookup(const std::string& field, const std::string& name) const
  {
    if (field == "category") {
      auto m = m_names->matters(name);
      return m.size() == 1 ? m[0]->id.value : std::string();
    }
    std::vector<const lists::Unit*> found;
    for (const auto* u : m_names->units(name))
      if (field != "territory" || lists::is_territory(u->type))
        found.push_back(u);
    return found.size() == 1 ? found[0]->id.value : std::string();
  }

  const lists::Names* m_names;
  IngestSummary& m_summary;
  std::unordered_map<std::string, std::unordered_map<std::string, std::string>> m_cache;
  std::map<std::pair<std::string, std::string>, uint64_t> m_file_unresolved;
};

// The ids loaded so far into a new store, as 64-bit hashes: while no hash
// repeats, every row is new and a plain INSERT does what the upsert would.
class IdSet
{
public:
  // False when `id` may have been seen (or the set is full): time to upsert.
  bool insert(std::string_view id)
  {
    if (m_size + 1 > m_slots.size() / 4 * 3 && !grow())
      return false;
    uint64_t h = std::hash<std::string_view>{}(id) | 1; // 0 marks a free slot
    size_t mask = m_slots.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      if (m_slots[i] == h)
        return false;
      if (m_slots[i] == 0) {
        m_slots[i] = h;
        ++m_size;
        return true;
      }
    }
  }
  void clear()
  {
    std::vector<uint64_t>().swap(m_slots);
    m_size = 0;
  }

private:
  bool grow()
  {
    constexpr size_t kMaxSlots = size_t(1) << 24; // 128 MiB; beyond, upsert as usual
    size_t n = m_slots.empty() ? 1 << 16 : m_slots.size() * 2;
    if (n > kMaxSlots)
      return false;
    std::vector<uint64_t> old(n, 0);
    old.swap(m_slots);
    for (uint64_t h : old)
      for (size_t i = h & (n - 1); h != 0; i = (i + 1) & (n - 1))
        if (m_slots[i] == 0) {
          m_slots[i] = h;
          break;
        }
    return true;
  }
  std::vector<uint64_t> m_slots;
  size_t m_size = 0;
};

std::string
insert_sql(Kind kind, const cases::CaseReader& reader, bool upsert)
{
  auto defs = cases::fields(kind);
  std::string cols, params, sets;
  for (size_t i = 0; i < defs.size(); ++i) {
    cols += std::string(i ? ", " : "") + std::string(defs[i].name);
    params += i ? ", ?" : "?";
    if (defs[i].name != "id") {
      std::string n(defs[i].name);
      // Columns the input has replace the stored value; columns it lacks keep theirs.
      sets += n + " = " + (reader.has_field(i) ? "excluded." + n : "orders." + n) + ", ";
    }
  }
  if (kind == Kind::orders && !upsert)
    return "INSERT INTO orders (" + cols
           + ", matter_id, territory_id, unit_id, dims, extra, ingest_id, line) VALUES (" + params
           + ", ?, ?, ?, ?, ?, ?, ?)";
  if (kind == Kind::events)
    return "INSERT OR REPLACE INTO events (" + cols
           + ", unit_id, dims, extra, ingest_id, line) VALUES (" + params + ", ?, ?, ?, ?, ?)";
  return "INSERT INTO orders (" + cols
         + ", matter_id, territory_id, unit_id, dims, extra, ingest_id, line) VALUES (" + params
         + ", ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET " + sets
         + "matter_id = excluded.matter_id, territory_id = excluded.territory_id, "
           "unit_id = excluded.unit_id, dims = excluded.dims, extra = excluded.extra, "
           "ingest_id = excluded.ingest_id, line = excluded.line, loads = orders.loads + 1, "
           "dups = CASE WHEN orders.ingest_id = excluded.ingest_id THEN orders.dups + 1 ELSE 0 END, "
           "dup_line = CASE WHEN orders.ingest_id = excluded.ingest_id THEN orders.line END";
}

class SkipFile
{
public:
  explicit SkipFile(const std::string& path) : m_path(path)
  {
    if (path.empty())
      return;
    m_file = std::fopen(path.c_str(), "w");
    if (!m_file)
      throw UsageError(path + ": " + std::strerror(errno));
  }
  ~SkipFile()
  {
    if (m_file)
      std::fclose(m_file);
  }
  SkipFile(const SkipFile&) = delete;
  SkipFile& operator=(const SkipFile&) = delete;
  bool active() const { return m_file != nullptr; }
  void write(const std::string& line)
  {
    if (std::fwrite(line.data(), 1, line.size(), m_file) != line.size())
      throw UsageError(m_path + ": " + std::strerror(errno));
  }
  void close()
  {
    if (m_file && std::fclose(m_file) != 0) {
      m_file = nullptr;
      throw UsageError(m_path + ": " + std::strerror(errno));
    }
    m_file = nullptr;
  }

private:
  std::string m_path;
  FILE* m_file = nullptr;
};

} // namespace

IngestSummary
Store::ingest(const std::vector<std::string>& inputs, const IngestOptions& options)
{
  auto& db = m_impl->db;
  const Kind kind = options.reader.kind;
  const bool orders = kind == Kind::orders;
  IngestSummary summary;
  Resolver resolver(options.names, summary);
  SkipFile skip(options.skip_bad);
  std::vector<std::string> errors;
  uint64_t error_count = 0;

  try {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    const std::string table = orders ? "orders" : "events";
    // A new store of orders gets its id index after the rows (or at the first repeated id).
    bool id_index = !(m_impl->bulk && orders);
    IdSet new_ids;
    int64_t plain_rows = 0; // rows added by plain INSERTs, all new: the count without a scan
    auto count_rows = [&] {
      return id_index ? db.execAndGet("SELECT count(*) FROM " + table).getInt64() : plain_rows;
    };
    ensure_schema(db, m_impl->path, id_index);
    SQLite::Statement add_ingest(db, "INSERT INTO ingests (source, kind, started_at) "
                                     "VALUES (?, ?, ?)");
    SQLite::Statement add_reject(db, "INSERT INTO rejects VALUES (?, ?, ?, ?, ?)");
    SQLite::Statement add_anomaly(db, "INSERT INTO anomalies VALUES (?, ?, ?, ?, ?, ?)");
    SQLite::Statement add_unresolved(db, "INSERT INTO unresolved VALUES (?, ?, ?, ?)");
    auto defs = cases::fields(kind);
    const size_t f_id = 0;
    const size_t f_unit = *cases::field_index(kind, "unit");
    const size_t f_cat = orders ? *cases::field_index(kind, "category") : 0;
    const size_t f_ter = orders ? *cases::field_index(kind, "territory") : 0;

    auto note_anomaly = [&](const std::string& file, int64_t ingest_id, uint64_t line,
                            const std::string& id, const cases::Anomaly& a) {
      add_anomaly.bind(1, ingest_id);
      add_anomaly.bind(2, file);
      add_anomaly.bind(3, int64_t(line));
      add_anomaly.bind(4, id);
      add_anomaly.bind(5, a.kind);
      add_anomaly.bind(6, a.detail);
      add_anomaly.exec();
      add_anomaly.reset();
      if (summary.anomaly_counts[a.kind]++ < options.max_listed)
        summary.anomalies.push_back({file, line, id, a.kind, a.detail});
    };

    for (const auto& input : inputs) {
      cases::CaseReader reader(input, options.reader);
      FileSummary fs;
      fs.path = reader.path();
      fs.encoding = cases::encoding_name(reader.encoding());
      fs.format = reader.format() == cases::Format::csv   ? "csv"
                  : reader.format() == cases::Format::tsv ? "tsv"
                                                          : "jsonl";
      add_ingest.bind(1, fs.path);
      add_ingest.bind(2, orders ? "orders" : "events");
      add_ingest.bind(3, util::now_shanghai());
      add_ingest.exec();
      add_ingest.reset();
      const int64_t ingest_id = db.getLastInsertRowid();
      const int64_t before = count_rows();

      std::optional<SQLite::Statement> insert;
      insert.emplace(db, insert_sql(kind, reader, id_index));
      uint64_t file_anomalies = 0;
      std::string ids[3];
      auto store_row = [&](cases::Row& row) {
        if (!row.ok()) {
          ++error_count;
          ++fs.rejected;
          std::string msg = fs.path + ":" + std::to_string(row.line) + ": "
                            + (row.error_column.empty() ? "" : "column " + row.error_column + ": ")
                            + row.error;
          if (!skip.active()) {
            if (errors.size() < options.max_listed)
              errors.push_back(msg);
            return;
          }
          skip.write(row.rejected);
          add_reject.bind(1, ingest_id);
          add_reject.bind(2, fs.path);
          add_reject.bind(3, int64_t(row.line));
          add_reject.bind(4, row.error_column);
          add_reject.bind(5, row.error);
          add_reject.exec();
          add_reject.reset();
          return;
        }
        if (error_count > 0 && !skip.active())
          return; // the ingest will fail: only look for more errors
        if (!id_index && !new_ids.insert(row.values[f_id])) {
          create_id_index(db); // all ids so far are distinct: this cannot fail
          id_index = true;
          new_ids.clear();
          insert.emplace(db, insert_sql(kind, reader, true));
        }
        int p = 1;
        for (size_t f = 0; f < defs.size(); ++f, ++p) {
          if (!row.has[f])
            insert->bind(p);
          else if (defs[f].type == cases::FieldType::yes_no)
            insert->bind(p, row.values[f] == "1" ? 1 : 0);
          else
            insert->bindNoCopy(p, row.values[f]);
        }
        if (orders) {
          for (auto& s : ids)
            s.clear();
          if (resolver.active()) {
            if (row.has[f_cat])
              ids[0] = resolver.resolve("category", row.values[f_cat]);
            if (row.has[f_ter])
              ids[1] = resolver.resolve("territory", row.values[f_ter]);
            if (row.has[f_unit])
              ids[2] = resolver.resolve("unit", row.values[f_unit]);
          }
          for (const auto& s : ids) {
            if (s.empty())
              insert->bind(p++);
            else
              insert->bindNoCopy(p++, s);
          }
        } else {
          ids[2].clear();
          if (resolver.active() && row.has[f_unit])
            ids[2] = resolver.resolve("unit", row.values[f_unit]);
          if (ids[2].empty())
            insert->bind(p++);
          else
            insert->bindNoCopy(p++, ids[2]);
        }
        row.dims.empty() ? insert->bind(p++) : insert->bindNoCopy(p++, row.dims);
        row.extra.empty() ? insert->bind(p++) : insert->bindNoCopy(p++, row.extra);
        insert->bind(p++, ingest_id);
        insert->bind(p++, int64_t(row.line));
        insert->exec();
        insert->reset();
        plain_rows += !id_index;
        ++fs.rows;
        for (const auto& a : row.anomalies) {
          note_anomaly(fs.path, ingest_id, row.line, row.values[f_id], a);
          ++file_anomalies;
        }
      };
      {
        RowPipe pipe(reader, skip.active());
        while (RowPipe::Batch* batch = pipe.next()) {
          for (size_t i = 0; i < batch->size; ++i)
            store_row(batch->rows[i]);
          pipe.recycle(batch);
        }
      }
      if (orders && id_index) { // before the first upsert, no id repeated
        // Ids repeated within this file: the upsert counted them (dups) and kept the last row.
        SQLite::Statement dups(db, "SELECT id, line, dup_line, dups FROM orders "
                                   "WHERE dups > 0 AND ingest_id = ? ORDER BY line");
        dups.bind(1, ingest_id);
        while (dups.executeStep()) {
          int64_t n = dups.getColumn(3).getInt64();
          cases::Anomaly a{"duplicate-id",
                           n == 1 ? "id also on line " + dups.getColumn(2).getString()
                                      + " of this file; this later row is kept"
                                  : "id on " + std::to_string(n + 1) + " rows of this file (last "
                                      "replaced: line " + dups.getColumn(2).getString()
                                      + "); this last row is kept"};
          for (int64_t k = 0; k < n; ++k) {
            note_anomaly(fs.path, ingest_id, uint64_t(dups.getColumn(1).getInt64()),
                         dups.getColumn(0).getString(), a);
            ++file_anomalies;
          }
        }
      }
      summary.dropped_personal = summary.dropped_personal || reader.dropped_personal();
      fs.sha256 = reader.content_hash();
      const int64_t after = count_rows();
      fs.inserted = uint64_t(after - before);
      fs.updated = fs.rows - fs.inserted;
      for (const auto& [key, count] : resolver.take_file_counts()) {
        add_unresolved.bind(1, ingest_id);
        add_unresolved.bind(2, key.first);
        add_unresolved.bind(3, key.second);
        add_unresolved.bind(4, int64_t(count));
        add_unresolved.exec();
        add_unresolved.reset();
      }
      SQLite::Statement done(db, "UPDATE ingests SET sha256 = ?, encoding = ?, format = ?, "
                                 "rows = ?, inserted = ?, updated = ?, rejected = ?, "
                                 "anomalies = ? WHERE ingest_id = ?");
      SQLite::bind(done, fs.sha256, fs.encoding, fs.format, int64_t(fs.rows),
                   int64_t(fs.inserted), int64_t(fs.updated), int64_t(fs.rejected),
                   int64_t(file_anomalies), ingest_id);
      done.exec();
      summary.rejected += fs.rejected;
      summary.files.push_back(std::move(fs));
    }
    if (error_count > 0 && !skip.active()) {
      std::string msg = std::to_string(error_count) + " bad row" + (error_count == 1 ? "" : "s")
                        + "; nothing was written (--skip-bad FILE sets them aside):";
      for (const auto& e : errors)
        msg += "\n  " + e;
      if (error_count > errors.size())
        msg += "\n  … and " + std::to_string(error_count - errors.size()) + " more";
      throw InputError(msg);
    }
    if (m_impl->bulk) {
      // Sorting the index keys in 4 MiB runs measured 30-40% faster than in one 64 MiB run.
      db.exec("PRAGMA cache_size=-4096");
      if (!id_index)
        create_id_index(db);
    }
    create_indexes(db);
    skip.close();
    tx.commit();
  } catch (const SQLite::Exception& e) {
    throw UsageError(m_impl->path + ": " + e.what());
  }
  return summary;
}

} // namespace duty::store
