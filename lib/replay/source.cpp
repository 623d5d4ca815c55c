#include "replay/source.hpp"

#include "replay/sort.hpp"
#include "store/scan.hpp"

#include <exception>
#include <functional>
#include <optional>
#include <span>
#include <thread>
#include <unordered_map>

namespace duty::replay {

namespace {

// Merges an id-ordered stream of orders with an id-ordered stream of events
// into cases: the events of an order follow it; events without an order are
// counted and skipped; of orders with the same id the later one counts.
template <typename Orders, typename Events> class Joiner
{
public:
  Joiner(Orders orders, Events events, ReadReport& report)
      : m_orders(std::move(orders)), m_events(std::move(events)), m_report(report)
  {
  }

  bool
  next(Case& c)
  {
    if (!m_order_ready && !(m_order_ready = m_orders(m_next_order)))
      return finish_strays();
    // Swapped, not moved: the records keep their buffers from case to case.
    std::swap(c.order, m_next_order);
    m_order_ready = m_orders(m_next_order);
    while (m_order_ready && m_next_order.id == c.order.id) {
      ++m_report.duplicate_orders;
      std::swap(c.order, m_next_order);
      m_order_ready = m_orders(m_next_order);
    }
    size_t n = 0;
    for (;;) {
      if (!m_event_ready && !(m_event_ready = m_events(m_event_id, m_next_event)))
        break;
      if (m_event_id > c.order.id)
        break;
      if (m_event_id == c.order.id) {
        if (n == c.events.size())
          c.events.emplace_back();
        std::swap(c.events[n++], m_next_event);
      } else {
        stray();
      }
      m_event_ready = false;
    }
    c.events.resize(n);
    return true;
  }

private:
  void
  stray()
  {
    ++m_report.stray_events;
    if (m_event_id != m_last_stray) {
      ++m_report.stray_ids;
      m_last_stray = m_event_id;
    }
  }
  bool
  finish_strays()
  {
    for (;;) {
      if (!m_event_ready && !(m_event_ready = m_events(m_event_id, m_next_event)))
        return false;
      stray();
      m_event_ready = false;
    }
  }

  Orders m_orders;
  Events m_events;
  ReadReport& m_report;
  OrderRecord m_next_order;
  bool m_order_ready = false;
  std::string m_event_id, m_last_stray;
  EventRecord m_next_event;
  bool m_event_ready = false;
};

// The fields replay reads; a broken value elsewhere (a satisfaction answer
// nobody can read) does not cost the order its verdict.
std::vector<bool>
wanted(cases::Kind kind)
{
  static constexpr std::string_view kOrders[] = {
      "id",          "type",          "category",    "territory",    "community", "unit",        "urgency",
      "status",      "received_at",   "dispatched_at", "accepted_at", "contacted_at", "closed_at", "visit_valid",
      "deadline",    "assessed",      "unreasonable",  "appeal"};
  static constexpr std::string_view kEvents[] = {"id", "at", "event", "unit", "note", "whistle", "until"};
  auto defs = cases::fields(kind);
  std::vector<bool> out(defs.size(), false);
  for (auto name : kind == cases::Kind::orders ? std::span<const std::string_view>(kOrders)
                                               : std::span<const std::string_view>(kEvents))
    out[*cases::field_index(kind, name)] = true;
  return out;
}

// Reads one kind of input into a sorter, noting bad rows.
class Loader
{
public:
  Loader(cases::Kind kind, const FileInputs& in, size_t budget)
      : m_kind(kind), m_in(in), m_sorter(budget, in.tmp_dir)
  {
  }

  void
  load(const std::vector<std::string>& paths)
  {
    cases::ReaderOptions opt = m_kind == cases::Kind::orders ? m_in.orders_reader : m_in.events_reader;
    opt.kind = m_kind;
    opt.pii = nullptr; // replay never reads personal columns: they are dropped unread
    opt.keep_personal = false;
    opt.only = wanted(m_kind);
    opt.extras = false;
    cases::Row row;
    std::string packed, error;
    uint64_t seq = 0;
    for (const auto& path : paths) {
      cases::CaseReader reader(path, opt);
      while (reader.next(row)) {
        error.clear();
        if (!row.ok()) {
          bad(reader.path(), row.line, row.error_column, row.error);
          continue;
        }
        packed.clear();
        if (m_kind == cases::Kind::orders) {
          auto o = to_order(row, error);
          if (!o) {
            bad(reader.path(), row.line, "", error);
            continue;
          }
          o->line = row.line;
          o->seq = seq;
          pack(*o, packed);
          m_sorter.add(o->id, seq++, packed);
        } else {
          auto e = to_event(row, error);
          if (!e) {
            bad(reader.path(), row.line, "", error);
            continue;
          }
          e->seq = seq;
          intern(*e);
          pack(*e, packed);
          m_sorter.add(row.values[0], seq++, packed);
        }
      }
    }
    m_sorter.finish();
  }

