// zlib's deflateInit2_, defined in the executable (xapian_deflate.h).
#include "indexer/xapian_deflate.h"

#include <dlfcn.h>
#include <zlib.h>

#include <atomic>

namespace pressa {
namespace {

// What glass's CompressionStream asks for (xapian-core common/
// compression_stream.cc): the default level, raw deflate with a 32 KB
// window, memLevel 9.
constexpr int kXapianWindowBits = -15;
constexpr int kXapianMemLevel = 9;
// Measured on 1,000 articles of ng.jsonl (callgrind): level 1 with memLevel
// 8 took the whole build from 6.44 to 6.28 G instructions; memLevel 6 or 4
// gained nothing more and compressed worse.
constexpr int kFastLevel = 1;
constexpr int kFastMemLevel = 8;

std::atomic<long> fast_streams{0};

using DeflateInit2 = int (*)(z_streamp, int, int, int, int, int, const char*, int);

DeflateInit2 ZlibDeflateInit2() {
  static const DeflateInit2 real =
      reinterpret_cast<DeflateInit2>(dlsym(RTLD_NEXT, "deflateInit2_"));
  return real;
}

}  // namespace

long FastXapianDeflateStreams() { return fast_streams.load(std::memory_order_relaxed); }

}  // namespace pressa

extern "C" int deflateInit2_(z_streamp strm, int level, int method, int window_bits,
                             int mem_level, int strategy, const char* version,
                             int stream_size) {
  const pressa::DeflateInit2 real = pressa::ZlibDeflateInit2();
  // Not reachable with a shared zlib; a stream error makes the caller fail
  // cleanly (Xapian reports "deflateInit2 failed").
  if (real == nullptr) return Z_STREAM_ERROR;
  if (level == Z_DEFAULT_COMPRESSION && method == Z_DEFLATED &&
      window_bits == pressa::kXapianWindowBits && mem_level == pressa::kXapianMemLevel) {
    level = pressa::kFastLevel;
    mem_level = pressa::kFastMemLevel;
    pressa::fast_streams.fetch_add(1, std::memory_order_relaxed);
  }
  return real(strm, level, method, window_bits, mem_level, strategy, version, stream_size);
}
