// Small non-cryptographic 64-bit hashes for change detection and short keys.
#ifndef PRESSA_CORE_HASH_H_
#define PRESSA_CORE_HASH_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace pressa {

// FNV-1a, byte at a time: stable and simple, for short strings (ids, paths).
inline uint64_t Fnv1a64(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

// A fast hash of arbitrary bytes, eight at a time (a multiply-xorshift mix in
// the spirit of XXH64/wyhash). Used to detect changed file contents and JSON
// lines; it is part of the incremental state stored in the index, so its
// output must not change (bump the state version in index_state.h if it does).
inline uint64_t ContentHash64(std::string_view s) {
  constexpr uint64_t kMul1 = 0x9E3779B185EBCA87ULL;
  constexpr uint64_t kMul2 = 0xC2B2AE3D27D4EB4FULL;
  auto mix = [](uint64_t x) {
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDULL;
    x ^= x >> 33;
    return x;
  };
  uint64_t h = 0x27D4EB2F165667C5ULL ^ (s.size() * kMul1);
  const char* p = s.data();
  size_t n = s.size();
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ (w * kMul2)) * kMul1;
    h = (h << 31) | (h >> 33);
    p += 8;
    n -= 8;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, p, n);
  h = (h ^ (tail * kMul2)) * kMul1;
  return mix(h);
}

// 16 lower-case hex digits.
inline std::string Hex64(uint64_t v) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[i] = kDigits[v & 15];
  return out;
}

}  // namespace pressa

#endif  // PRESSA_CORE_HASH_H_
