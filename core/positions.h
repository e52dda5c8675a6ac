// Word positions of rare terms as one compact value per document
// (schema::kSlotPositions), in place of Xapian's positional postings.
//
// Xapian keeps one B-tree entry per (term, document) in its position table: on
// the press corpus that was 112 MB, half the index, and a quarter of the
// indexing CPU; most entries are rare terms' (44% of the postings belong to
// terms in under 2% of the articles). Those go into a small inverted list per
// document instead: its terms' hashes, sorted, and each term's positions.
// Frequent terms keep Xapian's postings: a phrase of frequent words has
// thousands of candidates, and Xapian reads their positions term by term,
// while a per-document value costs a block read per candidate. The searcher
// checks phrase and NEAR constraints on both (searcher/positional.h). The
// hashes are 32-bit: a false match needs another term of the same document
// to share a query term's hash.
//
// Encoding (a persistent format):
//   varint D, the number of distinct terms;
//   D little-endian u32 term hashes, ascending;
//   varint byte length of the next part, then D varints: the byte length of
//   each term's position list;
//   the D position lists, in the same order: varint first position, then
//   varint gaps to the next (ascending, no repeats).
#ifndef PRESSA_CORE_POSITIONS_H_
#define PRESSA_CORE_POSITIONS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/flat_string_map.h"

namespace pressa::positions {

// The hash stored for a term.
uint32_t TermHash(std::string_view term);
// The same from the term's ContentHash64 (core/hash.h), for a caller that
// has it already (NativeTerms::Contains takes it too).
inline uint32_t TermHashOf(uint64_t content_hash) {
  return static_cast<uint32_t>(content_hash ^ (content_hash >> 32));
}

// The terms an index gives Xapian positional postings: those in at least
// kNativeShare of the sample articles of its first build, or all of them.
class NativeTerms {
 public:
  static constexpr double kNativeShare = 0.01;

  // Every term (an index for remote searchers, or one from before the split).
  static NativeTerms All();
  // Chooses from the distinct terms of each sample article.
  static NativeTerms Choose(const std::vector<std::vector<std::string>>& sample_terms);
  // schema::kMetaNativePositions; an empty value reads as All().
  static NativeTerms Decode(std::string_view value);
  // The terms every one of `each` holds (All() if each is, or none given).
  static NativeTerms Common(const std::vector<NativeTerms>& each);
  std::string Encode() const;

  bool all() const { return all_; }
  bool Contains(std::string_view term) const;
  // The same, given the term's ContentHash64 (core/hash.h): the indexer asks
  // about every word and hashes it once for this and for TermHashOf.
  bool Contains(std::string_view term, uint64_t content_hash) const;
  size_t size() const { return terms_.size(); }

 private:
  // terms_ from `terms` in sorted order (for Encode), without repeats.
  void SetTerms(std::vector<std::string> terms);

  bool all_ = true;
  // Open addressing on ContentHash64 (core/flat_string_map.h): a lookup is
  // one hash and usually one cache line, where an unordered_set<std::string>
  // hashes, divides and chases two pointers.
  FlatStringSet terms_;
};

// Collects a document's (position, term) pairs, in any order, and encodes them.
class Encoder {
 public:
  void Clear();
  void Add(unsigned position, std::string_view term);
  // The same with the term's TermHash already computed.
  void AddHash(unsigned position, uint32_t term_hash) { items_.emplace_back(position, term_hash); }
  // The value for kSlotPositions; empty if nothing was added.
  std::string Encode();

 private:
  std::vector<std::pair<unsigned, uint32_t>> items_;  // (position, hash)
};

// A parsed value: finds a term's positions without decoding the others.
class View {
 public:
  // False if the value is malformed (an empty value is a document without
  // positions). The view reads `value` in place: it must outlive the view.
  bool Parse(std::string_view value);

  // The positions of a term hash, appended to *out in ascending order; false
  // if the document lacks the term (or its list is malformed).
  bool Find(uint32_t hash, std::vector<unsigned>* out) const;

 private:
  const char* hashes_ = nullptr;  // size_ ascending u32s
  size_t size_ = 0;
  std::string_view lengths_;  // size_ varints
  const char* lists_ = nullptr;
  size_t lists_size_ = 0;
};

}  // namespace pressa::positions

#endif  // PRESSA_CORE_POSITIONS_H_
