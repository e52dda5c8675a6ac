// FacetCounter: value streams for local indexes, stock spies for remote shards.
#include "searcher/facets.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <string_view>

#include "core/schema.h"

namespace pressa {
namespace {

// Counts the items of slot values without copying them (std::map and C++17
// unordered_map need a std::string key per lookup, and most names occur once):
// the values are kept whole and the keys point into them. Open addressing,
// linear probing, the table at most half full.
class CountTable {
 public:
  CountTable() : entries_(64) {}
  CountTable(const CountTable&) = delete;
  CountTable& operator=(const CountTable&) = delete;

  // Takes one slot value: the value itself, or each item of an EncodeList.
  void AddValue(bool list, std::string value, long n) {
    if (value.empty()) return;
    values_.push_back(std::move(value));  // a deque: the views stay valid
    std::string_view rest = values_.back();
    if (!list) {
      Add(rest, n);
      return;
    }
    while (!rest.empty()) {
      size_t end = rest.find('\0');
      if (end == std::string_view::npos) end = rest.size();
      if (end > 0) Add(rest.substr(0, end), n);
      rest.remove_prefix(std::min(end + 1, rest.size()));
    }
  }

  std::vector<FacetValue> Top(int limit) const {
    std::vector<const Entry*> entries;
    entries.reserve(size_);
    for (const Entry& e : entries_) {
      if (e.count > 0) entries.push_back(&e);
    }
    size_t n = std::min<size_t>(entries.size(), static_cast<size_t>(std::max(limit, 0)));
    std::partial_sort(entries.begin(), entries.begin() + n, entries.end(),
                      [](const Entry* a, const Entry* b) {
                        return a->count != b->count ? a->count > b->count : a->key < b->key;
                      });
    std::vector<FacetValue> values;
    for (size_t i = 0; i < n; ++i) {
      values.push_back({std::string(entries[i]->key), entries[i]->count});
    }
    return values;
  }

 private:
  struct Entry {
    uint64_t hash = 0;
    std::string_view key;
    long count = 0;  // 0: empty (counts are positive)
  };

  void Add(std::string_view key, long n) {
    uint64_t h = Hash(key);
    size_t mask = entries_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      Entry& e = entries_[i];
      if (e.count == 0) {
        e.hash = h;
        e.key = key;
        e.count = n;
        if (++size_ * 2 > entries_.size()) Grow();
        return;
      }
      if (e.hash == h && e.key == key) {
        e.count += n;
        return;
      }
    }
  }

  // Names are 10-100 bytes: mixing the length, the first and the last eight
  // bytes is several times cheaper than hashing every byte, and a collision
  // only costs a string comparison.
  static uint64_t Hash(std::string_view s) {
    uint64_t head = 0, tail = 0;
    std::memcpy(&head, s.data(), std::min<size_t>(s.size(), 8));
    if (s.size() > 8) std::memcpy(&tail, s.data() + s.size() - 8, 8);
    uint64_t h = head ^ (tail * 0x9E3779B97F4A7C15ULL) ^ (s.size() << 56);
    h = (h ^ (h >> 33)) * 0xFF51AFD7ED558CCDULL;  // MurmurHash3's finalizer: all
    h = (h ^ (h >> 33)) * 0xC4CEB9FE1A85EC53ULL;  // bits matter to the low bits
    return h ^ (h >> 33);
  }

  void Grow() {
    std::vector<Entry> old(entries_.size() * 2);
    old.swap(entries_);
    size_t mask = entries_.size() - 1;
    for (Entry& e : old) {
      if (e.count == 0) continue;
      size_t i = e.hash & mask;
      while (entries_[i].count != 0) i = (i + 1) & mask;
      entries_[i] = std::move(e);
    }
  }

  std::deque<std::string> values_;
  std::vector<Entry> entries_;
  size_t size_ = 0;
};

}  // namespace

