// Tests for util/sha256: FIPS 180-4 known answers with both engines.
#include "util/sha256.hpp"

#include <doctest/doctest.h>

#include <ostream>
#include <string>

using namespace duty::util;

namespace {

std::string
sha(const std::string& s, Sha256::Engine engine)
{
  Sha256 h(engine);
  h.update(s);
  return Sha256::hex(h.finish());
}

} // namespace

TEST_CASE("util: SHA-256 known answers")
{
  // Both engines: the CPU's SHA instructions (where present) and the portable code.
  auto engine = Sha256::Engine::fastest;
  SUBCASE("fastest") { engine = Sha256::Engine::fastest; }
  SUBCASE("portable") { engine = Sha256::Engine::portable; }
  auto sha = [&](const std::string& s) { return ::sha(s, engine); };
  CHECK(sha("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  // Fed in odd pieces: the same digest.
  Sha256 h(engine);
  std::string million(1000000, 'a');
  for (size_t i = 0; i < million.size(); i += 997)
    h.update(std::string_view(million).substr(i, 997));
  CHECK(Sha256::hex(h.finish())
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("util: sha256_hex of a whole string")
{
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
