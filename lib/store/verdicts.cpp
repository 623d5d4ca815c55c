#include "store/verdicts.hpp"

#include "store/impl.hpp"
#include "util/date.hpp"
#include "util/error.hpp"

#include <SQLiteCpp/VariadicBind.h>

namespace duty::store {

struct VerdictWriter::Impl
{
  Store store;
  SQLite::Database& db;
  std::string path, lists_hash, profile, as_of;
  std::optional<SQLite::Transaction> tx;
  std::optional<SQLite::Statement> order, whistle;
  int64_t orders = 0, whistles = 0;

  Impl(Store s, SQLite::Database& d, const std::string& p) : store(std::move(s)), db(d), path(p) {}
};

namespace {

template <typename T>
void
bind_opt(SQLite::Statement& st, int i, const std::optional<T>& v)
{
  if (v)
    st.bind(i, *v);
  else
    st.bind(i);
}

} // namespace

VerdictWriter::VerdictWriter(const std::string& path, const std::string& lists_hash,
                             const std::string& profile, const std::string& as_of)
{
  Store s = Store::open_write(path);
  SQLite::Database& db = s.m_impl->db;
  m = std::make_unique<Impl>(std::move(s), db, path);
  m->lists_hash = lists_hash;
  m->profile = profile;
  m->as_of = as_of;
  try {
    m->tx.emplace(db, SQLite::TransactionBehavior::IMMEDIATE);
    if (db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt() == 0)
      throw UsageError(path + ": an empty database, not a duty case store");
    ensure_schema(db, path);
    SQLite::Statement del(db, "DELETE FROM verdicts WHERE lists_hash = ?");
    del.bind(1, lists_hash);
    del.exec();
    SQLite::Statement delw(db, "DELETE FROM whistle_verdicts WHERE lists_hash = ?");
    delw.bind(1, lists_hash);
    delw.exec();
    m->order.emplace(
        db, "INSERT INTO verdicts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?)");
    m->whistle.emplace(db, "INSERT INTO whistle_verdicts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  } catch (const SQLite::Exception& e) {
    throw IoError(path + ": " + e.what());
  }
}

VerdictWriter::~VerdictWriter() = default; // an uncommitted transaction rolls back

void
VerdictWriter::add(const SavedOrder& o)
{
  try {
    auto& st = *m->order;
    st.bind(1, o.id);
    st.bind(2, m->lists_hash);
    bind_opt(st, 3, o.matter_id);
    bind_opt(st, 4, o.territory_id);
    bind_opt(st, 5, o.lead);
    bind_opt(st, 6, o.dispatch);
    bind_opt(st, 7, o.dispatched_to);
    bind_opt(st, 8, o.final_unit);
    st.bind(9, o.hops);
    st.bind(10, o.returns);
    st.bind(11, o.unjustified_returns);
    bind_opt(st, 12, o.sign);
    bind_opt(st, 13, o.sign_deadline);
    bind_opt(st, 14, o.contact);
    bind_opt(st, 15, o.contact_deadline);
    bind_opt(st, 16, o.close);
    bind_opt(st, 17, o.close_deadline);
    bind_opt(st, 18, o.close_elapsed_s);
    st.bind(19, o.lifecycle);
    st.bind(20, o.excluded);
    st.bind(21, o.whistles);
    st.bind(22, o.deviates ? 1 : 0);
    st.bind(23, o.record);
    st.exec();
    st.reset();
    ++m->orders;
  } catch (const SQLite::Exception& e) {
    throw IoError(m->path + ": " + e.what());
  }
}

void
VerdictWriter::add(const SavedWhistle& w)
{
  try {
    auto& st = *m->whistle;
    st.bind(1, w.id);
    st.bind(2, m->lists_hash);
    st.bind(3, w.seq);
    st.bind(4, w.at);
    st.bind(5, w.unit);
    st.bind(6, w.type);
    bind_opt(st, 7, w.matter_id);
    if (w.whistleable)
      st.bind(8, *w.whistleable ? 1 : 0);
    else
      st.bind(8);
    st.bind(9, w.required);
    st.bind(10, w.missing);
    st.bind(11, w.extra);
    st.bind(12, w.late);
    st.bind(13, w.deviates ? 1 : 0);
    st.bind(14, w.record);
    st.exec();
    st.reset();
    ++m->whistles;
  } catch (const SQLite::Exception& e) {
    throw IoError(m->path + ": " + e.what());
  }
}

void
VerdictWriter::commit()
{
  try {
    SQLite::Statement run(m->db, "INSERT OR REPLACE INTO replays VALUES (?, ?, ?, ?, ?, ?, ?)");
    SQLite::bind(run, m->lists_hash, m->profile, m->as_of, util::now_shanghai(), m->orders, m->whistles,
                 std::string("duty " DUTY_VERSION));
    run.exec();
    m->order.reset();
    m->whistle.reset();
    m->tx->commit();
  } catch (const SQLite::Exception& e) {
    throw IoError(m->path + ": " + e.what());
  }
}

} // namespace duty::store
