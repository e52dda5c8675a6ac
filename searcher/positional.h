// Phrase and proximity queries over the compact positions of
// core/positions.h, or over Xapian's own positions where an index has them.
#ifndef PRESSA_SEARCHER_POSITIONAL_H_
#define PRESSA_SEARCHER_POSITIONAL_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/positions.h"

namespace pressa {

class PositionContext;

// The terms with Xapian positions of the database searched: `all` those of
// a single database, or those every one of merged local shards has; and over
// merged shards each shard's own list, by the shard's UUID.
struct NativeLists {
  std::shared_ptr<const positions::NativeTerms> all;
  std::map<std::string, std::shared_ptr<const positions::NativeTerms>> by_shard;
};

// What a search runs on: one database (or the search is not one of the
// searcher's), several local shards whose matches Xapian's matcher merges
// (see MaxQuery), remote shards only, or remote shards beside local ones.
enum class ShardLayout { kOne, kLocalShards, kRemoteShards, kLocalAndRemote };

// While one lives on a thread, the queries PositionalQuery and MaxQuery make
// there know the database they are for, and the position filters share one
// context: a candidate's position value is read once for all the phrases and
// proximity boosts of a query, and each shard's list of terms with Xapian
// positions once. One per search: the context does not notice a database
// that changed under it. Remote shards get Xapian's own operators. `native`
// gives the terms with Xapian positions (null if unknown), called once, at
// the first phrase or proximity query: a phrase of terms in its `all` only
// gets Xapian's own operator too, which checks positions only of the
// candidates that can rank. Over local shards each position filter uses its
// own shard's list (from `native`, else read from the shard).
class PositionalScope {
 public:
  using NativeLoader = std::function<std::shared_ptr<const NativeLists>()>;
  PositionalScope(ShardLayout layout, NativeLoader native);
  ~PositionalScope();
  PositionalScope(const PositionalScope&) = delete;
  PositionalScope& operator=(const PositionalScope&) = delete;

 private:
  std::shared_ptr<PositionContext> previous_;
};

// Like Xapian::Query(OP_PHRASE or OP_NEAR, parts, window): every part (a
// term, or an OR of terms) at a position in the document, in order for a
// phrase, within a span of `window` positions. Weighted as the AND of the
// parts, as Xapian weighs its phrases.
//
// Xapian's own operator where every term of the parts has Xapian positions
// (see PositionalScope); otherwise the AND of the parts filtered by a
// PostingSource that reads each term's positions where the shard keeps them:
// Xapian's position table for its frequent terms, schema::kSlotPositions for
// the others (core/positions.h). The rare term bounds the candidates.
Xapian::Query PositionalQuery(Xapian::Query::op op, const std::vector<Xapian::Query>& parts,
                              unsigned window);

// Like Xapian::Query(OP_MAX, alternatives): an article weighs as its best
// alternative, so one naming a thing two ways counts it once. Over local
// databases (PositionalScope) it is built so that Xapian 1.4's matcher
// survives it. Its MaxPostList keeps a pointer to a sub-postlist it deleted
// once all of them ended in the same step, and when the matcher then asks
// the tree for its maximum weight, it reads freed memory: "Путин" over a
// stub of two shards crashed, and so did a pasted paragraph naming Russia
// and its foreign ministry over one index, 20 results a page (the matcher
// pruning the OR around the MAX). So the alternatives get one more of
// weight 0, matching only a document id past the database's last, which
// therefore always ends last and alone; a filter by the OR of the
// alternatives keeps that id out. Same matches, same weights.
// Local shards beside remote ones crashed too, and there the extra
// alternative cannot go (a stock xapian-tcpsrv cannot read it): the OR of the
// alternatives, the same matches, an article naming the thing two ways
// weighing as both.
Xapian::Query MaxQuery(const std::vector<Xapian::Query>& alternatives);

// Whether `q` is the extra alternative MaxQuery adds, which matches no
// document (match_set.h counts it as matching nothing).
bool IsMaxKeeper(const Xapian::Query& q);

// `q` itself, or, when it is a MaxQuery that makes up a whole search of one
// database, Xapian's plain OP_MAX of its alternatives: the MAX then ends
// with the match, before anything can ask it for its maximum weight, and
// the guard would cost "Россия" a sixth more on the corpus and twice the
// time at 10x.
Xapian::Query WholeMaxQuery(const Xapian::Query& q);

// A proximity boost for ranking: PositionalQuery(OP_NEAR, ...) if every term
// is in at least NativeTerms::kNativeShare of the articles, else an empty
// query. Frequent words have Xapian positions, which Xapian checks only for
// the candidates that can still rank; a boost on a rare word would cost a
// position read for every match (the dev queries rank the same without it).
// The rule reads the database's statistics only, so that one index, shards
// and remote shards rank alike.
Xapian::Query ProximityBoostQuery(const Xapian::Database& db,
                                  const std::vector<Xapian::Query>& parts, unsigned window);

}  // namespace pressa

#endif  // PRESSA_SEARCHER_POSITIONAL_H_
