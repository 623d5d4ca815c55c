#include "cases/reader.hpp"

#include "cases/values.hpp"
#include "util/json.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace duty::cases {

namespace {

constexpr size_t npos = size_t(-1);

std::optional<size_t>
category_level(std::string_view normalized)
{
  if (normalized == "一级分类" || normalized == "问题分类一级")
    return 0;
  if (normalized == "二级分类" || normalized == "问题分类二级")
    return 1;
  if (normalized == "三级分类" || normalized == "问题分类三级")
    return 2;
  return std::nullopt;
}

} // namespace

CaseReader::CaseReader(const std::string& path, const ReaderOptions& options)
  : m_opt(options),
    m_stream(path, options.encoding),
    m_records(m_stream, options.format)
{
  if (m_opt.map)
    m_time = m_opt.map->time;
  m_field_column.assign(fields(m_opt.kind).size(), npos);
  plan_columns();
  if (m_records.format() != Format::jsonl)
    check_required();
}

void
CaseReader::plan_columns()
{
  const auto& header = m_records.header();
  auto defs = fields(m_opt.kind);
  bool have_category_field = false;
  for (size_t c = m_columns.size(); c < header.size(); ++c) {
    Column col;
    col.header = header[c];
    std::string norm = normalize_header(header[c]);
    std::optional<size_t> field;
    std::optional<size_t> level;
    if (m_opt.map) {
      for (const auto& fm : m_opt.map->fields) {
        if (normalize_header(fm.header) != norm)
          continue;
        if (fm.field.starts_with("category") && fm.field.size() == 9)
          level = size_t(fm.field[8] - '1');
        else
          field = field_index(m_opt.kind, fm.field);
      }
    }
    if (!field && !level) {
      for (size_t f = 0; f < defs.size() && !field; ++f) {
        if (norm == defs[f].name)
          field = f;
        for (auto a : defs[f].aliases)
          if (norm == normalize_header(a))
            field = f;
      }
      if (!field)
        level = category_level(norm);
    }
    // The first column for a field wins; a second one is kept as an extra attribute.
    // JSON Lines objects may spell a key differently from row to row: all spellings count.
    bool jsonl = m_records.format() == Format::jsonl;
    if (field && (m_field_column[*field] == npos || jsonl)) {
      col.role = Column::Role::field;
      col.index = *field;
      if (m_field_column[*field] == npos)
        m_field_column[*field] = c;
      col.personal = defs[*field].type == FieldType::personal
                     || defs[*field].type == FieldType::phone;
      col.phone = defs[*field].type == FieldType::phone;
      if (defs[*field].name == "category")
        have_category_field = true;
    } else if (level && !have_category_field) {
      col.role = Column::Role::category_part;
      col.index = *level;
    } else if (m_opt.map) {
      for (const auto& dm : m_opt.map->dimensions)
        if (normalize_header(dm.header) == norm) {
          col.role = Column::Role::dimension;
          col.dimension = dm.dimension;
        }
    }
    if (m_opt.map)
      for (const auto& p : m_opt.map->personal)
        if (normalize_header(p) == norm)
          col.personal = true;
    m_columns.push_back(std::move(col));
  }
  // A 问题分类 column that appears after 一级分类 still wins: demote the parts.
  if (have_category_field)
    for (auto& col : m_columns)
      if (col.role == Column::Role::category_part)
        col.role = Column::Role::extra;
}

bool
CaseReader::has_field(size_t f) const
{
  if (m_records.format() == Format::jsonl || m_field_column[f] != npos)
    return true;
  if (fields(m_opt.kind)[f].name != "category")
    return false;
  for (const auto& col : m_columns)
    if (col.role == Column::Role::category_part)
      return true;
  return false;
}

void
CaseReader::check_required() const
{
  auto defs = fields(m_opt.kind);
  for (size_t f = 0; f < defs.size(); ++f) {
    if (!defs[f].required || m_field_column[f] != npos)
      continue;
    std::string headers;
    for (const auto& col : m_columns)
      headers += (headers.empty() ? "" : ", ") + col.header;
    throw InputError(path() + ":1: no column for " + std::string(defs[f].name) + " ("
                     + std::string(defs[f].aliases.empty() ? "" : defs[f].aliases[0])
                     + "); the header has: " + util::quote(headers, 200)
                     + "; name it in a --map file");
  }
}

std::string
CaseReader::mask(const Column& col, std::string_view value) const
{
  if (!col.personal || m_opt.keep_personal)
    return std::string(value);
  if (m_opt.pii)
    return m_opt.pii->hash(value, col.phone);
  return {};
}

