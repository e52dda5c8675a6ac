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
#include "searcher/facet_column.h"
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

// ---- FacetCache ----
// (its column in memory: facet_column.cc)

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

void FacetCache::IndexChanged() {
  ++changes_;
  cache_.clear();
  if (!path_.empty()) {
    opened_ = false;
    shards_.clear();
  }
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
