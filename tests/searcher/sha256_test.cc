// Tests of SHA-256 against reference digests.
#include "searcher/sha256.h"

#include <gtest/gtest.h>

#include <string>

namespace pressa {
namespace {

// The compiler's evaluation (the stylesheet's CSP hash is one) gives the same digest.
static_assert(Sha256Base64Chars("abc")[0] == 'u' && Sha256Base64Chars("abc")[43] == '=');
static_assert(Sha256("abc")[0] == 0xba && Sha256("abc")[31] == 0xad);

TEST(Sha256Test, KnownDigests) {
  // Reference values from Python's hashlib.sha256(...).digest(), base64.
  struct Case {
    std::string data;
    const char* base64;
  } cases[] = {
      {"", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="},
      {"abc", "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="},
      {std::string(55, 'a'), "n0OQ+NMMLdkuyfCVtl4rmumwqSWlJY4kHJ8ekQ9zQxg="},
      {std::string(56, 'a'), "s1Q5pKxvCUi21vnjxq8PX1kM4g8b3nCQ73lwaG7Gc4o="},
      {std::string(64, 'a'), "/+BU/nrgy23GXDr5th1SCfQ5hR20PQulmXM33xVGaOs="},
      {std::string(1000, 'a'), "Qe3s5C1j6Nm/UVqbppMuHCDLyfWl0TRkWttdsblzfqM="},
      {"экспорт", "EEafPokqH3HTclUPAba0OLvBQozxrAYFaPUd7wIbg7c="},
  };
  for (const Case& c : cases) EXPECT_EQ(Sha256Base64(c.data), c.base64) << c.data.size();
}

}  // namespace
}  // namespace pressa
