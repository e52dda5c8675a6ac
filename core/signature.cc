// MinHash over 4-word shingles; FNV-1a for the shingle, a 64-bit mixer per hash.
#include "core/signature.h"

#include <cstdint>
#include <limits>

namespace pressa {
namespace {

constexpr size_t kShingle = 4;

uint64_t Fnv1a(uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

// splitmix64's finalizer: a good avalanche, so each seed gives an independent-looking hash.
uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

template <typename Terms>
std::string Signature(const Terms& terms) {
  if (terms.empty()) return std::string();
  uint32_t mins[kSignatureHashes];
  for (uint32_t& m : mins) m = std::numeric_limits<uint32_t>::max();
  size_t shingles = terms.size() >= kShingle ? terms.size() - kShingle + 1 : 1;
  for (size_t i = 0; i < shingles; ++i) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t k = i; k < i + kShingle && k < terms.size(); ++k) {
      h = Fnv1a(h, terms[k]);
      h = Fnv1a(h, " ");
    }
    for (int j = 0; j < kSignatureHashes; ++j) {
      uint32_t v = static_cast<uint32_t>(Mix(h + 0x9e3779b97f4a7c15ULL * (j + 1)) >> 32);
      if (v < mins[j]) mins[j] = v;
    }
  }
  std::string out;
  out.reserve(4 * kSignatureHashes);
  for (uint32_t m : mins) {
    for (int b = 0; b < 4; ++b) out.push_back(static_cast<char>((m >> (8 * b)) & 0xFF));
  }
  return out;
}

}  // namespace

std::string NearDuplicateSignature(const std::vector<std::string>& terms) {
  return Signature(terms);
}

std::string NearDuplicateSignature(const std::vector<std::string_view>& terms) {
  return Signature(terms);
}

double SignatureSimilarity(std::string_view a, std::string_view b) {
  constexpr size_t kBytes = 4 * kSignatureHashes;
  if (a.size() != kBytes || b.size() != kBytes) return 0.0;
  int equal = 0;
  for (size_t i = 0; i < kBytes; i += 4) {
    if (a.substr(i, 4) == b.substr(i, 4)) ++equal;
  }
  return static_cast<double>(equal) / kSignatureHashes;
}

}  // namespace pressa
