// FacetCounter: the value stream (or FacetCache's column in memory) for local
// indexes, a stock spy for remote shards; ids counted as integers and named
// only for the top values.
#include "searcher/facets.h"

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/facet_ids.h"
#include "core/schema.h"
#include "core/signature.h"
#include "searcher/shards.h"

namespace pressa {
namespace {

// The facet of each kind of facet_ids.
const char* const kKindFacets[facet_ids::kKinds] = {"org", "person", "place", "source", "year"};

// More ties than this at the last place shown are chosen by id, not by name:
// naming each would cost a name table lookup.
constexpr size_t kMaxTiesNamed = 256;
// Names cached per searcher; the cache starts over beyond this.
constexpr size_t kMaxCachedNames = 1 << 17;
// The largest FacetCache::Column kept in memory (~100 bytes a document).
constexpr size_t kMaxColumnBytes = size_t{256} << 20;

}  // namespace

// Counts of entity keys (kind above the 48-bit id): open addressing, linear
// probing, at most half full. The ids are hashes already, so their low bits
// index the table. Reused from search to search (FacetCache): an entry
// counts only when it carries the current epoch, so starting over costs
// nothing, and a broad query does not fault in megabytes of fresh pages.
class FacetCache::IdTable {
 public:
  IdTable() : entries_(1 << 12) {}

  // Forgets every count.
  void Clear() {
    used_.clear();
    if (++epoch_ == 0) {  // wrapped: old entries could look current
      for (Entry& e : entries_) e.epoch = 0;
      epoch_ = 1;
    }
  }

  // Adds n to the count of each key. The probes' cache lines are fetched
  // together first: a broad query's table is megabytes, and each key of a
  // document would otherwise wait for its own cache miss.
  void AddAll(const uint64_t* keys, size_t count, uint32_t n) {
    size_t mask = entries_.size() - 1;
    for (size_t k = 0; k < count; ++k) __builtin_prefetch(&entries_[Slot(keys[k]) & mask], 1);
    for (size_t k = 0; k < count; ++k) Add(keys[k], n);
  }

  void Add(uint64_t key, uint32_t n) {
    size_t mask = entries_.size() - 1;
    for (size_t i = Slot(key) & mask;; i = (i + 1) & mask) {
      Entry& e = entries_[i];
      if (e.epoch != epoch_) {
        e.key = key;
        e.count = n;
        e.epoch = epoch_;
        used_.push_back(static_cast<uint32_t>(i));
        if (used_.size() * 2 > entries_.size()) Grow();
        return;
      }
      if (e.key == key) {
        e.count += n;
        return;
      }
    }
  }

  // Calls fn(key, count) for each key counted since Clear().
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (uint32_t i : used_) fn(entries_[i].key, static_cast<long>(entries_[i].count));
  }

 private:
  struct Entry {
    uint64_t key = 0;
    uint32_t count = 0;
    uint32_t epoch = 0;  // the table's epoch_ when the entry was last set
  };

  static size_t Slot(uint64_t key) { return static_cast<size_t>(key ^ (key >> 45)); }

  void Grow() {
    std::vector<Entry> old(entries_.size() * 2);
    old.swap(entries_);
    size_t mask = entries_.size() - 1;
    for (uint32_t& u : used_) {
      const Entry& e = old[u];
      size_t i = Slot(e.key) & mask;
      while (entries_[i].epoch == epoch_) i = (i + 1) & mask;
      entries_[i] = e;
      u = static_cast<uint32_t>(i);
    }
  }

  std::vector<Entry> entries_;
  std::vector<uint32_t> used_;  // indexes of the entries of this epoch
  uint32_t epoch_ = 1;
};

namespace {

// The key of an entity in the IdTable: its kind above the 48-bit id.
uint64_t KindKey(int kind, uint64_t id) { return (static_cast<uint64_t>(kind) << 48) | id; }

}  // namespace

// ---- FacetCache ----

