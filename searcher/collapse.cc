// Greedy grouping: each hit joins the first earlier leader it nearly
// duplicates. Comparing each hit with every leader made a deep page quadratic
// (offset 5,000 of a broad query: 15,000 candidates, 1.9 s in memcmp), so
// beyond a first page's few dozen hits the leaders are found through their
// MinHash values: a hit counts, for each leader, how many of its 16 values
// (position by position, what SignatureSimilarity() compares) that leader
// shares, and takes the earliest leader with enough. The groups are the same.
#include "searcher/collapse.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "core/signature.h"

namespace pressa {
namespace {

constexpr size_t kSignatureBytes = 4 * kSignatureHashes;

// The fewest equal values that SignatureSimilarity() scores at or above
// kNearDuplicateSimilarity (8 of 16).
constexpr int EqualValuesNeeded() {
  int k = 0;
  while (k < kSignatureHashes &&
         static_cast<double>(k) / kSignatureHashes < kNearDuplicateSimilarity) {
    ++k;
  }
  return k;
}
constexpr int kEqualNeeded = EqualValuesNeeded();
static_assert(kEqualNeeded > 0, "an empty overlap must not make two texts one story");

uint32_t ValueAt(const std::string& signature, size_t position) {
  uint32_t value;
  std::memcpy(&value, signature.data() + 4 * position, 4);
  return value;
}

// Up to this many hits, CollapseByComparing() is faster (bench/micro, stories
// of ten hits: 50 hits 6 against 41 us, 128 hits 42 against 78 us, about even
// at 256; a first page of ten asks for 50).
constexpr size_t kCompareAllUpTo = 128;

// Sorts by the top 32 bits (least significant byte first, four stable
// passes; a pass where every key has the same byte is skipped): the values
// are MinHash minima, mostly small, so their top byte rarely sorts anything.
void SortByValue(std::vector<uint64_t>* keys, std::vector<uint64_t>* scratch) {
  scratch->resize(keys->size());
  for (int shift = 32; shift < 64; shift += 8) {
    size_t start[257] = {};
    for (uint64_t key : *keys) ++start[((key >> shift) & 0xFF) + 1];
    if (std::find(start + 1, start + 257, keys->size()) != start + 257) continue;
    for (int b = 0; b < 256; ++b) start[b + 1] += start[b];
    for (uint64_t key : *keys) (*scratch)[start[(key >> shift) & 0xFF]++] = key;
    keys->swap(*scratch);
  }
}

// Compares each hit with every leader so far: quadratic, but the fastest for
// a first page's few dozen hits.
std::vector<CollapsedGroup> CollapseByComparing(const std::vector<std::string>& signatures) {
  std::vector<CollapsedGroup> groups;
  for (size_t i = 0; i < signatures.size(); ++i) {
    bool joined = false;
    if (signatures[i].size() == kSignatureBytes) {
      for (CollapsedGroup& g : groups) {
        if (SignatureSimilarity(signatures[g.leader], signatures[i]) >= kNearDuplicateSimilarity) {
          g.members.push_back(i);
          joined = true;
          break;
        }
      }
    }
    if (!joined) groups.push_back(CollapsedGroup{i, {}});
  }
  return groups;
}

}  // namespace

std::vector<CollapsedGroup> CollapseNearDuplicates(const std::vector<std::string>& signatures) {
  const size_t n = signatures.size();
  if (n <= kCompareAllUpTo) return CollapseByComparing(signatures);
  // The hits that can collapse. An empty or malformed signature is similar
  // to nothing (as in SignatureSimilarity), so it leads a group of its own.
  std::vector<uint32_t> valid;
  for (size_t i = 0; i < n; ++i) {
    if (signatures[i].size() == kSignatureBytes) valid.push_back(static_cast<uint32_t>(i));
  }
  const size_t v = valid.size();

  // Per position, the valid hits sorted by their value there: hits sharing a
  // value form a run, and each run gets a slice of `leaders`: a count, then
  // room for the groups its hits lead, filled in rank order. run_of[k * 16 +
  // p] is where the slice of the k-th valid hit's run at position p starts. A
  // hit then reads 16 contiguous slices instead of chasing lists through
  // memory, and no slice is read for a value only that hit holds.
  constexpr uint32_t kAlone = UINT32_MAX;
  std::vector<uint32_t> run_of(v * kSignatureHashes);
  std::vector<uint32_t> leaders;
  std::vector<uint32_t> values(v * kSignatureHashes);  // by position, then hit
  for (size_t k = 0; k < v; ++k) {
    for (size_t p = 0; p < kSignatureHashes; ++p) {
      values[p * v + k] = ValueAt(signatures[valid[k]], p);
    }
  }
  std::vector<uint64_t> sorted(v), scratch;
  for (size_t p = 0; p < kSignatureHashes; ++p) {
    for (size_t k = 0; k < v; ++k) sorted[k] = (static_cast<uint64_t>(values[p * v + k]) << 32) | k;
    SortByValue(&sorted, &scratch);
    for (size_t r = 0, end; r < v; r = end) {
      for (end = r + 1; end < v && (sorted[end] >> 32) == (sorted[r] >> 32);) ++end;
      uint32_t slice = kAlone;
      if (end - r > 1) {
        slice = static_cast<uint32_t>(leaders.size());
        leaders.resize(leaders.size() + 1 + (end - r), 0);
      }
      for (size_t m = r; m < end; ++m)
        run_of[(sorted[m] & 0xFFFFFFFFu) * kSignatureHashes + p] = slice;
    }
  }

  std::vector<CollapsedGroup> groups;
  std::vector<uint8_t> shared;    // per group: values shared with the current hit
  std::vector<uint32_t> touched;  // the groups whose count is not zero
  size_t k = 0;                   // the current hit's place in `valid`
  for (size_t i = 0; i < n; ++i) {
    if (k == v || valid[k] != i) {
      groups.push_back(CollapsedGroup{i, {}});
      shared.push_back(0);
      continue;
    }
    const uint32_t* runs = &run_of[k * kSignatureHashes];
    ++k;
    // The slices are scattered over a large array: ask for the next hit's
    // while this one counts (bench/micro, 300,020 hits: 393 -> 318 ms, the
    // medians of three runs each; no change at 15,020, which fit in cache).
    if (k < v) {
      for (size_t p = 0; p < kSignatureHashes; ++p) {
        uint32_t next = runs[kSignatureHashes + p];
        if (next != kAlone) __builtin_prefetch(&leaders[next]);
      }
    }
    uint32_t best = UINT32_MAX;  // the earliest leader with enough values
    for (size_t p = 0; p < kSignatureHashes; ++p) {
      if (runs[p] == kAlone) continue;
      const uint32_t* slice = &leaders[runs[p]];
      for (uint32_t e = 1, count = slice[0]; e <= count; ++e) {
        uint32_t g = slice[e];
        if (shared[g]++ == 0) touched.push_back(g);
        if (shared[g] == kEqualNeeded && g < best) best = g;
      }
    }
    for (uint32_t g : touched) shared[g] = 0;
    touched.clear();
    if (best != UINT32_MAX) {
      groups[best].members.push_back(i);
      continue;
    }
    auto group = static_cast<uint32_t>(groups.size());
    groups.push_back(CollapsedGroup{i, {}});
    shared.push_back(0);
    for (size_t p = 0; p < kSignatureHashes; ++p) {
      if (runs[p] == kAlone) continue;
      uint32_t* slice = &leaders[runs[p]];
      slice[++slice[0]] = group;
    }
  }
  return groups;
}

}  // namespace pressa
