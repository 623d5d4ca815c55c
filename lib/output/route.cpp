#include "output/route.hpp"

#include "lists/vocab.hpp"
#include "resolve/evidence.hpp"
#include "util/text.hpp"
#include "util/json.hpp"

#include <algorithm>
#include <fmt/color.h>
#include <fmt/format.h>
#include <tuple>
#include <utility>

namespace duty::output {

using util::JsonWriter;

using namespace lists;
using resolve::Resolution;
using resolve::limits;
using resolve::where;

namespace {

std::string
unit_label(const Unit* u)
{
  if (!u)
    return "-";
  return u->name.value == u->id.value ? u->id.value : fmt::format("{} ({})", u->id.value, u->name.value);
}

std::string
units_label(const std::vector<const Unit*>& us)
{
  std::string out;
  for (const Unit* u : us)
    out += (out.empty() ? "" : ", ") + u->id.value;
  return out.empty() ? "-" : out;
}

// The items that decide a slice in resolve::evidence's groups (primary
// entries first: they settle it; then claims, withdrawn and assisting tasks,
// whistles); within each group by file and line, so that the same lists
// always give the same order.
std::vector<resolve::Evidence>
evidence(const Resolution& r, const ListSet& set)
{
  auto out = resolve::evidence(r);
  auto group = [](resolve::Evidence::Kind k) {
    using K = resolve::Evidence::Kind;
    return k == K::power || k == K::task ? int(K::power) : int(k); // claims are one group
  };
  auto key = [&](const resolve::Evidence& e) {
    std::string_view path = e.loc.file < set.files.size() ? std::string_view(set.files[e.loc.file].path) : "";
    return std::tuple(group(e.kind), path, e.loc.line);
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const resolve::Evidence& x, const resolve::Evidence& y) { return key(x) < key(y); });
  return out;
}

// Colours a finished, terminal-safe answer by its lines' labels: the lead
// green when one unit leads, red when nobody or several do; labels bold,
// evidence locations dim.
std::string
colorize(std::string_view text)
{
  const auto bold = fmt::emphasis::bold;
  const auto dim = fmt::fg(fmt::terminal_color::bright_black);
  std::string out;
  for (size_t pos = 0; pos < text.size();) {
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    size_t label = line.find(':');
    if (line.starts_with("  ") && label != std::string_view::npos) {
      // "  FILE:LINE: item": the location after the last ':' before ": "
      size_t sep = line.find(": ");
      out += "  " + fmt::format(dim, "{}", line.substr(2, sep == std::string_view::npos ? line.size() - 2 : sep - 2));
      if (sep != std::string_view::npos)
        out += std::string(line.substr(sep));
    } else if (!line.empty() && line[0] != ' ' && label != std::string_view::npos && label < 10 &&
               line.find(' ') > label) {
      size_t start = line.find_first_not_of(' ', label + 1);
      start = start == std::string_view::npos ? line.size() : start;
      std::string_view value = line.substr(start);
      out += fmt::format(bold, "{}", line.substr(0, label + 1)) + std::string(line.substr(label + 1, start - label - 1));
      if (line.starts_with("lead:")) {
        bool led = value.find("OVERLAP") == std::string_view::npos && value.find("ORPHAN") == std::string_view::npos &&
                   value.find("CONFLICT") == std::string_view::npos;
        out += fmt::format(fmt::fg(led ? fmt::terminal_color::green : fmt::terminal_color::red) | bold, "{}", value);
      } else {
        out += std::string(value);
      }
    } else {
      out += std::string(line);
    }
    if (nl != std::string_view::npos)
      out += '\n';
  }
  return out;
}

std::string
status_text(const Resolution& r)
{
  switch (r.status) {
  case resolve::Status::led: return unit_label(r.lead);
  case resolve::Status::overlap: return "OVERLAP — several units claim the lead" + (r.reason.empty() ? "" : ": " + r.reason);
  case resolve::Status::orphan: return "ORPHAN — nobody leads" + (r.reason.empty() ? "" : ": " + r.reason);
  case resolve::Status::conflict: return "CONFLICT — equally specific primary entries name different leads";
  }
  return "?";
}

} // namespace