// The entity keys of every document as dense indexes into keys_, numbered
// most frequent first: counting a broad query is then one increment per key
// into a small array whose busiest part stays in the cache, instead of a
// probe into a hash table of megabytes.
class FacetCache::Column {
 public:
  // Reads the whole value stream; false beyond kMaxColumnBytes.
  bool Load(const Xapian::Database& db) {
    Xapian::docid last = db.get_lastdocid();
    if (last >= UINT32_MAX - 1) return false;
    offsets_.assign(static_cast<size_t>(last) + 2, 0);
    ids_.clear();
    std::vector<uint64_t> keys;
    // Key -> first-seen index: open addressing on the key's low bits (the
    // ids are hashes), as std::unordered_map's chains made loading slow.
    std::vector<uint32_t> index_of(1 << 16, UINT32_MAX);
    auto index = [&](uint64_t key) -> uint32_t& {
      size_t mask = index_of.size() - 1;
      size_t i = static_cast<size_t>(key ^ (key >> 45)) & mask;
      while (index_of[i] != UINT32_MAX && keys[index_of[i]] != key) i = (i + 1) & mask;
      return index_of[i];
    };
    std::vector<uint32_t> freq;
    Xapian::docid next = 0;  // offsets_ are set below `next`
    for (Xapian::ValueIterator it = db.valuestream_begin(schema::kSlotEntityIds);
         it != db.valuestream_end(schema::kSlotEntityIds); ++it) {
      Xapian::docid did = it.get_docid();
      if (did > last) break;
      while (next <= did) offsets_[next++] = static_cast<uint32_t>(ids_.size());
      const std::string value = *it;
      // A malformed value counts the ids before the damage, as the stream does.
      facet_ids::ForEachId(value, [&](int kind, uint64_t id) {
        const uint64_t key = KindKey(kind, id);
        uint32_t& slot = index(key);
        uint32_t k = slot;
        if (k == UINT32_MAX) {
          k = slot = static_cast<uint32_t>(keys.size());
          keys.push_back(key);
          freq.push_back(0);
          if (keys.size() * 2 > index_of.size()) {  // at most half full
            std::vector<uint32_t>(index_of.size() * 2, UINT32_MAX).swap(index_of);
            for (uint32_t j = 0; j < keys.size(); ++j) index(keys[j]) = j;
          }
        }
        ++freq[k];
        ids_.push_back(k);
      });
      if (ids_.size() * sizeof(uint32_t) > kMaxColumnBytes) return false;
    }
    while (next < offsets_.size()) offsets_[next++] = static_cast<uint32_t>(ids_.size());
    // Renumber by falling frequency (ties by key, so a load is reproducible).
    std::vector<uint32_t> order(keys.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      return freq[a] != freq[b] ? freq[a] > freq[b] : keys[a] < keys[b];
    });
    std::vector<uint32_t> rank(keys.size());
    keys_.resize(keys.size());
    for (uint32_t r = 0; r < order.size(); ++r) {
      rank[order[r]] = r;
      keys_[r] = keys[order[r]];
    }
    for (uint32_t& id : ids_) id = rank[id];
    if (keys_.size() <= 0x10000) {  // half the bytes to stream through when counting
      narrow_ids_.assign(ids_.begin(), ids_.end());
      std::vector<uint32_t>().swap(ids_);
    }
    totals_.resize(keys_.size());
    for (uint32_t r = 0; r < order.size(); ++r) totals_[r] = freq[order[r]];
    counts_.assign(keys_.size(), 0);
    LoadSignatures(db, last);
    LoadDates(db, last);
    return true;
  }

  // The documents of `within` dated lo..hi ("YYYYMMDD", inclusive, as
  // Xapian's value range compares them) into *out; false when the column
  // holds no dates (see LoadDates).
  bool DatesBetween(const std::string& lo, const std::string& hi,
                    const std::vector<Xapian::docid>& within,
                    std::vector<Xapian::docid>* out) const {
    uint32_t from, to;
    if (dates_.empty() || !DateNumber(lo, &from) || !DateNumber(hi, &to)) return false;
    out->clear();
    for (Xapian::docid did : within) {
      uint32_t date = did < dates_.size() ? dates_[did] : 0;
      if (date != 0 && date >= from && date <= to) out->push_back(did);
    }
    return true;
  }

  // The kSlotSignature value of `did` into *value; false when the column
  // holds no signatures (see LoadSignatures).
  bool Signature(Xapian::docid did, std::string* value) const {
    if (has_signature_.empty()) return false;
    if (did < has_signature_.size() && has_signature_[did]) {
      value->assign(signatures_, static_cast<size_t>(did) * kSignatureBytes, kSignatureBytes);
    } else {
      value->clear();
    }
    return true;
  }

  // Calls fn(key, count) for each key of the documents `docids` (ascending),
  // with the number of them that hold it.
  template <typename Fn>
  void Count(const std::vector<Xapian::docid>& docids, Fn&& fn) const {
    if (ids_.empty()) {
      CountWith(narrow_ids_, docids, fn);
    } else {
      CountWith(ids_, docids, fn);
    }
  }

 private:
  static constexpr size_t kSignatureBytes = 4 * kSignatureHashes;

  // "YYYYMMDD" as a number, which orders as the string does; false for
  // anything else.
  static bool DateNumber(const std::string& s, uint32_t* n) {
    if (s.size() != 8) return false;
    *n = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return false;
      *n = *n * 10 + static_cast<uint32_t>(c - '0');
    }
    return true;
  }

  // The dates too, for date ranges; none kept when a value is not of eight
  // digits (or is 00000000, which stands for "no date" here).
  void LoadDates(const Xapian::Database& db, Xapian::docid last) {
    std::vector<uint32_t> dates(static_cast<size_t>(last) + 1, 0);
    for (Xapian::ValueIterator it = db.valuestream_begin(schema::kSlotDate);
         it != db.valuestream_end(schema::kSlotDate); ++it) {
      Xapian::docid did = it.get_docid();
      if (did > last) break;
      uint32_t date;
      if (!DateNumber(*it, &date) || date == 0) return;
      dates[did] = date;
    }
    dates_ = std::move(dates);
  }

  // The near-duplicate signatures too, for collapsing the fetched hits
  // without a B-tree lookup each; none kept when one has another size.
  void LoadSignatures(const Xapian::Database& db, Xapian::docid last) {
    std::vector<bool> has(static_cast<size_t>(last) + 1, false);
    std::string bytes(has.size() * kSignatureBytes, '\0');
    for (Xapian::ValueIterator it = db.valuestream_begin(schema::kSlotSignature);
         it != db.valuestream_end(schema::kSlotSignature); ++it) {
      Xapian::docid did = it.get_docid();
      if (did > last) break;
      const std::string value = *it;
      if (value.size() != kSignatureBytes) return;
      value.copy(&bytes[static_cast<size_t>(did) * kSignatureBytes], kSignatureBytes);
      has[did] = true;
    }
    signatures_ = std::move(bytes);
    has_signature_ = std::move(has);
  }

  template <typename Id, typename Fn>
  void CountWith(const std::vector<Id>& ids, const std::vector<Xapian::docid>& docids,
                 Fn&& fn) const {
    if (docids.size() * 2 > offsets_.size() &&
        std::is_sorted(docids.begin(), docids.end())) {
      // Most documents match: the totals less the documents that do not.
      counts_ = totals_;
      size_t next = 0;  // into docids
      for (Xapian::docid did = 0; did + 1 < offsets_.size(); ++did) {
        while (next < docids.size() && docids[next] < did) ++next;
        if (next < docids.size() && docids[next] == did) continue;
        for (uint32_t i = offsets_[did]; i < offsets_[did + 1]; ++i) --counts_[ids[i]];
      }
      Report(fn);
      return;
    }
    size_t touched = 0;
    constexpr size_t kAhead = 16;  // documents whose keys are fetched ahead
    for (size_t d = 0; d < docids.size(); ++d) {
      if (d + kAhead < docids.size() && docids[d + kAhead] + 1 < offsets_.size()) {
        __builtin_prefetch(ids.data() + offsets_[docids[d + kAhead]]);
      }
      Xapian::docid did = docids[d];
      if (did + 1 >= offsets_.size()) continue;
      const Id* p = ids.data() + offsets_[did];
      const Id* end = ids.data() + offsets_[did + 1];
      touched += static_cast<size_t>(end - p);
      for (; p < end; ++p) ++counts_[*p];
    }
    if (touched < counts_.size() / 16) {
      // A narrow query: visit its own keys rather than the whole array.
      for (Xapian::docid did : docids) {
        if (did + 1 >= offsets_.size()) continue;
        for (uint32_t i = offsets_[did]; i < offsets_[did + 1]; ++i) {
          uint32_t& count = counts_[ids[i]];
          if (count != 0) fn(keys_[ids[i]], static_cast<long>(count));
          count = 0;
        }
      }
      return;
    }
    Report(fn);
  }

  // Calls fn(key, count) for each counted key, and zeroes the counts.
  template <typename Fn>
  void Report(Fn&& fn) const {
    for (size_t i = 0; i < counts_.size(); ++i) {
      if (counts_[i] != 0) {
        fn(keys_[i], static_cast<long>(counts_[i]));
        counts_[i] = 0;
      }
    }
  }

  std::vector<uint32_t> offsets_;  // keys of did: ids_[offsets_[did], offsets_[did + 1])
  std::vector<uint32_t> ids_;      // indexes into keys_; empty when narrow_ids_ holds them
  std::vector<uint16_t> narrow_ids_;  // the same, when there are at most 2^16 keys
  std::vector<uint64_t> keys_;     // KindKey of each index, most frequent first
  std::vector<uint32_t> totals_;   // per index: the documents holding it
  std::vector<uint32_t> dates_;    // per docid, YYYYMMDD or 0; empty when unused
  std::string signatures_;         // kSignatureBytes per docid
  std::vector<bool> has_signature_;  // per docid; empty when signatures_ is unused
  mutable std::vector<uint32_t> counts_;  // per index; all zero between searches
};

