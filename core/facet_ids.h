// Compact ids for exact facet counting (entities, sources, years): the
// schema::kSlotEntityIds encoding, and the name table that maps an id back
// to a display name.
//
// THIS IS A PERSISTENT FORMAT (see core/schema.h): ids, the slot encoding and
// the name table's keys and values are stored in indexes.
//
// An id is a 48-bit hash of the entity kind and its EntityKey (stemmers/
// entity_names.h), so every writer (parallel shard builders, incremental
// runs, separate shard indexes) agrees on it without coordination. With the
// ~120,000 distinct names of the reference corpus (~200,000 at most) the
// chance of any collision is n^2 / 2^49 = 7e-5; a collision would merge the
// counts of two names of one kind.
#ifndef PRESSA_CORE_FACET_IDS_H_
#define PRESSA_CORE_FACET_IDS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <xapian.h>

namespace pressa::facet_ids {

// The kinds of facet values: the entity kinds in Entity::Type order (org,
// person, place), then the source and the year.
inline constexpr int kEntityKinds = 3;
inline constexpr int kSource = 3;  // id: EntityId(kSource, EntityKey(source))
inline constexpr int kYear = 4;    // id: the year itself (2024)
inline constexpr int kKinds = 5;
inline constexpr size_t kIdBytes = 6;
// Name table entries: kMetaNamePrefix + 12 hex digits of the id.
inline constexpr const char* kMetaNamePrefix = "pressa.n:";

// The id of a value of `kind` (an entity kind or kSource) whose EntityKey is `key`.
uint64_t EntityId(int kind, std::string_view key);

// The kSlotEntityIds value: for each kind in order, a varint count and then
// that many ids of kIdBytes bytes each, big-endian. Empty when every list is.
std::string EncodeIds(const std::vector<uint64_t> (&ids)[kKinds]);

// Calls fn(kind, id) for each id of a kSlotEntityIds value, in order. Returns
// false (having called fn for a prefix) when the value is malformed.
template <typename Fn>
bool ForEachId(std::string_view value, Fn&& fn) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(value.data());
  const unsigned char* end = p + value.size();
  for (int kind = 0; kind < kKinds && p < end; ++kind) {
    uint64_t n = 0;
    for (int shift = 0;; shift += 7) {
      if (p == end || shift > 28) return false;
      unsigned char c = *p++;
      n |= static_cast<uint64_t>(c & 0x7f) << shift;
      if (!(c & 0x80)) break;
    }
    if (n > static_cast<uint64_t>(end - p) / kIdBytes) return false;
    for (uint64_t i = 0; i < n; ++i, p += kIdBytes) {
      uint64_t id = (uint64_t{p[0]} << 40) | (uint64_t{p[1]} << 32) | (uint64_t{p[2]} << 24) |
                    (uint64_t{p[3]} << 16) | (uint64_t{p[4]} << 8) | uint64_t{p[5]};
      fn(kind, id);
    }
  }
  return p == end;
}

// The metadata key of an id's name table entry.
std::string NameKey(uint64_t id);

// A name table entry: each display name (case and ё variants of one
// EntityKey) with the number of documents that wrote it that way. Stored as
// (varint count, varint length, bytes) per variant.
using Variants = std::vector<std::pair<std::string, long>>;
std::string EncodeVariants(const Variants& variants);
Variants DecodeVariants(std::string_view value);  // stops at malformed data
// The sum of two entries' counts per variant, encoded.
std::string MergeVariants(std::string_view a, std::string_view b);
// The name to display: the most frequent variant, ties by byte order, so the
// choice depends only on the documents, never on how they were sharded.
std::string BestVariant(std::string_view value);

// The name table entries one writer session adds. Not thread-safe.
class NameTableWriter {
 public:
  // One document names entity `id` as `name` (call once per document and name).
  void Add(uint64_t id, const std::string& name);
  // One document that named `id` as `name` is replaced or deleted (the
  // reverse of its Add).
  void Remove(uint64_t id, const std::string& name);
  // Merges the counts gathered since the last Flush into `db`'s table (written
  // with its next commit); a name no document writes any more leaves it. May
  // throw Xapian::Error.
  void Flush(Xapian::WritableDatabase* db);
  size_t pending() const { return pending_.size(); }

 private:
  std::unordered_map<uint64_t, Variants> pending_;
};

// A compactor that merges the name table entries of the databases it
// combines (Xapian keeps only the first value of a duplicate metadata key).
class NameTableCompactor : public Xapian::Compactor {
 public:
  std::string resolve_duplicate_metadata(const std::string& key, size_t num_tags,
                                         const std::string tags[]) override;
};

}  // namespace pressa::facet_ids

#endif  // PRESSA_CORE_FACET_IDS_H_
