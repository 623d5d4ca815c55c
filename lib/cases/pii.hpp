#pragma once

#include "util/sha256.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace duty::cases {

// Replaces personal values (来电人, 来电人电话, 身份证号, 地址, columns a map
// marks personal) by HMAC-SHA256 under a secret key: the same person always
// gets the same token, so repeat callers can still be counted, but the value
// cannot be read back.
class PiiHasher
{
public:
  explicit PiiHasher(std::string_view key);
  // "p:" and 24 hex digits. Phone numbers are reduced to their digits first
  // (and a leading 86 country code dropped) so formatting does not split a
  // caller; a "phone" without digits (无, 不详) is no phone and gives "".
  std::string hash(std::string_view value, bool is_phone) const;
  // "k:" and 24 hex digits that name the key without revealing it: the store
  // keeps it to refuse a second key whose hashes would not match the first's.
  std::string fingerprint() const;

private:
  util::Sha256 m_inner; // state after absorbing key ^ ipad, reused for every value
  util::Sha256 m_outer;
};

// The PII key: the contents of `key_file` when given (an option wins over the
// environment; trailing white space removed), else $DUTY_PII_KEY. nullopt
// when neither is set. Throws IoError when the key file cannot be read (it
// must be a regular file of at most 64 KiB) and UsageError when the key is
// shorter than 16 bytes.
std::optional<std::string>
pii_key(const std::string& key_file);

// What personal data a header names by itself, whatever a map says.
enum class PersonalKind { none, name, phone, id_number, address, email };

// Personal data a (normalised, see normalize_header) header names: exact
// names (来电人, 姓名, 联系电话, 身份证号, 地址, …) and words inside longer
// headers (…电话, …手机…, …身份证…, …地址, …姓名, …phone…, …email…).
PersonalKind
personal_header(std::string_view normalized);

// A value that looks like a phone number: a Chinese mobile (11 digits from
// 13-19, optionally +86), a landline with its 0 area code and a separator
// (010-12345678), or a North American number written with separators
// ((212) 555-0100, 212-555-0100, +1 …).
bool
looks_like_phone(std::string_view value);

// A value that looks like a Chinese resident ID number: 18 characters, 17
// digits and a digit or X, with a plausible region and birth date; or the
// old 15-digit form with a plausible birth date.
bool
looks_like_id_number(std::string_view value);

} // namespace duty::cases
