#include "cases/pii.hpp"

#include "util/error.hpp"
#include "util/file.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace duty::cases {

PiiHasher::PiiHasher(std::string_view key)
{
  std::array<uint8_t, 64> k{};
  if (key.size() > 64) {
    util::Sha256 h;
    h.update(key);
    auto d = h.finish();
    std::memcpy(k.data(), d.data(), d.size());
  } else {
    std::memcpy(k.data(), key.data(), key.size());
  }
  std::string ipad(64, '\0'), opad(64, '\0');
  for (size_t i = 0; i < 64; ++i) {
    ipad[i] = char(k[i] ^ 0x36);
    opad[i] = char(k[i] ^ 0x5c);
  }
  m_inner.update(ipad);
  m_outer.update(opad);
}

std::string
PiiHasher::hash(std::string_view value, bool is_phone) const
{
  std::string norm;
  if (is_phone) {
    for (char c : value)
      if (c >= '0' && c <= '9')
        norm += c;
    if (norm.empty())
      return {};
    if (norm.size() == 13 && norm.starts_with("86"))
      norm.erase(0, 2);
  } else {
    norm = util::trim(value);
  }
  util::Sha256 inner = m_inner;
  inner.update(norm);
  auto d = inner.finish();
  util::Sha256 outer = m_outer;
  outer.update(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
  return "p:" + util::Sha256::hex(outer.finish(), 12);
}

std::string
PiiHasher::fingerprint() const
{
  // A fixed message no export holds: "p:" tokens and "k:" never coincide.
  std::string h = hash("\x01" "duty pii key fingerprint", false);
  return "k:" + h.substr(2);
}

std::optional<std::string>
pii_key(const std::string& key_file)
{
  std::string key;
  if (!key_file.empty()) {
    key = util::read_small_file(key_file, 64 * 1024, "PII key file");
    while (!key.empty() && (key.back() == '\n' || key.back() == '\r' || key.back() == ' '
                            || key.back() == '\t'))
      key.pop_back();
  } else if (const char* env = std::getenv("DUTY_PII_KEY"); env && *env) {
    key = env;
  } else {
    return std::nullopt;
  }
  if (key.size() < 16)
    throw UsageError((key_file.empty() ? std::string("DUTY_PII_KEY") : key_file)
                     + ": the PII key is shorter than 16 bytes; use a long random key");
  return key;
}

namespace {

bool
is_digit(char c)
{
  return c >= '0' && c <= '9';
}

bool
plausible_birth(int y, int m, int d)
{
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= kDays[m - 1];
}

int
num(std::string_view s, size_t at, size_t n)
{
  int v = 0;
  for (size_t i = at; i < at + n; ++i)
    v = v * 10 + (s[i] - '0');
  return v;
}

} // namespace

PersonalKind
personal_header(std::string_view h)
{
  using enum PersonalKind;
  struct Word
  {
    std::string_view text;
    PersonalKind kind;
    bool exact; // whole header only
  };
  // Longer and more specific words first: 身份证号码 is an ID number, not a phone.
  static constexpr Word kWords[] = {
    {"身份证", id_number, false}, {"证件号", id_number, false}, {"idcard", id_number, false},
    {"idnumber", id_number, true}, {"邮箱", email, false},      {"电子邮件", email, false},
    {"email", email, false},       {"e-mail", email, false},    {"电话", phone, false},
    {"手机", phone, false},        {"来电号码", phone, true},   {"联系方式", phone, false},
    {"phone", phone, false},       {"mobile", phone, false},    {"telephone", phone, false},
    {"tel", phone, true},          {"地址", address, false},    {"住址", address, false},
    {"address", address, false},   {"来电人", name, true},      {"诉求人", name, true},
    {"反映人", name, true},        {"投诉人", name, true},      {"举报人", name, true},
    {"联系人", name, true},        {"姓名", name, false},       {"caller", name, true},
    {"name", name, true},          {"fullname", name, true},
  };
  for (const auto& w : kWords)
    if (w.exact ? h == w.text : h.find(w.text) != std::string_view::npos)
      return w.kind;
  return none;
}

bool
looks_like_phone(std::string_view v)
{
  v = util::trim(v);
  std::string digits;
  bool separator = false, paren = false;
  for (char c : v) {
    if (is_digit(c))
      digits += c;
    else if (c == '-' || c == ' ' || c == '.')
      separator = true;
    else if (c == '(' || c == ')')
      paren = separator = true;
    else if (c != '+')
      return false;
  }
  if (v.find('+') != std::string_view::npos && !v.starts_with("+"))
    return false;
  std::string_view d(digits);
  if (d.starts_with("86") && d.size() == 13)
    d.remove_prefix(2);
  // A Chinese mobile number: 1[3-9] and nine more digits.
  if (d.size() == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9')
    return true;
  // A Chinese landline with its area code: 0 + 2-3 digits, then 7-8 digits, written apart.
  if (separator && d.size() >= 10 && d.size() <= 12 && d[0] == '0' && d[1] != '0')
    return true;
  // A North American number written as one: (NXX) NXX-XXXX, NXX-NXX-XXXX, +1 ….
  if (d.size() == 11 && d[0] == '1')
    d.remove_prefix(1);
  if (separator && !paren && v.find('.') == std::string_view::npos) {
    auto parts = util::split(v.substr(v.starts_with("+1") ? 2 : 0), '-');
    bool nanp = parts.size() == 3;
    for (size_t i = 0; nanp && i < 3; ++i) {
      auto p = util::trim(parts[i]);
      nanp = p.size() == (i == 2 ? 4u : 3u)
             && std::all_of(p.begin(), p.end(), [](char c) { return is_digit(c); });
    }
    if (nanp)
      return d.size() == 10 && d[0] >= '2' && d[3] >= '2';
  }
  return paren && d.size() == 10 && d[0] >= '2' && d[3] >= '2';
}

bool
looks_like_id_number(std::string_view v)
{
  v = util::trim(v);
  if (v.size() == 18) {
    for (size_t i = 0; i < 17; ++i)
      if (!is_digit(v[i]))
        return false;
    if (!is_digit(v[17]) && v[17] != 'X' && v[17] != 'x')
      return false;
    return v[0] >= '1' && v[0] <= '9' && plausible_birth(num(v, 6, 4), num(v, 10, 2), num(v, 12, 2));
  }
  if (v.size() == 15 && std::all_of(v.begin(), v.end(), [](char c) { return is_digit(c); }))
    return v[0] >= '1' && plausible_birth(1900 + num(v, 6, 2), num(v, 8, 2), num(v, 10, 2));
  return false;
}

} // namespace duty::cases
