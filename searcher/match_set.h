// The exact set of documents a query matches, mostly read straight from the
// posting lists: the count and facets of a search then need no weighted pass
// of Xapian's matcher over every match.
#ifndef PRESSA_SEARCHER_MATCH_SET_H_
#define PRESSA_SEARCHER_MATCH_SET_H_

#include <vector>

#include <xapian.h>

namespace pressa {

// Sets `*docids` to the ids, ascending, of the documents of `db` that `query`
// matches, as Xapian's matcher would count them. Terms, AND, OR, MAX,
// SYNONYM, AND_NOT, FILTER, the left side of AND_MAYBE and SCALE_WEIGHT are
// read from the posting lists; any other part (a phrase, NEAR, a posting
// source) is tested by the matcher, only on the documents its context leaves
// open: those its AND siblings match and its OR (MAX) siblings do not.
// Returns false, leaving `*docids` unspecified, when that would not save
// work: a value range, or a positional part whose OR siblings rule out fewer
// than half of the documents it would be tested on. Meant for one local
// database (its docids are the posting lists' own). May throw Xapian::Error.
bool MatchingDocids(const Xapian::Database& db, const Xapian::Query& query,
                    std::vector<Xapian::docid>* docids);

}  // namespace pressa

#endif  // PRESSA_SEARCHER_MATCH_SET_H_
