#include "lists/identifiers.hpp"

#include "util/text.hpp"
#include "util/unicode.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace duty::lists {

namespace {

class Identifiers
{
public:
  Identifiers(const ListSet& set, Sink& sink) : m_set(set), m_sink(sink) {}

  void
  run()
  {
    for (const auto& u : m_set.units) {
      text(u.id, "unit id");
      text(u.name, "unit name");
      text(u.parent, "parent unit");
      texts(u.serves, "served territory");
      texts(u.aliases, "unit alias");
    }
    for (const auto& d : m_set.dimensions) {
      text(d.name, "dimension name");
      texts(d.values, "dimension value");
    }
    for (const auto& m : m_set.matters) {
      text(m.id, "matter id");
      text(m.name, "matter name");
      text(m.parent, "parent matter");
      texts(m.aliases, "matter alias");
      texts(m.split_by, "dimension name");
    }
    for (const auto& p : m_set.powers) {
      text(p.code, "power code");
      text(p.name, "power name");
      text(p.holder, "power holder");
      texts(p.matters, "matter reference");
      conditions(p.when);
    }
    for (const auto& r : m_set.responsibilities) {
      text(r.power, "power reference");
      text(r.unit, "unit reference");
    }
    for (const auto& p : m_set.primary) {
      text(p.id, "primary-duty entry id");
      text(p.matter, "matter reference");
      text(p.lead, "lead unit");
      texts(p.where, "territory");
      texts(p.assist, "assisting unit");
      conditions(p.when);
    }
    for (const auto& t : m_set.tasks) {
      text(t.id, "task id");
      text(t.matter, "matter reference");
      text(t.lead, "lead unit");
      texts(t.units, "unit reference");
      conditions(t.when);
    }
    for (const auto& w : m_set.whistles) {
      text(w.id, "whistle id");
      text(w.matter, "matter reference");
      texts(w.summon, "summoned unit");
      conditions(w.when);
    }
    for (const auto& p : m_set.profiles)
      text(p.id, "profile id");
  }

private:
  void
  texts(const Texts& ts, std::string_view what)
  {
    for (const auto& t : ts)
      text(t, what);
  }

  void
  conditions(const Conditions& cs)
  {
    for (const auto& c : cs) {
      text(c.dimension, "dimension name");
      texts(c.values, "dimension value");
    }
  }

  void
  text(const Text& t, std::string_view what)
  {
    if (t.value.empty())
      return;
    invisible(t, what);
    spaces(t, what);
  }

  void
  invisible(const Text& t, std::string_view what)
  {
    std::vector<char32_t> found;
    size_t first = std::string::npos, first_end = 0;
    for (size_t i = 0; i < t.value.size();) {
      size_t start = i;
      char32_t c = util::decode_utf8(t.value, i);
      if (!util::is_invisible(c))
        continue;
      if (first == std::string::npos) {
        first = start;
        first_end = i;
      }
      if (std::find(found.begin(), found.end(), c) == found.end())
        found.push_back(c);
    }
    if (found.empty())
      return;
    std::string which;
    for (size_t k = 0; k < found.size() && k < 3; ++k)
      which += (k ? ", " : "") + util::describe_char(found[k]);
    if (found.size() > 3)
      which += fmt::format(" and {} more", found.size() - 3);
    std::string_view raw(t.value.data() + first, first_end - first);
    m_sink.add(at_char(t, raw), "invisible-character",
               fmt::format("{} {} contains {}: {}", what, util::quote(util::show_invisible(t.value)),
                           found.size() == 1 ? "an invisible character" : "invisible characters", which),
               "it cannot be seen, yet makes the text differ from the same text without it; "
               "delete it, or retype the value",
               1);
  }

  void
  spaces(const Text& t, std::string_view what)
  {
    size_t i = 0;
    char32_t lead = util::decode_utf8(t.value, i);
    size_t k = t.value.size() - 1;
    while (k > 0 && (static_cast<unsigned char>(t.value[k]) & 0xC0) == 0x80)
      --k;
    size_t j = k;
    char32_t trail = util::decode_utf8(t.value, j);
    bool at_start = util::is_space(lead);
    bool at_end = util::is_space(trail) && k > 0;
    if (!at_start && !at_end)
      return;
    char32_t c = at_end ? trail : lead;
    std::string_view raw(t.value.data() + (at_end ? k : 0), at_end ? t.value.size() - k : i);
    m_sink.add(at_end ? at_char(t, raw, true) : at_char(t, raw), "stray-space",
               fmt::format("{} {} {} with {}", what, util::quote(util::show_invisible(t.value)),
                           at_end ? "ends" : "begins", util::describe_char(c)),
               "remove the space: names are matched without it, but an id or a reference keeps it", 1);
  }

  // The position of `raw` (bytes of one character) in the token of `t` on its
  // line, or the token itself when the character was written as an escape.
  Loc
  at_char(const Text& t, std::string_view raw, bool last = false) const
  {
    if (t.loc.file >= m_set.files.size())
      return t.loc;
    const SourceFile& f = m_set.files[t.loc.file];
    if (t.loc.line == 0 || t.loc.line > f.line_starts.size())
      return t.loc;
    size_t line = f.line_starts[t.loc.line - 1];
    size_t start = line + (t.loc.col ? t.loc.col - 1 : 0);
    size_t end = std::min(f.text.find('\n', start), f.text.size());
    size_t token_end = std::min(end, start + t.value.size() + 2);
    std::string_view token(f.text.data() + start, token_end - start);
    size_t at = last ? token.rfind(raw) : token.find(raw);
    if (at == std::string_view::npos)
      return t.loc;
    return Loc{t.loc.file, t.loc.line, static_cast<uint32_t>(start + at - line + 1)};
  }

  const ListSet& m_set;
  Sink& m_sink;
};

} // namespace

void
check_identifiers(const ListSet& set, Sink& sink)
{
  Identifiers(set, sink).run();
}

} // namespace duty::lists
