// Exact facet counts over every match of a query: entities (org, person,
// place), the source and the year as compact ids in one value slot
// (schema::kSlotEntityIds, core/facet_ids.h), named through the index's name
// table. Locally by reading the value stream of the matching documents, on
// remote shards with Xapian's stock ValueCountMatchSpy, which a stock
// xapian-tcpsrv can run.
#ifndef PRESSA_SEARCHER_FACETS_H_
#define PRESSA_SEARCHER_FACETS_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "searcher/searcher.h"

namespace pressa {

// What facet counting keeps from search to search: display names of entity
// ids from the name tables of every shard (a combined Database's
// get_metadata reads only its first shard), cached, and the counting table.
// One per Searcher; not thread-safe.
class FacetCache {
 public:
  // The shards of the index at `db_path` (a stub is read with ListShards,
  // and its shards opened when a search first needs a name).
  explicit FacetCache(std::string db_path);
  // The shards given, in the order the searched Database combines them.
  explicit FacetCache(std::vector<Xapian::Database> shards);
  ~FacetCache();

  // The name of entity `id` in `db` (the database searched); empty when no
  // shard's table holds it. May throw Xapian::Error.
  std::string Name(const Xapian::Database& db, uint64_t id);

  // The index has a new revision (the searcher reopened it): names are read
  // again, from shards opened again, as a commit may change any of them.
  void IndexChanged();

  // The metadata value `key` of each shard of `db` (the database searched),
  // or of `db` itself when its shards cannot be told apart. May throw
  // Xapian::Error.
  std::vector<std::string> ShardMetadata(const Xapian::Database& db, const std::string& key);

  class IdTable;  // FacetCounter's table of entity counts
  // The table, emptied, for one search at a time.
  IdTable* TakeIdTable();

  // The kSlotEntityIds values of every document of a local database (one
  // shard or several, by the combined database's ids), in memory: a searcher
  // that counts facets again and again then reads no value stream (a B-tree
  // block per few documents). Loaded at the second search of one revision of
  // the database, so that a process that searches once (the CGI,
  // pressa-search) never pays for it; null until then, for remote shards, and
  // beyond kMaxColumnBytes. Over several shards a revision is what lies
  // between two IndexChanged calls (Xapian tells no combined revision).
  class Column;
  const Column* ColumnFor(const Xapian::Database& db);

  // The kSlotSignature value of each of `docids` (empty where a document has
  // none), from the column when ColumnFor has loaded it for this revision of
  // `db`; false, leaving `*values` alone, otherwise. Loads nothing.
  bool CachedSignatures(const Xapian::Database& db, const std::vector<Xapian::docid>& docids,
                        std::vector<std::string>* values);

  // The kSlotDate of each of `docids` (ascending) as a number, YYYYMMDD
  // (ordered as Xapian orders the strings), 0 where a document has none: from
  // the column when ColumnFor has loaded it for this revision of `db`, else
  // read from the value stream (a process that searches once). False,
  // leaving `*dates` unspecified, when a date is not of eight digits (or is
  // 00000000), whose order the numbers would not keep. May throw
  // Xapian::Error.
  bool Dates(const Xapian::Database& db, const std::vector<Xapian::docid>& docids,
             std::vector<uint32_t>* dates);

  // The documents of `within` (ascending) whose kSlotDate lies in lo..hi
  // (Xapian's OP_VALUE_RANGE on "YYYYMMDD" strings): from the column as
  // above, else read from the value stream. May throw Xapian::Error.
  void DatesBetween(const Xapian::Database& db, const std::string& lo, const std::string& hi,
                    const std::vector<Xapian::docid>& within, std::vector<Xapian::docid>* out);

 private:
  // The column if ColumnFor has loaded it for this revision of `db`.
  const Column* LoadedColumn(const Xapian::Database& db) const;
  // Which revision of which database `db` is (see ColumnFor); empty for one
  // that has no column. May throw Xapian::Error.
  std::string RevisionKey(const Xapian::Database& db) const;
  std::string Lookup(const Xapian::Database& db, uint64_t id);
  // Opens the shards of path_ if need be; false if they do not match `db`.
  bool OpenShards(const Xapian::Database& db);

  std::string path_;
  bool opened_ = false;                 // shards_ follow path_
  std::vector<Xapian::Database> shards_;
  std::string uuid_;                    // of the database the cache is for
  std::unordered_map<uint64_t, std::string> cache_;
  std::unique_ptr<IdTable> ids_;
  std::unique_ptr<Column> column_;
  std::string seen_;  // uuid and revision of the last database searched
  bool column_tried_ = false;  // column_ was loaded (or found too large) for seen_
  uint64_t changes_ = 0;       // IndexChanged calls: revisions of several shards
};

// Counts the facets of one search. Not thread-safe; one per search.
//
// A local index of one shard: a MatchSpy records the matching document ids,
// and Top() reads the slot's value stream once in document order, which
// avoids a B-tree lookup per document (Document::get_value), or the
// FacetCache's column in memory. Several local shards: the spy reads the
// value from each document.
//
// With `stock_spies` (the index has remote shards): a Xapian::
// ValueCountMatchSpy on the slot. A remote server unserialises only the match
// spies its Registry knows, and a stock xapian-tcpsrv knows Xapian's own. It
// counts each distinct value, and Top() splits the values, which gives the
// same exact counts: a value holds each id once.
class FacetCounter {
 public:
  // `db` is the database the Enquire searches; it and `cache` must outlive
  // the counter. Without `cache`, names come from db.get_metadata (its
  // first shard only).
  FacetCounter(const Xapian::Database& db, bool stock_spies, FacetCache* cache = nullptr);
  FacetCounter(const FacetCounter&) = delete;
  FacetCounter& operator=(const FacetCounter&) = delete;
  ~FacetCounter();

  // Adds the spies to `enquire`; call get_mset with check_at_least = the
  // database size so that they see every match.
  void Attach(Xapian::Enquire* enquire);

  // Instead of Attach, on one local database: the matching documents are
  // `docids`, ascending (see match_set.h).
  void SetMatches(std::vector<Xapian::docid> docids);

  // After get_mset: the `limit` largest values of each facet ("org",
  // "person", "place", "source", "year"), largest first, ties by value. May
  // throw Xapian::Error (the caller's try block).
  std::map<std::string, std::vector<FacetValue>> Top(int limit);

 private:
  struct Tables;
  class Recorder;
  std::string Name(int kind, uint64_t id);

  const Xapian::Database& db_;
  bool stock_spies_;
  FacetCache* cache_;
  std::unique_ptr<FacetCache::IdTable> own_ids_;  // without a cache
  std::unique_ptr<Tables> tables_;
  std::unique_ptr<Recorder> recorder_;  // local indexes
  std::unique_ptr<Xapian::ValueCountMatchSpy> stock_;  // with remote shards
};

}  // namespace pressa

#endif  // PRESSA_SEARCHER_FACETS_H_
