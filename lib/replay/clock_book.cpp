#include "replay/clock_book.hpp"

#include <algorithm>

namespace duty::replay {

void
ClockBook::add(std::string_view id, const Clocks& c)
{
  m_entries.push_back({m_ids.size(), uint32_t(id.size()), uint32_t(m_entries.size()),
                       {c.sign.status, c.contact.status, c.close.status}});
  m_ids.append(id);
}

std::string_view
ClockBook::id_of(const Entry& e) const
{
  return std::string_view(m_ids).substr(e.offset, e.length);
}

void
ClockBook::finish()
{
  // Replay hands cases on in id order, so this is mostly a check.
  auto less = [&](const Entry& a, const Entry& b) {
    std::string_view x = id_of(a), y = id_of(b);
    return x != y ? x < y : a.seq < b.seq;
  };
  if (!std::is_sorted(m_entries.begin(), m_entries.end(), less))
    std::sort(m_entries.begin(), m_entries.end(), less);
  // Of equal ids keep the last added.
  std::vector<Entry> kept;
  kept.reserve(m_entries.size());
  for (size_t i = 0; i < m_entries.size(); ++i)
    if (i + 1 == m_entries.size() || id_of(m_entries[i]) != id_of(m_entries[i + 1]))
      kept.push_back(m_entries[i]);
  m_entries.swap(kept);
}

std::optional<ClockStates>
ClockBook::find(std::string_view id) const
{
  auto it = std::lower_bound(m_entries.begin(), m_entries.end(), id,
                             [&](const Entry& e, std::string_view key) { return id_of(e) < key; });
  if (it == m_entries.end() || id_of(*it) != id)
    return std::nullopt;
  return it->states;
}

ClockBook
book_clocks(CaseSource& source, const ReplaySetup& setup, RunTotals* totals)
{
  ClockBook book;
  RunOptions options;
  options.attribution = setup.profile.attribution;
  options.emit = [&](const Judgement& j, const std::string&) { book.add(j.order.id, j.order.clocks); };
  RunTotals t = run(source, setup, options);
  book.finish();
  if (totals)
    *totals = std::move(t);
  return book;
}

} // namespace duty::replay