const std::vector<FacetSlot>& FacetSlots() {
  static const std::vector<FacetSlot> slots = {{"org", schema::kSlotOrgs, true},
                                               {"person", schema::kSlotPersons, true},
                                               {"place", schema::kSlotPlaces, true},
                                               {"source", schema::kSlotSource, false},
                                               {"year", schema::kSlotYear, false}};
  return slots;
}

struct FacetCounter::Tables {
  Tables() {
    for (size_t i = 0; i < FacetSlots().size(); ++i) {
      per_slot.push_back(std::make_unique<CountTable>());
    }
  }
  std::vector<std::unique_ptr<CountTable>> per_slot;  // parallel to FacetSlots()
};

// Sees every match. On a single shard it records the document ids (they are
// the database's own) and Top() reads the value streams; on several local
// shards the spy sees shard-local ids, so it reads the values from the
// document, which knows its shard.
class FacetCounter::Recorder : public Xapian::MatchSpy {
 public:
  Recorder(bool docids_only, Tables* tables) : docids_only_(docids_only), tables_(tables) {}

  void operator()(const Xapian::Document& doc, double) override {
    if (docids_only_) {
      docids_.push_back(doc.get_docid());
      return;
    }
    const std::vector<FacetSlot>& slots = FacetSlots();
    for (size_t i = 0; i < slots.size(); ++i) {
      tables_->per_slot[i]->AddValue(slots[i].list, doc.get_value(slots[i].slot), 1);
    }
  }
  std::string name() const override { return "pressa.FacetRecorder"; }
  std::vector<Xapian::docid>& docids() { return docids_; }

 private:
  bool docids_only_;
  Tables* tables_;
  std::vector<Xapian::docid> docids_;
};

FacetCounter::FacetCounter(const Xapian::Database& db, bool stock_spies)
    : db_(db), stock_spies_(stock_spies), tables_(std::make_unique<Tables>()) {
  if (!stock_spies_) {
    recorder_ = std::make_unique<Recorder>(db_.size() <= 1, tables_.get());
    return;
  }
  for (const FacetSlot& slot : FacetSlots()) {
    stock_.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot.slot));
  }
}

FacetCounter::~FacetCounter() = default;

void FacetCounter::Attach(Xapian::Enquire* enquire) {
  if (recorder_) enquire->add_matchspy(recorder_.get());
  for (const auto& spy : stock_) enquire->add_matchspy(spy.get());
}

std::map<std::string, std::vector<FacetValue>> FacetCounter::Top(int limit) {
  const std::vector<FacetSlot>& slots = FacetSlots();
  if (stock_spies_) {
    for (size_t i = 0; i < slots.size(); ++i) {
      for (Xapian::TermIterator it = stock_[i]->values_begin(); it != stock_[i]->values_end();
           ++it) {
        tables_->per_slot[i]->AddValue(slots[i].list, *it, static_cast<long>(it.get_termfreq()));
      }
    }
  } else if (!recorder_->docids().empty()) {
    // The matcher visits documents in id order, but sort anyway: the value
    // streams can only move forwards.
    std::vector<Xapian::docid>& docids = recorder_->docids();
    std::sort(docids.begin(), docids.end());
    for (size_t i = 0; i < slots.size(); ++i) {
      Xapian::ValueIterator it = db_.valuestream_begin(slots[i].slot);
      const Xapian::ValueIterator end = db_.valuestream_end(slots[i].slot);
      for (Xapian::docid did : docids) {
        if (it == end) break;
        if (it.get_docid() < did) it.skip_to(did);
        if (it == end) break;
        if (it.get_docid() == did) tables_->per_slot[i]->AddValue(slots[i].list, *it, 1);
      }
    }
  }
  std::map<std::string, std::vector<FacetValue>> top;
  for (size_t i = 0; i < slots.size(); ++i) {
    top[slots[i].facet] = tables_->per_slot[i]->Top(limit);
  }
  return top;
}

}  // namespace pressa
