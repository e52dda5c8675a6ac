// FacetCache's column: loading it from the value streams, and the
// FacetCache calls that read it (see facet_column.h).
#include "searcher/facet_column.h"

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/facet_ids.h"
#include "core/schema.h"

namespace pressa {
namespace {

// The largest FacetCache::Column kept in memory (~100 bytes a document).
constexpr size_t kMaxColumnBytes = size_t{256} << 20;

// "YYYYMMDD" as a number, which orders as the string does; false for
// anything else.
bool DateNumber(const std::string& s, uint32_t* n) {
  if (s.size() != 8) return false;
  *n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    *n = *n * 10 + static_cast<uint32_t>(c - '0');
  }
  return true;
}

// Calls fn(i, value) for each of `docids` (ascending) that has a kSlotDate
// value, read from the value stream.
template <typename Fn>
void ForEachStoredDate(const Xapian::Database& db, const std::vector<Xapian::docid>& docids,
                       Fn&& fn) {
  Xapian::ValueIterator it = db.valuestream_begin(schema::kSlotDate);
  const Xapian::ValueIterator end = db.valuestream_end(schema::kSlotDate);
  for (size_t i = 0; i < docids.size() && it != end; ++i) {
    // Glass's check() moves to the first value at or after the document.
    if (!it.check(docids[i]) || it == end || it.get_docid() != docids[i]) continue;
    if (!fn(i, *it)) return;
  }
}

}  // namespace

bool FacetCache::Column::Load(const Xapian::Database& db) {
  Xapian::docid last = db.get_lastdocid();
  if (last >= UINT32_MAX - 1) return false;
  // Offsets, dates and signatures take this much per document id, used or
  // not: a stub numbers its documents round-robin, so shards of unequal
  // sizes leave most ids of a large stub unused.
  constexpr size_t kBytesPerId = 2 * sizeof(uint32_t) + kSignatureBytes + 1;
  if (static_cast<size_t>(last) * kBytesPerId > kMaxColumnBytes) return false;
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

bool FacetCache::Column::DatesBetween(const std::string& lo, const std::string& hi,
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

bool FacetCache::Column::Dates(const std::vector<Xapian::docid>& docids,
                               std::vector<uint32_t>* dates) const {
  if (dates_.empty()) return false;
  dates->resize(docids.size());
  for (size_t i = 0; i < docids.size(); ++i) {
    (*dates)[i] = docids[i] < dates_.size() ? dates_[docids[i]] : 0;
  }
  return true;
}

bool FacetCache::Column::Signature(Xapian::docid did, std::string* value) const {
  if (has_signature_.empty()) return false;
  if (did < has_signature_.size() && has_signature_[did]) {
    value->assign(signatures_, static_cast<size_t>(did) * kSignatureBytes, kSignatureBytes);
  } else {
    value->clear();
  }
  return true;
}

void FacetCache::Column::LoadDates(const Xapian::Database& db, Xapian::docid last) {
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

void FacetCache::Column::LoadSignatures(const Xapian::Database& db, Xapian::docid last) {
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

std::string FacetCache::RevisionKey(const Xapian::Database& db) const {
  if (db.size() == 1) return db.get_uuid() + "@" + std::to_string(db.get_revision());
  // Several shards: their UUIDs, and the searcher's count of reopenings
  // that moved the view (Database::get_revision takes one shard).
  return db.size() > 1 ? db.get_uuid() + "#" + std::to_string(changes_) : "";
}

const FacetCache::Column* FacetCache::ColumnFor(const Xapian::Database& db) {
  std::string key;
  try {
    key = RevisionKey(db);
  } catch (const Xapian::Error&) {
    return nullptr;  // not a local glass database
  }
  if (key.empty()) return nullptr;
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
    if (RevisionKey(db) != seen_) return nullptr;
  } catch (const Xapian::Error&) {
    return nullptr;
  }
  return column_.get();
}

void FacetCache::DatesBetween(const Xapian::Database& db, const std::string& lo,
                              const std::string& hi, const std::vector<Xapian::docid>& within,
                              std::vector<Xapian::docid>* out) {
  const Column* column = LoadedColumn(db);
  if (column != nullptr && column->DatesBetween(lo, hi, within, out)) return;
  out->clear();
  ForEachStoredDate(db, within, [&](size_t i, const std::string& date) {
    if (date >= lo && date <= hi) out->push_back(within[i]);
    return true;
  });
}

bool FacetCache::Dates(const Xapian::Database& db, const std::vector<Xapian::docid>& docids,
                       std::vector<uint32_t>* dates) {
  const Column* column = LoadedColumn(db);
  if (column != nullptr && column->Dates(docids, dates)) return true;
  dates->assign(docids.size(), 0);
  bool numbers = true;
  ForEachStoredDate(db, docids, [&](size_t i, const std::string& date) {
    numbers = DateNumber(date, &(*dates)[i]) && (*dates)[i] != 0;
    return numbers;
  });
  return numbers;
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

}  // namespace pressa
