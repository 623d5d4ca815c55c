#include "cases/reader.hpp"

#include "cases/values.hpp"
#include "util/error.hpp"
#include "util/json.hpp"
#include "util/spell.hpp"
#include "util/text.hpp"

#include <algorithm>

namespace duty::cases {

namespace {

constexpr size_t npos = size_t(-1);
constexpr std::string_view kHidden = "(a personal value)";

bool
looks_personal(std::string_view v)
{
  return looks_like_phone(v) || looks_like_id_number(v);
}

bool
has_digit(std::string_view v)
{
  return std::any_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string
where(const std::string& path, const MapSpec::Where& at)
{
  return path + ":" + std::to_string(at.line) + ":" + std::to_string(at.col) + ": ";
}

} // namespace

CaseReader::CaseReader(const std::string& path, const ReaderOptions& options)
  : m_opt(options),
    m_source(open_records(path, options))
{
  if (m_opt.map)
    m_time = m_opt.map->time;
  auto defs = fields(m_opt.kind);
  m_field_column.assign(defs.size(), npos);
  for (size_t f = defs.size(); f-- > 0;) { // the first field listing an alias wins
    for (auto a : defs[f].aliases)
      m_alias[normalize_header(a)] = f;
    m_alias[std::string(defs[f].name)] = f;
  }
  if (m_opt.map)
    m_map_header_seen.assign(m_opt.map->fields.size() + m_opt.map->dimensions.size()
                               + m_opt.map->personal.size(),
                             0);
  plan_columns();
  if (m_source->format() != Format::jsonl) {
    // Zero bytes (a forgotten pipe: duty query … </dev/null) has no header to complain about.
    if (m_source->header().empty())
      throw InputError(m_source->name() + ": empty input: no header line and no rows (an export starts with its header line)");
    check_map_headers(false);
    check_required();
  }
}

// ---- Header planning -------------------------------------------------------

CaseReader::Column
CaseReader::plan_column(size_t c, bool& have_category_field)
{
  const auto& header = m_source->header();
  auto defs = fields(m_opt.kind);
  Column col;
  col.header = header[c];
  // JSON Lines keys are data too: one that looks like a phone number is not kept as a key.
  col.key = looks_personal(col.header) ? "column " + std::to_string(c + 1) : col.header;
  std::string norm = normalize_header(header[c]);
  std::optional<size_t> field;
  std::optional<size_t> level;
  size_t seen = 0; // index into m_map_header_seen
  if (m_opt.map) {
    for (const auto& fm : m_opt.map->fields) {
      if (normalize_header(fm.header) == norm) {
        m_map_header_seen[seen] = 1;
        if (fm.field.starts_with("category") && fm.field.size() == 9)
          level = size_t(fm.field[8] - '1');
        else
          field = field_index(m_opt.kind, fm.field);
      }
      ++seen;
    }
  }
  if (!field && !level) {
    if (auto it = m_alias.find(norm); it != m_alias.end())
      field = it->second;
    else
      level = category_level(norm);
  }
  // The first column for a field wins; a second one is kept as an extra attribute.
  // JSON Lines objects may spell a key differently from row to row: all spellings count.
  bool jsonl = m_source->format() == Format::jsonl;
  if (field && (m_field_column[*field] == npos || jsonl)) {
    col.role = Column::Role::field;
    col.index = *field;
    col.matched = true;
    if (m_field_column[*field] == npos)
      m_field_column[*field] = c;
    col.personal = defs[*field].type == FieldType::personal
                   || defs[*field].type == FieldType::phone;
    col.phone = defs[*field].type == FieldType::phone;
    if (m_opt.map)
      for (const auto& vm : m_opt.map->values)
        col.translated = col.translated || vm.field == defs[*field].name;
    if (defs[*field].name == "category")
      have_category_field = true;
  } else if (level && !have_category_field) {
    col.role = Column::Role::category_part;
    col.index = *level;
    col.matched = true;
  } else if (field || level) {
    col.matched = true; // a second column for a field: kept as an extra
  }
  if (m_opt.map) {
    for (const auto& dm : m_opt.map->dimensions) {
      if (normalize_header(dm.header) == norm) {
        m_map_header_seen[seen] = 1;
        col.matched = true;
        if (col.role == Column::Role::extra) {
          col.role = Column::Role::dimension;
          col.dimension = dm.dimension;
        }
      }
      ++seen;
    }
    for (const auto& p : m_opt.map->personal) {
      if (normalize_header(p.header) == norm) {
        m_map_header_seen[seen] = 1;
        col.personal = true;
      }
      ++seen;
    }
  }
  // A header the built-in table knows as personal stays personal wherever a map sends it.
  if (PersonalKind k = personal_header(norm); k != PersonalKind::none) {
    col.personal = true;
    col.phone = col.phone || k == PersonalKind::phone;
  }
  return col;
}

void
CaseReader::plan_columns()
{
  // Called again as JSON Lines keys appear: costs the new columns only.
  bool had = m_have_category_field;
  for (size_t c = m_columns.size(); c < m_source->header().size(); ++c)
    m_columns.push_back(plan_column(c, m_have_category_field));
  // A 问题分类 column that appears after 一级分类 still wins: demote the parts.
  if (m_have_category_field && !had)
    for (auto& col : m_columns)
      if (col.role == Column::Role::category_part)
        col.role = Column::Role::extra;
}

bool
CaseReader::header_is_plausible() const
{
  // A headerless export's first line is data: unless one of its cells names
  // something we know and none looks like a phone or ID number, it is not
  // shown, lest a message print a caller.
  bool matched = false;
  for (const auto& c : m_columns) {
    if (looks_personal(c.header))
      return false;
    matched = matched || c.matched;
  }
  return matched;
}

const std::string&
CaseReader::shown_header(size_t c) const
{
  return m_columns[c].key;
}

void
CaseReader::check_required() const
{
  auto defs = fields(m_opt.kind);
  for (size_t f = 0; f < defs.size(); ++f) {
    if (!defs[f].required || m_field_column[f] != npos)
      continue;
    std::string msg = path() + ":1: no column for " + std::string(defs[f].name) + " ("
                      + std::string(defs[f].aliases.empty() ? "" : defs[f].aliases[0]) + "); ";
    if (header_is_plausible()) {
      std::string headers;
      for (size_t c = 0; c < m_columns.size(); ++c)
        headers += (headers.empty() ? "" : ", ") + shown_header(c);
      msg += "the header has: " + util::quote(headers, 200);
    } else {
      msg += "the first line (" + std::to_string(m_columns.size())
             + " cells) does not look like a header; it is not shown, as it may be data: an "
               "export without a header line needs one";
    }
    throw InputError(msg + "; name the column in a --map file");
  }
}

void
CaseReader::check_map_headers(bool at_end) const
{
  if (!m_opt.map)
    return;
  const MapSpec& map = *m_opt.map;
  std::vector<std::string> shown;
  if (header_is_plausible())
    for (size_t c = 0; c < m_columns.size(); ++c)
      if (!looks_personal(m_columns[c].header))
        shown.push_back(m_columns[c].header);
  std::vector<std::string_view> candidates(shown.begin(), shown.end());
  auto missing = [&](const std::string& header, const MapSpec::Where& at, const char* what) {
    std::string msg = where(map.path, at) + what + " " + util::quote(header) + " is not a "
                      + (at_end ? "key of any line of " : "column of ") + path();
    std::string hint = util::did_you_mean(header, candidates);
    if (!hint.empty())
      msg += "; " + hint;
    else if (!header_is_plausible())
      msg += "; no cell of its first line names a known field or a header of the map: does "
             "the export lack its header line?";
    throw UsageError(msg);
  };
  size_t seen = 0;
  auto was_seen = [&](const std::string& header) {
    if (m_source->format() == Format::jsonl)
      return m_map_header_seen[seen] != 0;
    std::string norm = normalize_header(header);
    return std::any_of(m_columns.begin(), m_columns.end(),
                       [&](const Column& c) { return normalize_header(c.header) == norm; });
  };
  for (const auto& fm : map.fields) {
    if (!was_seen(fm.header))
      missing(fm.header, fm.at, "the header");
    ++seen;
  }
  for (const auto& dm : map.dimensions) {
    if (!was_seen(dm.header))
      missing(dm.header, dm.at, "the dimension header");
    ++seen;
  }
  for (const auto& p : map.personal) {
    if (!was_seen(p.header))
      missing(p.header, p.at, "the personal header");
    ++seen;
  }
}

bool
CaseReader::has_field(size_t f) const
{
  if (m_source->format() == Format::jsonl || m_field_column[f] != npos)
    return true;
  if (fields(m_opt.kind)[f].name != "category")
    return false;
  for (const auto& col : m_columns)
    if (col.role == Column::Role::category_part)
      return true;
  return false;
}

// ---- Rows ------------------------------------------------------------------

std::optional<std::string>
CaseReader::mask(const Column& col, std::string_view value)
{
  if (m_opt.keep_personal)
    return std::string(value);
  if (col.phone && !has_digit(value))
    return std::nullopt; // 无, 不详, -: no phone number, and no caller to count
  if (!m_opt.pii) {
    m_dropped_personal = true;
    return std::nullopt;
  }
  return m_opt.pii->hash(value, col.phone);
}

bool
CaseReader::next(Row& row)
{
  if (!m_source->next(m_rec)) {
    if (m_source->format() == Format::jsonl)
      check_map_headers(true);
    return false;
  }
  if (m_columns.size() < m_source->header().size())
    plan_columns();
  begin_row(row);
  if (!row.ok())
    return true;
  read_cells(row);
  if (!row.ok())
    return true;
  join_category(row);
  check_required_values(row);
  if (row.ok())
    flag_anomalies(row);
  return true;
}

void
CaseReader::begin_row(Row& row)
{
  auto defs = fields(m_opt.kind);
  row.line = m_rec.line;
  row.values.resize(defs.size());
  row.has.assign(defs.size(), 0);
  row.dims.clear();
  row.extra.clear();
  row.error = m_rec.error;
  row.error_column.clear();
  row.error_line = m_rec.error_line;
  row.error_col = m_rec.error_col;
  row.error_index = npos;
  row.anomalies.clear();
  if (!row.ok() && m_rec.error_field < m_columns.size()) {
    row.error_column = shown_header(m_rec.error_field);
    row.error_index = m_rec.error_field;
  }
  for (auto& p : m_parts)
    p.clear();
}

void
CaseReader::read_cells(Row& row)
{
  util::JsonWriter dims(row.dims), extra(row.extra);
  bool any_dim = false, any_extra = false;
  auto cell = [&](size_t c) {
    if (c >= m_columns.size() || c >= m_rec.values.size() || !m_rec.present[c])
      return;
    const Column& col = m_columns[c];
    const std::string& raw = m_rec.values[c];
    switch (col.role) {
    case Column::Role::field: read_field(row, col, raw); break;
    case Column::Role::category_part: m_parts[col.index] = util::trim(raw); break;
    case Column::Role::dimension: {
      std::string_view v = util::trim(raw);
      if (v.empty())
        break;
      std::optional<std::string> m = col.personal ? mask(col, v) : std::string(v);
      if (!m)
        break;
      if (!any_dim)
        dims.begin_object();
      any_dim = true;
      dims.key(col.dimension).value(*m);
      break;
    }
    case Column::Role::extra:
      if (m_opt.extras)
        read_extra(col, raw, extra, any_extra);
      break;
    }
  };
  // JSON Lines: only the keys this line has, so that a log with many keys reads in linear time.
  if (m_source->format() == Format::jsonl)
    for (size_t c : m_rec.columns)
      cell(c);
  else
    for (size_t c = 0; c < m_columns.size(); ++c)
      cell(c);
  if (any_dim)
    dims.end_object();
  if (any_extra)
    extra.end_object();
}

void
CaseReader::read_extra(const Column& col, std::string_view v, util::JsonWriter& out, bool& any)
{
  // Free text: kept byte for byte (only an empty value is left out).
  if (v.empty())
    return;
  std::optional<std::string> m;
  if (col.personal) {
    m = mask(col, v);
  } else if (!m_opt.keep_personal && looks_personal(v)) {
    // An unmapped column holding phone or ID numbers: personal whatever its name.
    ++m_flagged[shown_header(size_t(&col - m_columns.data()))];
    Column as_personal = col;
    as_personal.phone = looks_like_phone(v);
    m = mask(as_personal, v);
  } else {
    m = std::string(v);
  }
  if (!m)
    return;
  if (!any)
    out.begin_object();
  any = true;
  out.key(col.key).value(*m);
}

void
CaseReader::read_field(Row& row, const Column& col, std::string_view raw)
{
  auto defs = fields(m_opt.kind);
  size_t f = col.index;
  const FieldDef& def = defs[f];
  if (row.has[f] || (!m_opt.only.empty() && !m_opt.only[f] && !def.required))
    return;
  std::string_view v = def.type == FieldType::free ? raw : util::trim(raw);
  if (col.translated)
    if (const std::string* t = m_opt.map->translate(def.name, util::trim(raw)))
      v = *t;
  if (v.empty())
    return;
  auto bad = [&](const std::string& what) {
    if (row.ok()) {
      row.error = what;
      row.error_index = size_t(&col - m_columns.data());
      row.error_column = shown_header(row.error_index);
    }
  };
  // Built only for a message: quoting every value costs 6% of an ingest.
  auto shown = [&] {
    return col.personal || looks_personal(v) ? std::string(kHidden) : util::quote(v);
  };
  std::optional<std::string> out;
  if (col.personal) {
    out = mask(col, v);
  } else {
    switch (def.type) {
    case FieldType::text:
    case FieldType::free:
    case FieldType::id:
      row.values[f].assign(v); // reuses the row's buffer: no allocation per field
      row.has[f] = 1;
      return;
    case FieldType::time:
      out = parse_time(v, m_time);
      if (!out)
        bad("cannot read " + shown() + " as a time");
      break;
    case FieldType::yes_no:
      if (auto b = parse_yes_no(v))
        out = *b ? "1" : "0";
      else
        bad("cannot read " + shown() + " as yes/no (是/否, Y/N, 1/0)");
      break;
    case FieldType::resolved:
      out = parse_resolved(v);
      if (!out)
        bad("cannot read " + shown() + " as resolved (解决/部分解决/未解决, 是/否)");
      break;
    case FieldType::satisfaction:
      out = parse_satisfaction(v);
      if (!out)
        bad("cannot read " + shown() + " as satisfaction (满意/基本满意/不满意/未评价)");
      break;
    case FieldType::verdict:
      out = parse_verdict(v);
      if (!out)
        bad("cannot read " + shown() + " as a verdict (是/否/查否, 通过/驳回)");
      break;
    case FieldType::personal:
    case FieldType::phone: break; // col.personal is set for these
    case FieldType::event:
      if (auto e = canonical_event(v))
        out = std::string(*e);
      else
        bad("unknown event " + shown()
            + " (派单, 签收, 联系, 退单/派单异议, 改派, 延期, 督办, 吹哨, 报到, 回复, 办结, 回访, "
              "重办, 申诉, 核减; a map's values: can translate others)");
      break;
    case FieldType::deadline:
      out = parse_deadline(v, m_time);
      if (!out)
        bad("cannot read " + shown() + " as a deadline (" + kDeadlineForms + ")");
      break;
    case FieldType::whistle:
      if (auto w = canonical_whistle(v))
        out = std::string(*w);
      else
        bad("unknown whistle type " + shown() + " (日常哨, 攻坚哨, 应急哨, 跨区联合哨)");
      break;
    }
  }
  if (out) {
    row.values[f] = std::move(*out);
    row.has[f] = 1;
  }
}

void
CaseReader::join_category(Row& row)
{
  if (m_opt.kind != Kind::orders || (m_parts[0].empty() && m_parts[1].empty() && m_parts[2].empty()))
    return;
  std::string path;
  for (const auto& p : m_parts)
    if (!p.empty())
      path += (path.empty() ? "" : "->") + p;
  size_t f = *field_index(Kind::orders, "category");
  row.values[f] = path;
  row.has[f] = 1;
}

void
CaseReader::check_required_values(Row& row) const
{
  auto defs = fields(m_opt.kind);
  for (size_t f = 0; f < defs.size(); ++f) {
    if (!defs[f].required || row.has[f])
      continue;
    row.error = "no " + std::string(defs[f].name) + " (a required field is empty)";
    row.error_column = m_field_column[f] == npos ? std::string(defs[f].name)
                                                 : shown_header(m_field_column[f]);
    row.error_index = m_field_column[f];
    return;
  }
}

void
CaseReader::flag_anomalies(Row& row) const
{
  if (m_opt.kind != Kind::orders)
    return;
  static const size_t received = *field_index(Kind::orders, "received_at");
  static const size_t closed = *field_index(Kind::orders, "closed_at");
  static const size_t status = *field_index(Kind::orders, "status");
  if (row.has[received] && row.has[closed] && row.values[closed] < row.values[received])
    row.anomalies.push_back({"closed-before-received", "closed " + row.values[closed]
                                                         + " before received "
                                                         + row.values[received]});
  if (row.has[status] && !row.has[closed] && is_closed_status(row.values[status]))
    row.anomalies.push_back(
      {"closed-without-time", "status " + util::quote(row.values[status]) + " but no close time"});
}

std::string
CaseReader::rejected_json(const Row& row) const
{
  std::string out;
  util::JsonWriter w(out);
  w.begin_object();
  w.key("file").value(path());
  w.key("line").value(int64_t(row.line));
  if (row.error_line)
    w.key("error_line").value(int64_t(row.error_line));
  if (row.error_col)
    w.key("error_col").value(int64_t(row.error_col));
  w.key("column").value(row.error_column);
  w.key("reason").value(row.error);
  // A row whose fields do not line up with the header is not shown at all:
  // a phone number may sit under 标题.
  if (!m_rec.misaligned) {
    w.key("row").begin_object();
    auto cell = [&](size_t c) {
      if (c >= m_columns.size() || c >= m_rec.values.size() || !m_rec.present[c])
        return;
      const Column& col = m_columns[c];
      const std::string& v = m_rec.values[c];
      if (col.personal || looks_personal(v) || v.find('\0') != std::string::npos)
        return;
      w.key(shown_header(c)).value(v);
    };
    if (m_source->format() == Format::jsonl)
      for (size_t c : m_rec.columns)
        cell(c);
    else
      for (size_t c = 0; c < m_columns.size(); ++c)
        cell(c);
    w.end_object();
  }
  w.end_object();
  out += '\n';
  return out;
}

} // namespace duty::cases
