#include "rates/count.hpp"

#include "cases/fields.hpp"
#include "rates/scan_export.hpp"
#include "store/store.hpp"
#include "util/error.hpp"

#include <algorithm>
#include <cstdio>
#include <fmt/format.h>
#include <functional>
#include <memory>
#include <random>
#include <set>
#include <unistd.h>

namespace duty::rates {

namespace {

using OrderFn = std::function<void(const Order&)>;

// The order fields the rates read, in this order, from the store.
constexpr std::string_view kStoreColumns[] = {
  "id",          "type",        "status",     "unit",      "territory", "category",
  "phone",       "caller",      "received_at", "dispatched_at", "closed_at", "visited_at",
  "visit_valid", "contacted",   "assessed",   "resolved",  "satisfaction", "unreasonable",
  "appeal",
};

int64_t
stamp(std::optional<std::string_view> v)
{
  if (!v)
    return kNoTime;
  auto t = parse_stamp(*v);
  return t ? *t : kNoTime;
}

std::string_view
text(std::optional<std::string_view> v)
{
  return v ? *v : std::string_view();
}

// Statuses that say the row's unit handed the order back (it went to another unit).
bool
is_returned_status(std::string_view s)
{
  for (std::string_view r : {"已退回", "退回", "退单", "已退单", "回退", "已回退", "已改派", "改派"})
    if (s == r)
      return true;
  return false;
}

void
read_store(const std::string& path, Counted& out, bool first_pass, const OrderFn& each)
{
  store::Store st = store::Store::open_read(path);
  std::vector<std::string> have = st.columns("orders");
  std::string select;
  for (auto c : kStoreColumns) {
    bool present = std::find(have.begin(), have.end(), c) != have.end();
    select += (select.empty() ? "" : ", ") + (present ? "o." + std::string(c) : "NULL");
    if (!present && first_pass)
      out.notes.push_back(fmt::format("{}: the store has no column {} (made by an older duty; ingest again to add it)",
                                      path, c));
  }
  // Units that returned an order which then went to another unit (events 退单, then 派单/改派).
  std::set<std::pair<std::string, std::string>> returned;
  st.scan("SELECT r.id, r.unit FROM events r WHERE r.event = '退单' AND r.unit IS NOT NULL AND EXISTS ("
          "SELECT 1 FROM events d WHERE d.id = r.id AND d.event IN ('派单', '改派') AND d.at >= r.at "
          "AND ifnull(d.unit, '') <> r.unit)",
          [&](auto v) { returned.emplace(std::string(text(v[0])), std::string(text(v[1]))); });
  st.scan("SELECT " + select + " FROM orders o ORDER BY o.id", [&](auto v) {
    Order o;
    o.id = text(v[0]);
    o.type = text(v[1]);
    o.status = text(v[2]);
    o.unit = text(v[3]);
    o.territory = text(v[4]);
    o.category = text(v[5]);
    o.caller = v[6] ? *v[6] : text(v[7]);
    o.received = stamp(v[8]);
    o.dispatched = stamp(v[9]);
    o.closed = stamp(v[10]);
    o.visited = stamp(v[11]);
    o.visit_valid = tri_of(text(v[12]));
    o.contacted = tri_of(text(v[13]));
    o.assessed = tri_of(text(v[14]));
    o.resolved = resolved_of(text(v[15]));
    o.satisfaction = satisfaction_of(text(v[16]));
    o.unreasonable = verdict_of(text(v[17]));
    o.appeal = verdict_of(text(v[18]));
    o.returned = is_returned_status(o.status)
                 || (!returned.empty() && returned.count({std::string(o.id), std::string(o.unit)}));
    each(o);
  });
}

// Field indexes of the canonical order fields the rates read.
struct ExportFields
{
  size_t id, type, status, unit, territory, category, phone, caller, received, dispatched, closed, visited,
    visit_valid, contacted, assessed, resolved, satisfaction, unreasonable, appeal;
  ExportFields()
  {
    auto f = [](std::string_view n) { return *cases::field_index(cases::Kind::orders, n); };
    id = f("id");
    type = f("type");
    status = f("status");
    unit = f("unit");
    territory = f("territory");
    category = f("category");
    phone = f("phone");
    caller = f("caller");
    received = f("received_at");
    dispatched = f("dispatched_at");
    closed = f("closed_at");
    visited = f("visited_at");
    visit_valid = f("visit_valid");
    contacted = f("contacted");
    assessed = f("assessed");
    resolved = f("resolved");
    satisfaction = f("satisfaction");
    unreasonable = f("unreasonable");
    appeal = f("appeal");
  }
};

void
read_export(const std::string& path, const CountOptions& opt, const cases::PiiHasher& pii, Counted& out,
            bool first_pass, const OrderFn& each)
{
  static const ExportFields F;
  cases::ReaderOptions ro = opt.reader;
  ro.kind = cases::Kind::orders;
  ro.pii = &pii; // callers are compared, never kept: a per-run key
  ro.keep_personal = false;
  cases::CaseReader reader(path, ro);
  if (first_pass && !reader.has_field(F.visit_valid))
    out.notes.push_back(reader.path() + ": no 是否有效回访 (visit_valid) column: no order has a valid return visit, "
                                        "so every rate is empty; name the column in a --map file");
  cases::Row row;
  auto v = [&](size_t f) { return row.has[f] ? std::optional<std::string_view>(row.values[f]) : std::nullopt; };
  while (reader.next(row)) {
    if (!row.ok()) {
      if (first_pass) {
        ++out.bad_rows;
        if (out.bad.size() < opt.max_listed)
          // "orders.csv:66", or the cell of a workbook: "工单.xlsx[工单明细]!U68".
          out.bad.push_back(fmt::format("{}: {}{}", reader.locate(row),
                                        row.error_column.empty() ? "" : "column " + row.error_column + ": ",
                                        row.error));
      }
      continue;
    }
    Order o;
    o.id = text(v(F.id));
    o.type = text(v(F.type));
    o.status = text(v(F.status));
    o.unit = text(v(F.unit));
    o.territory = text(v(F.territory));
    o.category = text(v(F.category));
    o.caller = row.has[F.phone] ? row.values[F.phone] : text(v(F.caller));
    o.received = stamp(v(F.received));
    o.dispatched = stamp(v(F.dispatched));
    o.closed = stamp(v(F.closed));
    o.visited = stamp(v(F.visited));
    o.visit_valid = tri_of(text(v(F.visit_valid)));
    o.contacted = tri_of(text(v(F.contacted)));
    o.assessed = tri_of(text(v(F.assessed)));
    o.resolved = resolved_of(text(v(F.resolved)));
    o.satisfaction = satisfaction_of(text(v(F.satisfaction)));
    o.unreasonable = verdict_of(text(v(F.unreasonable)));
    o.appeal = verdict_of(text(v(F.appeal)));
    o.returned = is_returned_status(o.status);
    each(o);
  }
}

// Standard input copied to a temporary file, for inputs read twice.
class Spool
{
public:
  Spool()
  {
    const char* dir = std::getenv("TMPDIR");
    m_path = std::string(dir && *dir ? dir : "/tmp") + "/duty-rates-XXXXXX";
    int fd = ::mkstemp(m_path.data());
    if (fd < 0)
      throw UsageError("cannot create a temporary file to read standard input twice: " + m_path);
    char buf[1 << 16];
    ssize_t n;
    while ((n = ::read(0, buf, sizeof buf)) > 0)
      if (::write(fd, buf, size_t(n)) != n) {
        ::close(fd);
        throw UsageError("cannot write a temporary copy of standard input: " + m_path);
      }
    ::close(fd);
  }
  ~Spool() { std::remove(m_path.c_str()); }
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;
  const std::string& path() const { return m_path; }

private:
  std::string m_path;
};

std::string
random_key()
{
  std::random_device rd;
  std::string key;
  for (int i = 0; i < 32; ++i)
    key += char('a' + rd() % 26);
  return key;
}

// The duplicate rule's first pass, on one chunk.
class DupSink : public OrderSink
{
public:
  DupSink(const CountOptions& opt, int64_t within) : attr(*opt.profile, opt.lists, opt.by), dups(within) {}
  void add(const Order& o) override { dups.add(o.caller, attr.matter_key(o.category), o.received, o.id); }
  Attributor attr;
  Duplicates dups;
};

// Counting, on one chunk (or the whole of an input read in order). With a
// clock book, each order is counted with the clocks replay judged for it.
class TallySink : public OrderSink
{
public:
  TallySink(const CountOptions& opt, const Duplicates* dups, const replay::ClockBook* clocks)
    : attr(*opt.profile, opt.lists, opt.by), tally(*opt.profile, attr, dups), m_clocks(clocks)
  {
  }
  void add(const Order& o) override
  {
    ++rows;
    if (!m_clocks)
      return tally.add(o);
    Order timed = o;
    unclocked += !stamp_clocks(timed, *m_clocks);
    tally.add(timed);
  }
  Attributor attr;
  Tally tally;
  uint64_t rows = 0, unclocked = 0;

private:
  const replay::ClockBook* m_clocks;
};

void
take_scan(ScanResult& r, Counted& out, bool first_pass, size_t max_listed)
{
  if (!first_pass)
    return;
  out.bad_rows += r.bad_rows;
  for (auto& b : r.bad)
    if (out.bad.size() < max_listed)
      out.bad.push_back(std::move(b));
  for (auto& n : r.notes)
    out.notes.push_back(std::move(n));
}

// The duplicate rule's first pass over every input. Notes and bad rows are taken here.
std::unique_ptr<Duplicates>
find_duplicates(const CountOptions& opt, const std::vector<std::string>& inputs, const lists::Exclusion& rule,
                const cases::PiiHasher& pii, ScanOptions so, Counted& out)
{
  int64_t within = int64_t(*rule.within->clock_minutes()) * 60;
  auto dups = std::make_unique<Duplicates>(within);
  Attributor attr(*opt.profile, opt.lists, opt.by);
  auto collect = [&](const Order& o) { dups->add(o.caller, attr.matter_key(o.category), o.received, o.id); };
  if (!opt.db.empty())
    read_store(opt.db, out, true, collect);
  so.callers = &pii;
  for (const auto& in : inputs) {
    if (!scannable(in, opt.reader)) {
      read_export(in, opt, pii, out, true, collect);
      continue;
    }
    ScanResult r = scan_export(in, opt.reader, opt.max_listed, so,
                               [&] { return std::make_unique<DupSink>(opt, within); });
    take_scan(r, out, true, opt.max_listed);
    for (auto& s : r.sinks)
      dups->absorb(std::move(static_cast<DupSink&>(*s).dups));
  }
  dups->finish();
  return dups;
}

// A chunk's (or an input's) counts into the result.
void
take_sink(TallySink& t, Counted& out)
{
  out.rows += t.rows;
  out.unclocked += t.unclocked;
  merge(out.totals, t.tally.totals());
  out.unplaced.add(t.tally.unplaced());
  for (const auto& [name, n] : t.attr.unresolved)
    out.unresolved[name] += n;
  out.undecided_leads += t.attr.undecided_leads;
}

} // namespace

Counted
count_orders(const CountOptions& opt)
{
  const lists::Profile& profile = *opt.profile;
  Counted out;
  const lists::Exclusion* dup_rule = nullptr;
  for (const auto& x : profile.exclusions)
    if (x.rule == lists::ExclusionRule::duplicate)
      dup_rule = &x;
  bool replay_here = uses_clocks(profile) && !opt.clocks;
  cases::PiiHasher pii(random_key());
  std::vector<std::string> inputs = opt.inputs;
  std::unique_ptr<Spool> spool; // inputs read more than once
  if ((dup_rule || replay_here) && std::find(inputs.begin(), inputs.end(), "-") != inputs.end()) {
    spool = std::make_unique<Spool>();
    std::replace(inputs.begin(), inputs.end(), std::string("-"), spool->path());
  }
  const replay::ClockBook* clocks = uses_clocks(profile) ? opt.clocks : nullptr;
  replay::ClockBook replayed;
  if (replay_here) {
    ClockInputs ci{opt.lists, &profile, opt.db, inputs, opt.events, opt.reader, opt.events_reader, opt.as_of};
    replayed = replay_clocks(ci, out.replayed.emplace());
    clocks = &replayed;
  }
  ScanOptions so;
  needed_fields(profile, opt.by, dup_rule != nullptr, so);
  std::unique_ptr<Duplicates> dups;
  if (dup_rule)
    dups = find_duplicates(opt, inputs, *dup_rule, pii, so, out);

  TallySink sequential(opt, dups.get(), clocks);
  auto count = [&](const Order& o) { sequential.add(o); };
  if (!opt.db.empty())
    read_store(opt.db, out, !dup_rule, count);
  for (const auto& in : inputs) {
    if (!scannable(in, opt.reader)) {
      read_export(in, opt, pii, out, !dup_rule, count);
      continue;
    }
    ScanResult r = scan_export(in, opt.reader, opt.max_listed, so,
                               [&] { return std::make_unique<TallySink>(opt, dups.get(), clocks); });
    take_scan(r, out, !dup_rule, opt.max_listed);
    for (auto& s : r.sinks)
      take_sink(static_cast<TallySink&>(*s), out);
  }
  take_sink(sequential, out);
  return out;
}

} // namespace duty::rates
