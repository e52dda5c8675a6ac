// A direct-mapped cache of word -> stem for the stemmers' hot loops (internal).
#ifndef PRESSA_STEMMERS_STEM_CACHE_H_
#define PRESSA_STEMMERS_STEM_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/hash.h"

namespace pressa {

// A Snowball run costs ~2,600 instructions, a hit here one or two cache
// lines: sets of two entries, least recently used evicted, so two frequent
// words that hash alike both stay. Each entry holds the word and, unless it
// is a prefix of the word (almost always in Russian), the stem, inline.
// Longer words are not cached. A large unordered_map measured slower than no
// cache at all (its lookups miss the CPU caches). Simulated on one worker's
// share of the corpus, 64k entries miss 14.0% of the words direct-mapped,
// 10.8% in LRU pairs. The cache starts small and grows fourfold whenever it has
// missed four times its size, up to `max_entries` (64 bytes each): a
// long-lived user ends with the full cache, a one-shot process (pressa.cgi)
// does not fault in memory it would barely use. Not thread-safe.
class StemCache {
 public:
  // `max_entries`: a power of two, at least 256.
  explicit StemCache(size_t max_entries) : max_entries_(max_entries) {}

  // True and `*stem` set if `word` is cached.
  bool Find(std::string_view word, std::string* stem) {
    if (entries_.empty()) entries_.resize(kFirstEntries);
    Entry* set = &entries_[Hash(word) & (entries_.size() - 2)];
    for (int way = 0; way < 2; ++way) {
      const Entry& e = set[way];
      if (e.word_len == word.size() && std::memcmp(e.bytes, word.data(), word.size()) == 0) {
        stem->assign(e.stem_is_prefix ? e.bytes : e.bytes + e.word_len, e.stem_len);
        // The set keeps its most recently used entry first (evicted last).
        if (way == 1) std::swap(set[0], set[1]);
        return true;
      }
    }
    return false;
  }

  // Caches `stem` for `word` (after a Find that missed).
  void Put(std::string_view word, std::string_view stem) {
    if (++misses_ > 4 * entries_.size() && entries_.size() < max_entries_) {
      misses_ = 0;
      // The words cached so far move along: dropping them cost each one
      // another Snowball run when it came back.
      std::vector<Entry> bigger(entries_.size() * 4);
      for (const Entry& old : entries_) {
        if (old.word_len == 0) continue;
        Entry* set = &bigger[Hash(std::string_view(old.bytes, old.word_len)) & (bigger.size() - 2)];
        set[set[0].word_len == 0 ? 0 : 1] = old;
      }
      entries_.swap(bigger);
    }
    const bool prefix = stem.size() <= word.size() && word.compare(0, stem.size(), stem) == 0;
    if (word.empty() || word.size() + (prefix ? 0 : stem.size()) > Entry::kBytes) return;
    Entry* set = &entries_[Hash(word) & (entries_.size() - 2)];
    if (set[0].word_len != 0) set[1] = set[0];
    Entry& e = set[0];
    e.word_len = static_cast<uint8_t>(word.size());
    e.stem_len = static_cast<uint8_t>(stem.size());
    e.stem_is_prefix = prefix;
    std::memcpy(e.bytes, word.data(), word.size());
    if (!prefix) std::memcpy(e.bytes + word.size(), stem.data(), stem.size());
  }

 private:
  static constexpr size_t kFirstEntries = 1 << 8;

  struct alignas(64) Entry {
    static constexpr size_t kBytes = 61;
    uint8_t word_len = 0;  // 0: empty (the empty word is never stored)
    uint8_t stem_len = 0;
    bool stem_is_prefix = false;
    char bytes[kBytes];
  };
  static_assert(sizeof(Entry) == 64, "one cache line");

  // ContentHash64 takes eight bytes a step (a word is 10-20 bytes of
  // Cyrillic), where FNV-1a spent a multiply on every byte.
  static uint32_t Hash(std::string_view word) {
    return static_cast<uint32_t>(ContentHash64(word) >> 32);
  }

  const size_t max_entries_;
  std::vector<Entry> entries_;
  size_t misses_ = 0;
};

}  // namespace pressa

#endif  // PRESSA_STEMMERS_STEM_CACHE_H_