const FacetCache::Column* FacetCache::ColumnFor(const Xapian::Database& db) {
  std::string key;
  try {
    if (db.size() != 1) return nullptr;
    key = db.get_uuid() + "@" + std::to_string(db.get_revision());
  } catch (const Xapian::Error&) {
    return nullptr;  // not one local glass database
  }
  if (key != seen_) {  // the first search of this revision: stream, load at the next
    seen_ = key;
    column_.reset();
    column_tried_ = false;
    return nullptr;
  }
  if (!column_tried_) {
    column_tried_ = true;
    column_ = std::make_unique<Column>();
    if (!column_->Load(db)) column_.reset();  // too large: stream
  }
  return column_.get();
}

const FacetCache::Column* FacetCache::LoadedColumn(const Xapian::Database& db) const {
  if (column_ == nullptr || !column_tried_) return nullptr;
  try {
    if (db.size() != 1 || db.get_uuid() + "@" + std::to_string(db.get_revision()) != seen_) {
      return nullptr;
    }
  } catch (const Xapian::Error&) {
    return nullptr;
  }
  return column_.get();
}

bool FacetCache::DatesBetween(const Xapian::Database& db, const std::string& lo,
                              const std::string& hi, const std::vector<Xapian::docid>& within,
                              std::vector<Xapian::docid>* out) {
  const Column* column = LoadedColumn(db);
  return column != nullptr && column->DatesBetween(lo, hi, within, out);
}

