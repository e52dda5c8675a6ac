// FacetCache's column in memory: every document's facet keys as dense
// indexes, with its date and near-duplicate signature, for a searcher that
// counts facets again and again (facets.h). Internal to the searcher.
#ifndef PRESSA_SEARCHER_FACET_COLUMN_H_
#define PRESSA_SEARCHER_FACET_COLUMN_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/signature.h"
#include "searcher/facets.h"

namespace pressa {

// The key of an entity in facet counting: its kind above the 48-bit id.
inline uint64_t KindKey(int kind, uint64_t id) { return (static_cast<uint64_t>(kind) << 48) | id; }

// The entity keys of every document as dense indexes into keys_, numbered
// most frequent first: counting a broad query is then one increment per key
// into a small array whose busiest part stays in the cache, instead of a
// probe into a hash table of megabytes.
class FacetCache::Column {
 public:
  // Reads the whole value stream; false beyond kMaxColumnBytes.
  bool Load(const Xapian::Database& db);

  // The documents of `within` dated lo..hi ("YYYYMMDD", inclusive, as
  // Xapian's value range compares them) into *out; false when the column
  // holds no dates (see LoadDates).
  bool DatesBetween(const std::string& lo, const std::string& hi,
                    const std::vector<Xapian::docid>& within,
                    std::vector<Xapian::docid>* out) const;

  // The date of each of `docids` (FacetCache::Dates); false when the column
  // holds no dates.
  bool Dates(const std::vector<Xapian::docid>& docids, std::vector<uint32_t>* dates) const;

  // The kSlotSignature value of `did` into *value; false when the column
  // holds no signatures (see LoadSignatures).
  bool Signature(Xapian::docid did, std::string* value) const;

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

  // The dates too, for date ranges; none kept when a value is not of eight
  // digits (or is 00000000, which stands for "no date" here).
  void LoadDates(const Xapian::Database& db, Xapian::docid last);

  // The near-duplicate signatures too, for collapsing the fetched hits
  // without a B-tree lookup each; none kept when one has another size.
  void LoadSignatures(const Xapian::Database& db, Xapian::docid last);

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

}  // namespace pressa

#endif  // PRESSA_SEARCHER_FACET_COLUMN_H_
