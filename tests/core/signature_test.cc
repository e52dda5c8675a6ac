// NearDuplicateSignature is a persistent format: signatures written by
// earlier versions are compared with new ones. The fast implementation must
// give exactly what the plain definition gives.
#include "core/signature.h"

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace pressa {
namespace {

// The definition, one shingle at a time (the implementation before 2026-11-24).
std::string PlainSignature(const std::vector<std::string>& terms) {
  if (terms.empty()) return std::string();
  auto fnv = [](uint64_t h, std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 0x100000001b3ULL;
    }
    return h;
  };
  auto mix = [](uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
  };
  uint32_t mins[kSignatureHashes];
  for (uint32_t& m : mins) m = std::numeric_limits<uint32_t>::max();
  const size_t shingles = terms.size() >= 4 ? terms.size() - 3 : 1;
  for (size_t i = 0; i < shingles; ++i) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t k = i; k < i + 4 && k < terms.size(); ++k) h = fnv(fnv(h, terms[k]), " ");
    for (int j = 0; j < kSignatureHashes; ++j) {
      uint32_t v = static_cast<uint32_t>(mix(h + 0x9e3779b97f4a7c15ULL * (j + 1)) >> 32);
      if (v < mins[j]) mins[j] = v;
    }
  }
  std::string out;
  for (uint32_t m : mins) {
    for (int b = 0; b < 4; ++b) out.push_back(static_cast<char>((m >> (8 * b)) & 0xFF));
  }
  return out;
}

TEST(SignatureTest, EqualsThePlainDefinitionForAnyLengthOfText) {
  std::mt19937 rng(20261124);
  const std::vector<std::string> words = {"росс", "москв", "XAмид", "2024", "санкт-петербург",
                                          "а", "экономическ", "губернатор", "завод", "новост"};
  for (size_t n = 1; n <= 40; ++n) {
    for (int trial = 0; trial < 5; ++trial) {
      std::vector<std::string> terms;
      std::vector<std::string_view> views;
      for (size_t k = 0; k < n; ++k) {
        std::string word = words[rng() % words.size()];
        // Words of unequal lengths, so the shingles hashed side by side end apart.
        word.append(rng() % 7, static_cast<char>('a' + rng() % 26));
        terms.push_back(word);
      }
      for (const std::string& t : terms) views.push_back(t);
      const std::string plain = PlainSignature(terms);
      ASSERT_EQ(plain.size(), 4u * kSignatureHashes);
      EXPECT_EQ(NearDuplicateSignature(terms), plain) << n << " terms";
      EXPECT_EQ(NearDuplicateSignature(views), plain) << n << " terms";
    }
  }
}

}  // namespace
}  // namespace pressa