bool FacetCache::CachedSignatures(const Xapian::Database& db,
                                  const std::vector<Xapian::docid>& docids,
                                  std::vector<std::string>* values) {
  if (LoadedColumn(db) == nullptr) return false;
  std::vector<std::string> out(docids.size());
  for (size_t i = 0; i < docids.size(); ++i) {
    if (!column_->Signature(docids[i], &out[i])) return false;
  }
  *values = std::move(out);
  return true;
}

FacetCache::FacetCache(std::string db_path) : path_(std::move(db_path)) {}

FacetCache::FacetCache(std::vector<Xapian::Database> shards)
    : opened_(true), shards_(std::move(shards)) {}

FacetCache::~FacetCache() = default;

FacetCache::IdTable* FacetCache::TakeIdTable() {
  // Made on first use: a request that counts no facets (the CGI's front
  // page) does not fault in the table.
  if (ids_ == nullptr) ids_ = std::make_unique<IdTable>();
  ids_->Clear();
  return ids_.get();
}

std::string FacetCache::Name(const Xapian::Database& db, uint64_t id) {
  std::string uuid = db.get_uuid();
  if (uuid != uuid_ || cache_.size() >= kMaxCachedNames) {
    // Another generation (or another database): names may differ, and the
    // shards a stub lists may have been swapped for new generations.
    if (uuid != uuid_ && !path_.empty()) {
      opened_ = false;
      shards_.clear();
    }
    cache_.clear();
    uuid_ = uuid;
  }
  auto it = cache_.find(id);
  if (it != cache_.end()) return it->second;
  std::string name = Lookup(db, id);
  if (!name.empty()) cache_.emplace(id, name);
  return name;
}

