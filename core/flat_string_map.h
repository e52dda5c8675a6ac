// A map from strings for tables built once and then read many times (the
// entity extractor's word lists and gazetteers, the terms with Xapian
// positions).
#ifndef PRESSA_CORE_FLAT_STRING_MAP_H_
#define PRESSA_CORE_FLAT_STRING_MAP_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/hash.h"

namespace pressa {

// Open addressing (linear probing, at most half full) on ContentHash64: a
// lookup hashes eight bytes a step, masks instead of dividing, and compares
// a word only after its full hash matched, where std::unordered_map divides
// by a prime and chases a node or two per lookup (the extractor's lookups in
// its word lists were 12% of an --extract run, mostly cache misses). The
// items stay in insertion order, so iteration is deterministic and the first
// of two equal keys wins in file order. Inserting may move them: a pointer
// from Find is good until the next insertion.
template <typename V>
class FlatStringMap {
 public:
  using Item = std::pair<std::string, V>;
  using const_iterator = typename std::vector<Item>::const_iterator;

  // The value of `key`, nullptr if absent.
  const V* Find(std::string_view key) const { return Find(key, ContentHash64(key)); }
  // The same, given ContentHash64(key), for a caller that hashed it already.
  const V* Find(std::string_view key, uint64_t hash) const {
    if (items_.empty()) return nullptr;
    const size_t mask = slots_.size() - 1;
    for (size_t at = hash & mask;; at = (at + 1) & mask) {
      const Slot& slot = slots_[at];
      if (slot.index == 0) return nullptr;
      if (slot.hash == hash && items_[slot.index - 1].first == key) {
        return &items_[slot.index - 1].second;
      }
    }
  }
  bool Contains(std::string_view key) const { return Find(key) != nullptr; }

  // The value of `key`, inserted default-constructed if absent.
  V& operator[](std::string_view key) { return items_[Insert(key)].second; }
  // Adds `value` under `key` unless `key` is there already.
  void emplace(std::string_view key, V value) {
    const size_t before = items_.size();
    const size_t index = Insert(key);
    if (items_.size() > before) items_[index].second = std::move(value);
  }

  size_t size() const { return items_.size(); }
  const_iterator begin() const { return items_.begin(); }
  const_iterator end() const { return items_.end(); }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t index = 0;  // into items_, plus one; 0 for an empty slot
  };

  // The index of `key` in items_, appended if absent.
  size_t Insert(std::string_view key) {
    if (2 * (items_.size() + 1) > slots_.size()) Grow();
    const uint64_t hash = ContentHash64(key);
    const size_t mask = slots_.size() - 1;
    size_t at = hash & mask;
    for (; slots_[at].index != 0; at = (at + 1) & mask) {
      if (slots_[at].hash == hash && items_[slots_[at].index - 1].first == key) {
        return slots_[at].index - 1;
      }
    }
    items_.emplace_back(std::string(key), V());
    slots_[at] = Slot{hash, static_cast<uint32_t>(items_.size())};
    return items_.size() - 1;
  }

  void Grow() {
    std::vector<Slot> bigger(slots_.empty() ? 16 : 2 * slots_.size());
    const size_t mask = bigger.size() - 1;
    for (const Slot& slot : slots_) {
      if (slot.index == 0) continue;
      size_t at = slot.hash & mask;
      while (bigger[at].index != 0) at = (at + 1) & mask;
      bigger[at] = slot;
    }
    slots_.swap(bigger);
  }

  std::vector<Item> items_;
  std::vector<Slot> slots_;
};

// A set of strings on the same table.
class FlatStringSet {
 public:
  void insert(std::string_view key) { map_.emplace(key, true); }
  bool Contains(std::string_view key) const { return map_.Contains(key); }
  // The same, given ContentHash64(key).
  bool Contains(std::string_view key, uint64_t hash) const {
    return map_.Find(key, hash) != nullptr;
  }
  size_t size() const { return map_.size(); }
  // Calls fn(key) for each key, in insertion order.
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (const auto& item : map_) fn(item.first);
  }

 private:
  FlatStringMap<bool> map_;
};

}  // namespace pressa

#endif  // PRESSA_CORE_FLAT_STRING_MAP_H_
