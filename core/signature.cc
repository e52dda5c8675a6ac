// MinHash over 4-word shingles; FNV-1a for the shingle, a 64-bit mixer per hash.
#include "core/signature.h"

#include <cstdint>
#include <limits>
#include <vector>

namespace pressa {
namespace {

constexpr size_t kShingle = 4;
// Shingles hashed side by side (see Signature).
constexpr size_t kLanes = 4;

// splitmix64's finalizer: a good avalanche, so each seed gives an independent-looking hash.
uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

constexpr uint64_t kFnvBasis = 0xcbf29ce484222325ULL;
constexpr uint64_t kFnvPrime = 0x100000001b3ULL;

// Lowers each of the minimums with the shingle hash `h`.
inline void Update(uint64_t h, uint32_t* mins) {
  for (int j = 0; j < kSignatureHashes; ++j) {
    uint32_t v = static_cast<uint32_t>(Mix(h + 0x9e3779b97f4a7c15ULL * (j + 1)) >> 32);
    if (v < mins[j]) mins[j] = v;
  }
}

// The hash of a shingle is FNV-1a over its words, each followed by a space:
// the bytes of `flat` (every term and a space, in order) from the start of
// its first word to the start of the word after its last. FNV is one long
// chain of multiplications per shingle, so kLanes shingles are hashed side
// by side, their chains overlapping in the CPU (1.8% of a fresh build's CPU
// when hashed one by one); the values are those of one at a time.
template <typename Terms>
std::string Signature(const Terms& terms) {
  if (terms.empty()) return std::string();
  uint32_t mins[kSignatureHashes];
  for (uint32_t& m : mins) m = std::numeric_limits<uint32_t>::max();
  thread_local std::string flat;
  thread_local std::vector<size_t> starts;
  flat.clear();
  starts.clear();
  for (const auto& term : terms) {
    starts.push_back(flat.size());
    flat.append(term.data(), term.size());
    flat.push_back(' ');
  }
  starts.push_back(flat.size());
  const size_t n = terms.size();
  // A text shorter than a shingle is one shingle of all its words.
  const size_t shingles = n >= kShingle ? n - kShingle + 1 : 1;
  const size_t width = n >= kShingle ? kShingle : n;
  const auto* bytes = reinterpret_cast<const unsigned char*>(flat.data());
  size_t i = 0;
  for (; i + kLanes <= shingles; i += kLanes) {
    const unsigned char* p[kLanes];
    size_t len[kLanes];
    uint64_t h[kLanes];
    size_t common = std::numeric_limits<size_t>::max();
    for (size_t l = 0; l < kLanes; ++l) {
      p[l] = bytes + starts[i + l];
      len[l] = starts[i + l + width] - starts[i + l];
      h[l] = kFnvBasis;
      if (len[l] < common) common = len[l];
    }
    // Written out: as a loop over the lanes, GCC at -O2 keeps h[] in memory
    // and the chains no longer overlap (slower than one at a time).
    static_assert(kLanes == 4);
    for (size_t b = 0; b < common; ++b) {
      h[0] = (h[0] ^ p[0][b]) * kFnvPrime;
      h[1] = (h[1] ^ p[1][b]) * kFnvPrime;
      h[2] = (h[2] ^ p[2][b]) * kFnvPrime;
      h[3] = (h[3] ^ p[3][b]) * kFnvPrime;
    }
    for (size_t l = 0; l < kLanes; ++l) {
      for (size_t b = common; b < len[l]; ++b) h[l] = (h[l] ^ p[l][b]) * kFnvPrime;
      Update(h[l], mins);
    }
  }
  for (; i < shingles; ++i) {
    uint64_t h = kFnvBasis;
    for (size_t b = starts[i]; b < starts[i + width]; ++b) h = (h ^ bytes[b]) * kFnvPrime;
    Update(h, mins);
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