  ExternalSorter&
  sorter()
  {
    return m_sorter;
  }
  uint64_t bad_rows = 0;
  std::vector<std::string> listed;

private:
  // A unit the lists know travels as its index; an unknown name as written.
  void
  intern(EventRecord& e)
  {
    if (!m_in.names || e.unit.empty())
      return;
    auto it = m_units.find(e.unit);
    if (it == m_units.end()) {
      const lists::Unit* u = resolve_unit(*m_in.names, e.unit);
      it = m_units.emplace(e.unit, u ? int32_t(u - m_in.lists->units.data()) : -1).first;
    }
    if (it->second >= 0) {
      e.unit_index = it->second;
      e.unit.clear();
    }
  }

  void
  bad(const std::string& path, uint64_t line, const std::string& column, const std::string& why)
  {
    if (listed.size() < m_in.max_listed)
      listed.push_back(path + ":" + std::to_string(line) + ": " +
                       (column.empty() ? "" : "column " + column + ": ") + why);
    ++bad_rows;
  }

  cases::Kind m_kind;
  const FileInputs& m_in;
  ExternalSorter m_sorter;
  std::unordered_map<std::string, int32_t> m_units;
};

class FileSource : public CaseSource
{
public:
  explicit FileSource(const FileInputs& in)
      : m_orders(cases::Kind::orders, in, in.memory / 4),
        m_events(cases::Kind::events, in, in.memory - in.memory / 4)
  {
    // Events are usually several times the orders: they get three quarters of the budget.
    std::exception_ptr failed;
    std::thread events([&] {
      try {
        m_events.load(in.events);
      } catch (...) {
        failed = std::current_exception();
      }
    });
    try {
      m_orders.load(in.orders);
    } catch (...) {
      events.join();
      throw;
    }
    events.join();
    if (failed)
      std::rethrow_exception(failed);
    m_report.orders = m_orders.sorter().records();
    m_report.events = m_events.sorter().records();
    m_report.bad_rows = m_orders.bad_rows + m_events.bad_rows;
    m_report.bad_event_rows = m_events.bad_rows;
    m_report.listed_events = m_events.listed;
    m_report.listed = m_orders.listed;
    m_report.listed.insert(m_report.listed.end(), m_events.listed.begin(), m_events.listed.end());
    if (m_report.listed.size() > in.max_listed)
      m_report.listed.resize(in.max_listed);
    m_report.runs_written = m_orders.sorter().runs_written() + m_events.sorter().runs_written();
    m_join.emplace(
        [this](OrderRecord& o) {
          std::string_view key, payload;
          if (!m_orders.sorter().next(key, payload))
            return false;
          unpack(payload, o);
          return true;
        },
        [this](std::string& id, EventRecord& e) {
          std::string_view key, payload;
          if (!m_events.sorter().next(key, payload))
            return false;
          id.assign(key);
          unpack(payload, e);
          return true;
        },
        m_report);
  }

  bool
  next(Case& c) override
  {
    return m_join->next(c);
  }

private:
  using OrderFn = std::function<bool(OrderRecord&)>;
  using EventFn = std::function<bool(std::string&, EventRecord&)>;
  Loader m_orders, m_events;
  std::optional<Joiner<OrderFn, EventFn>> m_join;
};

class StoreSource : public CaseSource
{
public:
  StoreSource(const std::string& path, size_t max_listed) : m_scan(path), m_max_listed(max_listed)
  {
    m_join.emplace(
        [this](OrderRecord& o) {
          for (;;) {
            if (!m_scan.next_order(m_row))
              return false;
            std::string error;
            auto r = to_order(m_row, error);
            if (r) {
              o = std::move(*r);
              o.line = m_row.line;
              o.seq = m_row.line;
              ++m_report.orders;
              return true;
            }
            bad("orders", m_row.line, error);
          }
        },
        [this](std::string& id, EventRecord& e) {
          for (;;) {
            if (!m_scan.next_event(m_row))
              return false;
            std::string error;
            auto r = to_event(m_row, error);
            if (r) {
              id = m_row.values[0];
              e = std::move(*r);
              e.seq = m_row.line;
              ++m_report.events;
              return true;
            }
            bad("events", m_row.line, error);
          }
        },
        m_report);
  }

  bool
  next(Case& c) override
  {
    return m_join->next(c);
  }

private:
  void
  bad(const char* table, uint64_t line, const std::string& why)
  {
    std::string listed = m_scan.path() + ": " + table + " row " + std::to_string(line) + ": " + why;
    bool event = std::string_view(table) == "events";
    if (event && m_report.listed_events.size() < m_max_listed)
      m_report.listed_events.push_back(listed);
    if (m_report.listed.size() < m_max_listed)
      m_report.listed.push_back(std::move(listed));
    ++m_report.bad_rows;
    m_report.bad_event_rows += event;
  }

  using OrderFn = std::function<bool(OrderRecord&)>;
  using EventFn = std::function<bool(std::string&, EventRecord&)>;
  store::CaseScan m_scan;
  size_t m_max_listed;
  cases::Row m_row;
  std::optional<Joiner<OrderFn, EventFn>> m_join;
};

} // namespace

std::unique_ptr<CaseSource>
open_files(const FileInputs& in)
{
  return std::make_unique<FileSource>(in);
}

std::unique_ptr<CaseSource>
open_store(const std::string& path, size_t max_listed)
{
  return std::make_unique<StoreSource>(path, max_listed);
}

} // namespace duty::replay
