#include "rates/provenance.hpp"

#include "util/sha256.hpp"

namespace duty::rates {

std::string
lists_hash(const lists::ListSet& set)
{
  util::Sha256 sha;
  for (const auto& f : set.files) {
    sha.update(f.kind);
    sha.update(std::string_view("\0", 1));
    sha.update(std::to_string(f.text.size()));
    sha.update(std::string_view("\0", 1));
    sha.update(f.text);
  }
  return util::Sha256::hex(sha.finish());
}

} // namespace duty::rates
