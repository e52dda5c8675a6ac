// The exact set of documents a query matches, read straight from the
// posting lists for queries without positional parts: the count and facets
// of a search then need no weighted pass of Xapian's matcher over every match.
#ifndef PRESSA_SEARCHER_MATCH_SET_H_
#define PRESSA_SEARCHER_MATCH_SET_H_

#include <vector>

#include <xapian.h>

namespace pressa {

// Sets `*docids` to the ids, ascending, of the documents of `db` that `query`
// matches, as Xapian's matcher would count them: terms, AND, OR, MAX,
// SYNONYM, AND_NOT, FILTER, the left side of AND_MAYBE, SCALE_WEIGHT, and
// MatchAll. Returns false, leaving `*docids` unspecified, for anything else
// (phrases, NEAR, value ranges, posting sources, ...): the caller then counts
// through the matcher. Meant for one local database (its docids are the
// posting lists' own). May throw Xapian::Error.
bool MatchingDocids(const Xapian::Database& db, const Xapian::Query& query,
                    std::vector<Xapian::docid>* docids);

}  // namespace pressa

#endif  // PRESSA_SEARCHER_MATCH_SET_H_
