#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace duty::util {

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

// Hex SHA-256 of `data`.
std::string
sha256_hex(std::string_view data);

} // namespace duty::util
