// Exact facet counts over every match of a query, including slots that hold a
// list of values (several organizations per article): locally by reading the
// value streams of the matching documents, on remote shards with Xapian's
// stock ValueCountMatchSpy, which a stock xapian-tcpsrv can run.
#ifndef PRESSA_SEARCHER_FACETS_H_
#define PRESSA_SEARCHER_FACETS_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "searcher/searcher.h"

namespace pressa {

// One facet: a value slot of core/schema.h under a facet name of SearchResults.
struct FacetSlot {
  const char* facet;  // "org", "person", "place", "source", "year"
  unsigned slot;
  bool list;          // the slot holds schema::EncodeList values
};
const std::vector<FacetSlot>& FacetSlots();

// Counts the facets of one search. Not thread-safe; one per search.
//
// A local index of one shard: a MatchSpy records the matching document ids,
// and Top() reads each slot's value stream once in document order, which
// avoids a B-tree lookup per document and slot (Document::get_value). Several
// local shards: the spy reads the values from each document.
//
// With `stock_spies` (the index has remote shards): one Xapian::
// ValueCountMatchSpy per slot. A remote server unserialises only the match
// spies its Registry knows, and a stock xapian-tcpsrv knows Xapian's own. A
// list slot is then counted per distinct list and Top() splits the lists,
// which gives the same exact counts: an article holds each name once.
class FacetCounter {
 public:
  // `db` is the database the Enquire searches; it must outlive the counter.
  FacetCounter(const Xapian::Database& db, bool stock_spies);
  FacetCounter(const FacetCounter&) = delete;
  FacetCounter& operator=(const FacetCounter&) = delete;
  ~FacetCounter();

  // Adds the spies to `enquire`; call get_mset with check_at_least = the
  // database size so that they see every match.
  void Attach(Xapian::Enquire* enquire);

  // After get_mset: the `limit` largest values of each facet (ties by value),
  // largest first. May throw Xapian::Error (the caller's try block).
  std::map<std::string, std::vector<FacetValue>> Top(int limit);

 private:
  struct Tables;
  class Recorder;
  const Xapian::Database& db_;
  bool stock_spies_;
  std::unique_ptr<Tables> tables_;
  std::unique_ptr<Recorder> recorder_;  // local indexes
  std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> stock_;  // parallel to FacetSlots()
};

}  // namespace pressa

#endif  // PRESSA_SEARCHER_FACETS_H_
