#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace duty::cases {

// SHA-256 (FIPS 180-4), streaming. Used for file content hashes and, keyed
// through HMAC, for personal data.
class Sha256
{
public:
  // `fastest` uses the CPU's SHA instructions where it has them; `portable`
  // never does (tests check both against the same known answers).
  enum class Engine { fastest, portable };
  explicit Sha256(Engine engine = Engine::fastest);
  void update(std::string_view data);
  std::array<uint8_t, 32> finish();
  static std::string hex(const std::array<uint8_t, 32>& digest, size_t bytes = 32);

private:
  void blocks(const uint8_t* p, size_t n); // n whole 64-byte blocks
  std::array<uint32_t, 8> m_h;
  std::array<uint8_t, 64> m_buf{};
  size_t m_fill = 0;
  uint64_t m_total = 0;
  bool m_hardware;
};

// Replaces personal values (来电人, 来电人电话, columns a map marks personal)
// by HMAC-SHA256 under a secret key: the same person always gets the same
// token, so repeat callers can still be counted, but the value cannot be read back.
class PiiHasher
{
public:
  explicit PiiHasher(std::string_view key);
  // "p:" and 24 hex digits. Phone numbers are reduced to their digits first
  // (and a leading 86 country code dropped) so formatting does not split a caller.
  std::string hash(std::string_view value, bool is_phone) const;

private:
  Sha256 m_inner; // state after absorbing key ^ ipad, reused for every value
  Sha256 m_outer;
};

// The PII key: $DUTY_PII_KEY, else the contents of `key_file` (trailing
// whitespace removed). nullopt when neither is set. Throws UsageError when the
// key file cannot be read or the key is shorter than 16 bytes.
std::optional<std::string>
pii_key(const std::string& key_file);

} // namespace duty::cases
