#include "replay/records.hpp"

#include "cases/fields.hpp"
#include "cases/json_line.hpp"

#include <algorithm>
#include <cstring>

namespace duty::replay {

namespace {

constexpr std::string_view kEventNames[] = {"受理", "派单", "签收", "联系", "退单", "改派", "延期", "督办",
                                            "吹哨", "报到", "回复", "办结", "回访", "重办", "申诉", "核减"};

// Field positions in cases::fields(), looked up once.
struct OrderFields
{
  size_t id, type, category, territory, community, unit, urgency, status, received, dispatched, accepted,
      contacted, closed, visit, assessed, unreasonable, appeal, deadline;
  OrderFields()
  {
    using cases::Kind;
    auto f = [](const char* n) { return *cases::field_index(Kind::orders, n); };
    id = f("id"), type = f("type"), category = f("category"), territory = f("territory"), unit = f("unit");
    community = f("community");
    urgency = f("urgency"), status = f("status"), received = f("received_at"),
    dispatched = f("dispatched_at");
    accepted = f("accepted_at"), contacted = f("contacted_at"), closed = f("closed_at");
    visit = f("visit_valid"), deadline = f("deadline");
    assessed = f("assessed"), unreasonable = f("unreasonable"), appeal = f("appeal");
  }
};

struct EventFields
{
  size_t id, at, event, unit, note, whistle, until;
  EventFields()
  {
    using cases::Kind;
    auto f = [](const char* n) { return *cases::field_index(Kind::events, n); };
    id = f("id"), at = f("at"), event = f("event"), unit = f("unit"), note = f("note"),
    whistle = f("whistle");
    until = f("until");
  }
};

const std::string&
value(const cases::Row& row, size_t f)
{
  static const std::string kEmpty;
  return f < row.has.size() && row.has[f] ? row.values[f] : kEmpty;
}

bool
time_of(const cases::Row& row, size_t f, std::optional<Timestamp>& out, std::string& error, const char* name)
{
  const std::string& v = value(row, f);
  if (v.empty())
    return true;
  out = util::parse_timestamp(v);
  if (!out)
    error = std::string(name) + ": not a time: " + v.substr(0, 40);
  return out.has_value();
}

// Length-prefixed fields: the order of pack() is the order of unpack().
struct Writer
{
  std::string& out;
  void
  u64(uint64_t v)
  {
    out.append(reinterpret_cast<const char*>(&v), 8);
  }
  void
  u8(uint8_t v)
  {
    out.push_back(char(v));
  }
  void
  str(std::string_view s)
  {
    uint32_t n = uint32_t(s.size());
    out.append(reinterpret_cast<const char*>(&n), 4);
    out.append(s);
  }
  void
  time(const std::optional<Timestamp>& t)
  {
    u8(t.has_value());
    if (t)
      u64(uint64_t(t->secs));
  }
  void
  deadline(const DeadlineSpec& d)
  {
    u8(d.limit ? 1 : 0);
    if (d.limit) {
      u8(uint8_t(d.limit->unit));
      u64(uint64_t(d.limit->amount));
    }
    time(d.at);
  }
};

struct Reader
{
  std::string_view in;
  size_t pos = 0;
  uint64_t
  u64()
  {
    uint64_t v;
    std::memcpy(&v, in.data() + pos, 8);
    pos += 8;
    return v;
  }
  uint8_t
  u8()
  {
    return uint8_t(in[pos++]);
  }
  // Into `s`, reusing its buffer.
  void
  str(std::string& s)
  {
    uint32_t n;
    std::memcpy(&n, in.data() + pos, 4);
    pos += 4;
    s.assign(in.data() + pos, n);
    pos += n;
  }
  std::optional<Timestamp>
  time()
  {
    if (!u8())
      return std::nullopt;
    return Timestamp{int64_t(u64())};
  }
  DeadlineSpec
  deadline()
  {
    DeadlineSpec d;
    if (u8()) {
      util::Duration l;
      l.unit = util::Duration::Unit(u8());
      l.amount = long(u64());
      d.limit = l;
    }
    d.at = time();
    return d;
  }
};

} // namespace

const lists::Unit*
resolve_unit(const lists::Names& names, std::string_view name)
{
  auto found = names.units(name);
  return found.size() == 1 ? found[0] : nullptr;
}

std::string_view
event_name(EventKind k)
{
  return kEventNames[size_t(k)];
}

std::optional<EventKind>
event_kind(std::string_view name)
{
  for (size_t i = 0; i < std::size(kEventNames); ++i)
    if (kEventNames[i] == name)
      return EventKind(i);
  return std::nullopt;
}

DeadlineSpec
parse_deadline_spec(std::string_view s)
{
  DeadlineSpec d;
  if (s.empty())
    return d;
  if (auto l = util::parse_duration(s)) {
    d.limit = l;
  } else if (s.size() == 10) {
    if (auto day = util::parse_date(s))
      d.at = Timestamp::at(util::Date{day->days + 1}); // the whole day
  } else if (auto t = util::parse_timestamp(s)) {
    d.at = *t + 1; // on time at that very second; the deadline is the one after
  }
  return d;
}

std::optional<OrderRecord>
to_order(const cases::Row& row, std::string& error)
{
  static const OrderFields F;
  OrderRecord o;
  o.id = value(row, F.id);
  if (o.id.empty()) {
    error = "no id";
    return std::nullopt;
  }
  o.type = value(row, F.type);
  o.category = value(row, F.category);
  o.territory = value(row, F.territory);
  o.community = value(row, F.community);
  o.unit = value(row, F.unit);
  o.urgency = value(row, F.urgency);
  o.status = value(row, F.status);
  if (!time_of(row, F.received, o.received_at, error, "received_at") ||
      !time_of(row, F.dispatched, o.dispatched_at, error, "dispatched_at") ||
      !time_of(row, F.accepted, o.accepted_at, error, "accepted_at") ||
      !time_of(row, F.contacted, o.contacted_at, error, "contacted_at") ||
      !time_of(row, F.closed, o.closed_at, error, "closed_at"))
    return std::nullopt;
  const std::string& visit = value(row, F.visit);
  if (!visit.empty())
    o.visit_valid = visit == "1";
  if (const std::string& a = value(row, F.assessed); !a.empty())
    o.assessed = a == "1";
  o.unreasonable = value(row, F.unreasonable) == "yes";
  o.appeal_upheld = value(row, F.appeal) == "yes";
  const std::string& deadline = value(row, F.deadline);
  o.deadline = parse_deadline_spec(deadline);
  if (!deadline.empty() && o.deadline.empty()) {
    error = "deadline: not a time or a limit: " + deadline.substr(0, 40);
    return std::nullopt;
  }
  if (!row.dims.empty()) {
    std::vector<std::pair<std::string, std::string>> kv;
    if (cases::parse_json_object(row.dims, kv).empty())
      for (auto& [k, v] : kv)
        o.dims.emplace_back(std::move(k), std::move(v));
    std::sort(o.dims.begin(), o.dims.end());
  }
  return o;
}

std::optional<EventRecord>
to_event(const cases::Row& row, std::string& error)
{
  static const EventFields F;
  EventRecord e;
  auto kind = event_kind(value(row, F.event));
  if (!kind) {
    error = "unknown event " + value(row, F.event).substr(0, 40);
    return std::nullopt;
  }
  e.kind = *kind;
  auto at = util::parse_timestamp(value(row, F.at));
  if (!at) {
    error = "at: not a time: " + value(row, F.at).substr(0, 40);
    return std::nullopt;
  }
  e.at = *at;
  e.unit = value(row, F.unit);
  e.whistle = value(row, F.whistle);
  if (e.kind == EventKind::extend) {
    e.note = value(row, F.note);
    const std::string& until = value(row, F.until);
    e.until = parse_deadline_spec(until);
    if (!until.empty() && e.until.empty()) {
      error = "until: not a time or a limit: " + until.substr(0, 40);
      return std::nullopt;
    }
  }
  return e;
}

void
pack(const OrderRecord& o, std::string& out)
{
  Writer w{out};
  for (const std::string* s :
       {&o.id, &o.type, &o.category, &o.territory, &o.community, &o.unit, &o.urgency, &o.status})
    w.str(*s);
  for (const auto* t : {&o.received_at, &o.dispatched_at, &o.accepted_at, &o.contacted_at, &o.closed_at})
    w.time(*t);
  w.u8(o.visit_valid ? (*o.visit_valid ? 2 : 1) : 0);
  w.u8(uint8_t((o.assessed ? (*o.assessed ? 2 : 1) : 0) | o.unreasonable << 2 | o.appeal_upheld << 3));
  w.deadline(o.deadline);
  w.u64(o.dims.size());
  for (const auto& [k, v] : o.dims) {
    w.str(k);
    w.str(v);
  }
  w.u64(o.line);
  w.u64(o.seq);
}

void
unpack(std::string_view in, OrderRecord& o)
{
  Reader r{in};
  for (std::string* s : {&o.id, &o.type, &o.category, &o.territory, &o.community, &o.unit, &o.urgency,
                         &o.status})
    r.str(*s);
  for (auto* t : {&o.received_at, &o.dispatched_at, &o.accepted_at, &o.contacted_at, &o.closed_at})
    *t = r.time();
  uint8_t v = r.u8();
  o.visit_valid = v ? std::optional<bool>(v == 2) : std::nullopt;
  uint8_t flags = r.u8();
  o.assessed = flags & 3 ? std::optional<bool>((flags & 3) == 2) : std::nullopt;
  o.unreasonable = flags & 4;
  o.appeal_upheld = flags & 8;
  o.deadline = r.deadline();
  o.dims.resize(r.u64());
  for (auto& [k, val] : o.dims) {
    r.str(k);
    r.str(val);
  }
  o.line = r.u64();
  o.seq = r.u64();
}

void
pack(const EventRecord& e, std::string& out)
{
  Writer w{out};
  w.u8(uint8_t(e.kind));
  w.u64(uint64_t(e.at.secs));
  w.u64(uint64_t(uint32_t(e.unit_index)));
  w.str(e.unit);
  w.str(e.whistle);
  w.str(e.note);
  w.deadline(e.until);
  w.u64(e.seq);
}

void
unpack(std::string_view in, EventRecord& e)
{
  Reader r{in};
  e.kind = EventKind(r.u8());
  e.at = Timestamp{int64_t(r.u64())};
  e.unit_index = int32_t(uint32_t(r.u64()));
  r.str(e.unit);
  r.str(e.whistle);
  r.str(e.note);
  e.until = r.deadline();
  e.seq = r.u64();
}

} // namespace duty::replay
