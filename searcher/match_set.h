// The exact set of documents a query matches, mostly read straight from the
// posting lists: the count and facets of a search then need no weighted pass
// of Xapian's matcher over every match.
#ifndef PRESSA_SEARCHER_MATCH_SET_H_
#define PRESSA_SEARCHER_MATCH_SET_H_

#include <algorithm>
#include <functional>
#include <string>
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
// than half of the documents it would be tested on. For local databases:
// one, or several shards combined, whose ids are the combined database's
// (those of its posting lists). May throw Xapian::Error.
//
// `resolve`, when given, may read a part itself (a value range from a column
// in memory): it sets *out to the part's matches among `within` (ascending)
// and returns true, or returns false to leave the part to the rules above.
using PartResolver = std::function<bool(const Xapian::Query& part,
                                        const std::vector<Xapian::docid>& within,
                                        std::vector<Xapian::docid>* out)>;
bool MatchingDocids(const Xapian::Database& db, const Xapian::Query& query,
                    std::vector<Xapian::docid>* docids, const PartResolver& resolve = {});

// Given documents as a posting list (weight 0): FILTER by it makes the
// matcher test the rest of a query on those documents only (Xapian 1.4's AND
// checks its other parts at the documents its rarest part proposes). `ids`
// (ascending) are ids of `searched`, the database the query runs on, and
// must outlive the source and the queries that hold it. Over several shards
// Xapian numbers the documents round-robin (shard k of n holds the ids
// k + 1, k + 1 + n, ...) and gives each shard its own copy of the source,
// which serves that shard's share in the shard's own ids; it finds its shard
// by UUID, so `searched` must list distinct ones (ShardsDistinct).
//
// Order::kFollows: the source tells Xapian it may hold every document, so
// that an AND puts the rest of the query first and moves it with skip_to()
// to each of `ids`, asking the source only whether it holds the document
// the rest proposes. Led by the source (kLeads), Xapian 1.4.22 tests the
// rest at each id with check(), and an OR of words and phrases then gave
// some articles the weight of a part they do not match (RankingTest,
// FollowingTheMatchesKeepsTheWeights; 95 of 3,408 articles under a date
// range on the corpus). A NEAR on the right of an AND_MAYBE is misweighed
// either way: RankInTwoSteps weighs proximity boosts apart.
class DocidPostingSource : public Xapian::PostingSource {
 public:
  enum class Order { kLeads, kFollows };
  DocidPostingSource(const std::vector<Xapian::docid>* ids, const Xapian::Database& searched,
                     Order order = Order::kLeads);
  void init(const Xapian::Database& db) override;
  Xapian::doccount get_termfreq_min() const override { return Count(); }
  Xapian::doccount get_termfreq_est() const override { return Claimed(); }
  Xapian::doccount get_termfreq_max() const override { return Claimed(); }
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return at_ >= active_->size(); }
  Xapian::docid get_docid() const override { return (*active_)[at_]; }
  DocidPostingSource* clone() const override {
    return new DocidPostingSource(ids_, shards_, order_);
  }

 private:
  DocidPostingSource(const std::vector<Xapian::docid>* ids, std::vector<std::string> shards,
                     Order order)
      : ids_(ids), shards_(std::move(shards)), order_(order) {}
  Xapian::doccount Count() const { return static_cast<Xapian::doccount>(active_->size()); }
  Xapian::doccount Claimed() const {
    return order_ == Order::kFollows ? std::max(Count(), doccount_) : Count();
  }

  const std::vector<Xapian::docid>* ids_;
  std::vector<std::string> shards_;   // UUIDs of the searched shards, when several
  std::vector<Xapian::docid> local_;  // one shard's share, in its own ids
  Order order_ = Order::kLeads;
  Xapian::doccount doccount_ = 0;  // of the shard it serves
  const std::vector<Xapian::docid>* active_ = ids_;
  bool started_ = false;
  size_t at_ = 0;
};

// True when every shard of `db` has a UUID of its own (DocidPostingSource).
bool ShardsDistinct(const Xapian::Database& db);

}  // namespace pressa

#endif  // PRESSA_SEARCHER_MATCH_SET_H_
