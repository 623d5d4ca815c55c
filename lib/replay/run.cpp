#include "replay/run.hpp"

#include "cases/pii.hpp"

#include <algorithm>

namespace duty::replay {

RunTotals
run(CaseSource& source, Replayer& replayer, const std::function<void(const Judgement&)>& sink, Summary* summary,
    lists::Attribution attribution)
{
  RunTotals t;
  Case c;
  while (source.next(c)) {
    Judgement j = replayer.judge(c);
    ++t.orders;
    t.deviating_orders += j.order.deviates();
    t.whistles += j.whistles.size();
    for (const auto& w : j.whistles)
      t.deviating_whistles += w.deviates();
    if (summary)
      summary->add(j, attribution);
    sink(j);
  }
  return t;
}

std::string
lists_hash(const lists::ListSet& set)
{
  // The same recipe as the store's meta lists_sha256, so the two agree.
  auto hex = [](std::string_view s) {
    cases::Sha256 h;
    h.update(s);
    return cases::Sha256::hex(h.finish());
  };
  std::vector<std::string> parts;
  for (const auto& f : set.files)
    parts.push_back(hex(f.kind + '\n' + f.text));
  std::sort(parts.begin(), parts.end());
  std::string all;
  for (const auto& p : parts)
    all += p;
  return hex(all);
}

} // namespace duty::replay
