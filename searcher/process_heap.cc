// The heap of a one-shot process on transparent huge pages (see the header).
#include "searcher/process_heap.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#if defined(__GLIBC__) && defined(__linux__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define PRESSA_SANITIZED_HEAP 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define PRESSA_SANITIZED_HEAP 1
#endif

namespace pressa {

#if defined(__GLIBC__) && defined(__linux__) && !defined(PRESSA_SANITIZED_HEAP)

namespace {

constexpr uintptr_t kHugePage = uintptr_t{2} << 20;
// Heap reserved (address space only) on huge pages; a request that needs
// more grows the heap on small pages as usual. The broadest queries of the
// shared corpus peak below 20 MB resident.
constexpr size_t kHugeHeapBytes = size_t{64} << 20;
// glibc's largest mmap threshold on 64-bit: blocks up to this size come
// from the heap, not from a fresh mmap of small pages each.
constexpr int kMmapThreshold = 32 << 20;
constexpr int kDefaultTopPad = 128 << 10;

}  // namespace

void UseHugePagesForHeap() {
  // A huge page maps only a whole aligned 2 MB inside one mapping, and only
  // where nothing was touched yet. So: one block pads the heap from its top
  // to just below the next 2 MB boundary (never touched: it costs address
  // space only), the heap grows far beyond it in the same step, and the part
  // past the boundary is advised before anything lives there. glibc carves
  // the next blocks from the top chunk, which now starts at the boundary.
  mallopt(M_MMAP_THRESHOLD, kMmapThreshold);
  mallopt(M_TRIM_THRESHOLD, INT32_MAX);  // keep faulted-in pages for reuse
  const uintptr_t end = reinterpret_cast<uintptr_t>(sbrk(0));
  const size_t top = mallinfo2().keepcost;  // the top chunk, which ends at the break
  if (end == static_cast<uintptr_t>(-1) || top == 0 || top > end) return;
  const uintptr_t top_chunk = end - top;
  const uintptr_t aligned = (end + kHugePage) & ~(kHugePage - 1);
  // A block of chunk size n leaves the top chunk's header (16 bytes) at
  // top_chunk + n; glibc rounds a request r up to r + 8, 16-aligned.
  const size_t chunk = aligned - 16 - top_chunk;
  mallopt(M_TOP_PAD, static_cast<int>(kHugeHeapBytes));
  void* pad = malloc(chunk - 8);
  mallopt(M_TOP_PAD, kDefaultTopPad);
  if (pad == nullptr) return;
  const uintptr_t grown = reinterpret_cast<uintptr_t>(sbrk(0)) & ~(kHugePage - 1);
  if (reinterpret_cast<uintptr_t>(pad) != top_chunk + 16 || grown <= aligned) {
    free(pad);  // not laid out as expected (another allocator, a mapping in the way)
    return;
  }
  madvise(reinterpret_cast<void*>(aligned), grown - aligned, MADV_HUGEPAGE);
  // `pad` stays allocated for the life of the process: freeing it would
  // hand its untouched small pages out first.
}

#else

void UseHugePagesForHeap() {}

#endif

}  // namespace pressa