std::vector<std::string> FacetCache::ShardMetadata(const Xapian::Database& db,
                                                   const std::string& key) {
  std::vector<std::string> values;
  if (db.size() <= 1 || !OpenShards(db)) {
    values.push_back(db.get_metadata(key));  // moved: a braced list would copy (112 KB dictionaries)
    return values;
  }
  for (Xapian::Database& shard : shards_) values.push_back(shard.get_metadata(key));
  return values;
}

bool FacetCache::OpenShards(const Xapian::Database& db) {
  if (!opened_ || shards_.size() != db.size()) {
    opened_ = true;
    shards_.clear();
    for (const ShardSpec& spec : ListShards(path_)) {
      if (!spec.remote) {
        shards_.emplace_back(spec.target);
      } else if (!spec.target.empty() && spec.target[0] == ':') {
        size_t space = spec.target.find(' ');
        std::string program = spec.target.substr(1, space == std::string::npos ? space : space - 1);
        std::string args = space == std::string::npos ? "" : spec.target.substr(space + 1);
        shards_.push_back(Xapian::Remote::open(program, args));
      } else {
        size_t colon = spec.target.rfind(':');
        std::string port = colon == std::string::npos ? "" : spec.target.substr(colon + 1);
        if (port.empty() || port.size() > 5 ||
            port.find_first_not_of("0123456789") != std::string::npos) {
          break;  // Xapian would not have opened it either
        }
        shards_.push_back(Xapian::Remote::open(spec.target.substr(0, colon),
                                               static_cast<unsigned>(std::stoul(port))));
      }
    }
  }
  return shards_.size() == db.size();
}

std::string FacetCache::Lookup(const Xapian::Database& db, uint64_t id) {
  const std::string key = facet_ids::NameKey(id);
  if (db.size() <= 1) return facet_ids::BestVariant(db.get_metadata(key));
  if (!OpenShards(db)) {
    return facet_ids::BestVariant(db.get_metadata(key));  // cannot tell the shards
  }
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::string merged;
    for (Xapian::Database& shard : shards_) {
      std::string value = shard.get_metadata(key);
      if (!value.empty()) merged = merged.empty() ? value : facet_ids::MergeVariants(merged, value);
    }
    if (!merged.empty() || attempt > 0) return facet_ids::BestVariant(merged);
    // A writer may have added the name since the shards were opened.
    try {
      for (Xapian::Database& shard : shards_) shard.reopen();
    } catch (const Xapian::Error&) {
      opened_ = path_.empty();  // a retired generation: list the shards again next time
      return "";
    }
  }
  return "";
}

// ---- FacetCounter ----

struct FacetCounter::Tables {
  explicit Tables(FacetCache::IdTable* ids) : entities(ids) {}
  FacetCache::IdTable* entities;

  void AddEntities(std::string_view value, long n) {
    uint64_t keys[64];
    size_t count = 0;
    facet_ids::ForEachId(value, [&](int kind, uint64_t id) {
      keys[count++] = KindKey(kind, id);
      if (count == 64) {
        entities->AddAll(keys, count, static_cast<uint32_t>(n));
        count = 0;
      }
    });
    entities->AddAll(keys, count, static_cast<uint32_t>(n));
  }
};

// Sees every match. On a single shard it records the document ids (they are
// the database's own) and Top() reads their values; on several local
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
    tables_->AddEntities(doc.get_value(schema::kSlotEntityIds), 1);
  }
  std::string name() const override { return "pressa.FacetRecorder"; }
  std::vector<Xapian::docid>& docids() { return docids_; }
  void set_docids(std::vector<Xapian::docid> docids) { docids_ = std::move(docids); }

 private:
  bool docids_only_;
  Tables* tables_;
  std::vector<Xapian::docid> docids_;
};

FacetCounter::FacetCounter(const Xapian::Database& db, bool stock_spies, FacetCache* cache)
    : db_(db), stock_spies_(stock_spies), cache_(cache) {
  if (cache_ == nullptr) own_ids_ = std::make_unique<FacetCache::IdTable>();
  tables_ = std::make_unique<Tables>(cache_ != nullptr ? cache_->TakeIdTable() : own_ids_.get());
  if (!stock_spies_) {
    recorder_ = std::make_unique<Recorder>(db_.size() <= 1, tables_.get());
    return;
  }
  stock_ = std::make_unique<Xapian::ValueCountMatchSpy>(schema::kSlotEntityIds);
}

FacetCounter::~FacetCounter() = default;