bool
CaseReader::next(Row& row)
{
  if (!m_records.next(m_rec))
    return false;
  if (m_columns.size() < m_records.header().size())
    plan_columns();
  auto defs = fields(m_opt.kind);
  row.line = m_rec.line;
  row.values.resize(defs.size());
  row.has.assign(defs.size(), 0);
  row.dims.clear();
  row.extra.clear();
  row.error = m_rec.error;
  row.error_column.clear();
  row.anomalies.clear();
  if (!row.ok())
    return true;
  std::string parts[3];
  util::JsonWriter dims(row.dims), extra(row.extra);
  bool any_dim = false, any_extra = false;
  for (size_t c = 0; c < m_columns.size() && c < m_rec.values.size(); ++c) {
    if (!m_rec.present[c])
      continue;
    const Column& col = m_columns[c];
    std::string_view v = util::trim(m_rec.values[c]);
    if (v.empty())
      continue;
    auto bad = [&](const std::string& what) {
      if (row.ok()) {
        row.error = what;
        row.error_column = col.header;
      }
    };
    switch (col.role) {
    case Column::Role::field: {
      size_t f = col.index;
      if (row.has[f])
        break;
      // A column the map marks personal is never echoed in a message.
      // Built only for a message: quoting every value costs 6% of an ingest.
      auto shown = [&] {
        return col.personal ? std::string("(a personal value)") : util::quote(v);
      };
      std::optional<std::string> out;
      switch (defs[f].type) {
      case FieldType::text:
      case FieldType::id:
        if (col.personal && defs[f].type == FieldType::text) {
          out = mask(col, v);
          if (out->empty()) {
            m_dropped_personal = m_dropped_personal || !v.empty();
            out.reset();
          }
          break;
        }
        row.values[f].assign(v); // reuses the row's buffer: no allocation per field
        row.has[f] = 1;
        break;
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
      case FieldType::personal:
      case FieldType::phone:
        out = mask(col, v);
        if (out->empty()) {
          m_dropped_personal = true;
          out.reset();
        }
        break;
      case FieldType::event:
        if (auto e = canonical_event(v))
          out = std::string(*e);
        else
          bad("unknown event " + shown()
              + " (派单, 签收, 联系, 退单, 改派, 延期, 督办, 吹哨, 报到, 回复, 办结, 回访, 重办, "
                "申诉, 核减)");
        break;
      case FieldType::whistle:
        if (auto w = canonical_whistle(v))
          out = std::string(*w);
        else
          bad("unknown whistle type " + shown() + " (日常哨, 攻坚哨, 应急哨, 跨区联合哨)");
        break;
      }
      if (out) {
        row.values[f] = std::move(*out);
        row.has[f] = 1;
      }
      break;
    }
    case Column::Role::category_part: parts[col.index] = v; break;
    case Column::Role::dimension: {
      std::string m = mask(col, v);
      if (m.empty()) {
        m_dropped_personal = m_dropped_personal || (col.personal && !v.empty());
        break;
      }
      if (!any_dim)
        dims.begin_object();
      any_dim = true;
      dims.key(col.dimension).value(m);
      break;
    }
    case Column::Role::extra: {
      std::string m = mask(col, v);
      if (m.empty()) {
        m_dropped_personal = true;
        break;
      }
      if (!any_extra)
        extra.begin_object();
      any_extra = true;
      extra.key(col.header).value(m);
      break;
    }
    }
  }
  if (any_dim)
    dims.end_object();
  if (any_extra)
    extra.end_object();
  if (!row.ok())
    return true;
  if (m_opt.kind == Kind::orders && (!parts[0].empty() || !parts[1].empty() || !parts[2].empty())) {
    std::string path;
    for (const auto& p : parts)
      if (!p.empty())
        path += (path.empty() ? "" : "->") + p;
    size_t f = *field_index(Kind::orders, "category");
    row.values[f] = path;
    row.has[f] = 1;
  }
  for (size_t f = 0; f < defs.size(); ++f) {
    if (!defs[f].required || row.has[f])
      continue;
    row.error = "no " + std::string(defs[f].name) + " (a required field is empty)";
    row.error_column = m_field_column[f] == npos ? std::string(defs[f].name)
                                                 : m_columns[m_field_column[f]].header;
    return true;
  }
  if (m_opt.kind == Kind::orders) {
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
  return true;
}

std::string
CaseReader::rejected_json(const Row& row) const
{
  std::string out;
  util::JsonWriter w(out);
  w.begin_object();
  w.key("file").value(path());
  w.key("line").value(int64_t(row.line));
  w.key("column").value(row.error_column);
  w.key("reason").value(row.error);
  w.key("row").begin_object();
  for (size_t c = 0; c < m_columns.size() && c < m_rec.values.size(); ++c) {
    if (!m_rec.present[c])
      continue;
    const Column& col = m_columns[c];
    std::string v = col.personal && !m_opt.keep_personal
                      ? (m_opt.pii ? m_opt.pii->hash(m_rec.values[c], col.phone) : "")
                      : m_rec.values[c];
    w.key(col.header).value(v);
  }
  w.end_object();
  w.end_object();
  out += '\n';
  return out;
}

} // namespace duty::cases