std::string
format_route_text(const resolve::RouteAnswer& a, const ListSet& set, bool color)
{
  std::string out;
  out += fmt::format("matter:    {} ({})\n", a.matter->id.value, a.matter->name.value);
  out += fmt::format("territory: {}\n", unit_label(a.territory));
  out += fmt::format("date:      {}\n", a.date.str());
  bool several = a.results.size() > 1;
  if (several)
    out += fmt::format("\nthe answer depends on {}; pass --when DIMENSION=VALUE to choose:\n",
                       fmt::join(a.open_dims, ", "));
  for (const auto& [dims, r] : a.results) {
    out += "\n";
    if (!dims.empty())
      out += fmt::format("when:      {}\n", resolve::describe_dims(dims));
    out += fmt::format("lead:      {}\n", status_text(r));
    out += fmt::format("assist:    {}\n", units_label(r.assist));
    for (const auto& w : r.whistles)
      out += fmt::format("whistle:   {} → {} (report within {})\n",
                         whistle_types().name_of(static_cast<int>(w.whistle->type)), units_label(w.units),
                         w.whistle->report_within.str());
    auto lim = resolve::effective_limits(r);
    if (!lim.empty()) {
      std::string l;
      for (const auto& x : lim)
        l += (l.empty() ? "" : ", ") + x.name.value + " " + x.value.str();
      out += fmt::format("limits:    {}\n", l);
    }
    out += "evidence:\n";
    for (const auto& e : evidence(r, set))
      out += fmt::format("  {}: {}\n", where(set, e.loc), e.text);
  }
  // Names come from the lists, where a YAML escape can hold any control character.
  out = util::terminal_safe_lines(out);
  return color ? colorize(out) : out;
}

std::string
format_route_json(const resolve::RouteAnswer& a, const ListSet& set)
{
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("matter").value(a.matter->id.value);
  w.key("matter_name").value(a.matter->name.value);
  w.key("territory").value(a.territory->id.value);
  w.key("date").value(a.date.str());
  w.key("decided").value(a.decided());
  w.key("open_dimensions").begin_array();
  for (const auto& d : a.open_dims)
    w.value(d);
  w.end_array();
  w.key("answers").begin_array();
  for (const auto& [dims, r] : a.results) {
    w.begin_object();
    w.key("when").begin_object();
    for (const auto& [k, v] : dims)
      w.key(k).value(v);
    w.end_object();
    w.key("status").value(resolve::status_name(r.status));
    if (r.lead)
      w.key("lead").value(r.lead->id.value);
    else
      w.key("lead").null();
    if (!r.reason.empty())
      w.key("reason").value(r.reason);
    w.key("assist").begin_array();
    for (const Unit* u : r.assist)
      w.value(u->id.value);
    w.end_array();
    w.key("whistles").begin_array();
    for (const auto& wt : r.whistles) {
      w.begin_object().key("type").value(whistle_types().name_of(static_cast<int>(wt.whistle->type)));
      w.key("summon").begin_array();
      for (const Unit* u : wt.units)
        w.value(u->id.value);
      w.end_array().key("report_within").value(wt.whistle->report_within.str()).end_object();
    }
    w.end_array();
    w.key("limits").begin_object();
    for (const auto& l : resolve::effective_limits(r))
      w.key(l.name.value).value(l.value.str());
    w.end_object();
    w.key("evidence").begin_array();
    for (const auto& e : evidence(r, set)) {
      w.begin_object();
      w.key("file").value(e.loc.file < set.files.size() ? set.files[e.loc.file].path : "");
      w.key("line").value(static_cast<int>(e.loc.line)).key("item").value(e.text);
      w.end_object();
    }
    w.end_array().end_object();
  }
  w.end_array().end_object();
  return out + "\n";
}

} // namespace duty::output