void FacetCounter::Attach(Xapian::Enquire* enquire) {
  if (recorder_) enquire->add_matchspy(recorder_.get());
  if (stock_) enquire->add_matchspy(stock_.get());
}

void FacetCounter::SetMatches(std::vector<Xapian::docid> docids) {
  if (recorder_) recorder_->set_docids(std::move(docids));
}

std::string FacetCounter::Name(int kind, uint64_t id) {
  if (kind == facet_ids::kYear) {
    std::string year = std::to_string(id);
    return std::string(year.size() < 4 ? 4 - year.size() : 0, '0') + year;
  }
  if (cache_ != nullptr) return cache_->Name(db_, id);
  return facet_ids::BestVariant(db_.get_metadata(facet_ids::NameKey(id)));
}

std::map<std::string, std::vector<FacetValue>> FacetCounter::Top(int limit) {
  std::vector<std::pair<long, uint64_t>> per_kind[facet_ids::kKinds];  // (count, id)
  auto add = [&per_kind](uint64_t key, long count) {
    int kind = static_cast<int>(key >> 48);
    if (kind < facet_ids::kKinds) per_kind[kind].emplace_back(count, key & ((1ULL << 48) - 1));
  };
  bool column_counted = false;  // else the counts are in the IdTable
  if (stock_spies_) {
    for (Xapian::TermIterator it = stock_->values_begin(); it != stock_->values_end(); ++it) {
      tables_->AddEntities(*it, static_cast<long>(it.get_termfreq()));
    }
  } else if (const FacetCache::Column* column =
                 recorder_->docids().empty() || cache_ == nullptr ? nullptr
                                                                  : cache_->ColumnFor(db_)) {
    column_counted = true;
    column->Count(recorder_->docids(), add);
  } else if (!recorder_->docids().empty()) {
    // The matcher visits documents in id order, but sort anyway: the value
    // stream can only move forwards.
    std::vector<Xapian::docid>& docids = recorder_->docids();
    std::sort(docids.begin(), docids.end());
    Xapian::ValueIterator it = db_.valuestream_begin(schema::kSlotEntityIds);
    const Xapian::ValueIterator end = db_.valuestream_end(schema::kSlotEntityIds);
    for (Xapian::docid did : docids) {
      if (it == end) break;
      if (it.get_docid() < did) it.skip_to(did);
      if (it == end) break;
      if (it.get_docid() == did) tables_->AddEntities(*it, 1);
    }
  }

  std::map<std::string, std::vector<FacetValue>> top;
  size_t want = static_cast<size_t>(std::max(limit, 0));
  if (!column_counted) tables_->entities->ForEach(add);
  for (int kind = 0; kind < facet_ids::kKinds; ++kind) {
    auto& entries = per_kind[kind];
    // Largest counts first; at the last place shown, ties by name (by id
    // when there are too many to name). Only what is shown gets named.
    auto by_count = [](const std::pair<long, uint64_t>& a, const std::pair<long, uint64_t>& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    };
    size_t n = std::min(want, entries.size());
    std::vector<FacetValue> values;
    if (n > 0) {
      std::nth_element(entries.begin(), entries.begin() + (n - 1), entries.end(), by_count);
      long threshold = entries[n - 1].first;
      std::vector<FacetValue> above, tied;
      std::vector<std::pair<long, uint64_t>> tied_ids;
      for (const auto& [count, id] : entries) {
        if (count > threshold) {
          above.push_back({Name(kind, id), count});
        } else if (count == threshold) {
          tied_ids.emplace_back(count, id);
        }
      }
      if (tied_ids.size() > kMaxTiesNamed) {
        std::sort(tied_ids.begin(), tied_ids.end(), by_count);
        tied_ids.resize(n - above.size());
      }
      for (const auto& [count, id] : tied_ids) tied.push_back({Name(kind, id), count});
      values = std::move(above);
      values.insert(values.end(), tied.begin(), tied.end());
      // A name the tables lack (a damaged index) is not shown.
      values.erase(std::remove_if(values.begin(), values.end(),
                                  [](const FacetValue& v) { return v.value.empty(); }),
                   values.end());
      std::sort(values.begin(), values.end(), [](const FacetValue& a, const FacetValue& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
      });
      if (values.size() > n) values.resize(n);
    }
    top[kKindFacets[kind]] = std::move(values);
  }
  return top;
}

}  // namespace pressa
