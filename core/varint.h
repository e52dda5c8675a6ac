// Little-endian base-128 varints, as the schema's encodings use them.
#ifndef PRESSA_CORE_VARINT_H_
#define PRESSA_CORE_VARINT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace pressa::varint {

inline void Put(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

// Reads one varint from the front of *in; false if it is truncated or longer
// than 64 bits.
inline bool Get(std::string_view* in, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift < 64 && !in->empty(); shift += 7) {
    unsigned char c = static_cast<unsigned char>(in->front());
    in->remove_prefix(1);
    *v |= static_cast<uint64_t>(c & 0x7f) << shift;
    if (!(c & 0x80)) return true;
  }
  return false;
}

}  // namespace pressa::varint

#endif  // PRESSA_CORE_VARINT_H_
