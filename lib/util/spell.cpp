#include "util/spell.hpp"

#include "util/text.hpp"

#include <algorithm>

namespace duty::util {

namespace {

std::u32string
code_points(std::string_view s)
{
  std::u32string out;
  for (size_t i = 0; i < s.size();)
    out += decode_utf8(s, i);
  return out;
}

} // namespace

size_t
edit_distance(std::string_view a, std::string_view b)
{
  std::u32string x = code_points(a), y = code_points(b);
  std::vector<size_t> row(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j)
    row[j] = j;
  for (size_t i = 1; i <= x.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= y.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[y.size()];
}

std::string
suggest(std::string_view word, const std::vector<std::string_view>& candidates)
{
  size_t len = count_code_points(word);
  size_t limit = std::min<size_t>(3, std::max<size_t>(1, len / 2));
  std::string_view best;
  size_t best_d = limit + 1;
  for (auto c : candidates) {
    // Cheap length filter before the quadratic distance.
    size_t clen = count_code_points(c);
    if ((clen > len ? clen - len : len - clen) > limit)
      continue;
    size_t d = edit_distance(word, c);
    if (d < best_d || (d == best_d && c < best)) {
      best_d = d;
      best = c;
    }
  }
  return best_d <= limit ? std::string(best) : std::string();
}

std::string
did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates)
{
  std::string s = suggest(word, candidates);
  return s.empty() ? s : "did you mean \"" + s + "\"?";
}

std::string
one_of(const std::vector<std::string_view>& values)
{
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0)
      out += i + 1 == values.size() ? " or " : ", ";
    out += "\"";
    out += values[i];
    out += "\"";
  }
  return out;
}

} // namespace duty::util
