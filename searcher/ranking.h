// Ranking queries for known-item search: aliases and abbreviations expanded,
// every word required (strict) or most words (relaxed), nearby words boosted.
#ifndef PRESSA_SEARCHER_RANKING_H_
#define PRESSA_SEARCHER_RANKING_H_

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <xapian.h>

#include "searcher/query_parser.h"
#include "stemmers/analyzer.h"
#include "stemmers/entity_names.h"

namespace pressa {

// Equivalent names for free-text queries, from the alias table an index was
// built with: "РЭЦ" in a query also finds "Российский экспортный центр" and
// back. Immutable after Build; safe to share between threads.
class AliasExpander {
 public:
  void Build(const AliasTable& table, Analyzer* analyzer);

  // The items with each run of items that spells a known name (or, for three
  // to five words, the initials of an abbreviation the index holds: "российские
  // железные дороги" → РЖД) replaced by one item matching any of its names.
  std::vector<QueryItem> Expand(const std::vector<QueryItem>& items,
                                const Xapian::Database& db) const;

 private:
  struct Name {
    std::vector<std::string> terms;  // index terms of the name
    int group = 0;
  };
  // Names that articles define for an abbreviation ("Центр поддержки
  // экспорта (ЦПЭ)"), from the org entities of articles that use it.
  std::vector<std::string> DefinedNames(const std::string& acronym,
                                        const Xapian::Database& db) const;

  Analyzer* analyzer_ = nullptr;
  std::vector<Name> names_;
  std::vector<std::vector<int>> groups_;              // group → indexes into names_
  std::unordered_map<std::string, std::vector<int>> by_key_;  // joined terms → names
};

struct RankingOptions {
  double and_boost = 1.0;   // extra weight (× the words' weight) when every item matches
  unsigned near_window = 8; // two adjacent query words within this many positions …
  double near_boost = 0.2;  // … add this share of their weight again
};

// A query that weighs as `unboosted` plus each of `boosts` an article
// matches, added in this order, and at most `bound` times `unboosted`. For a
// relaxed query: the words without their proximity boosts (the same
// matches); a boost adds a share of two adjacent plain words' weights, and a
// word stands in two pairs at most. Each boost reads both words' positions
// in every article it is asked about, so RankInTwoSteps weighs them only
// where they can change the page. `unboosted` is empty when there are no
// boosts.
struct BoostedQuery {
  Xapian::Query unboosted;
  std::vector<Xapian::Query> boosts;
  double bound = 1.0;
};

struct RankingQueries {
  Xapian::Query strict;   // every item must match
  Xapian::Query relaxed;  // any item may match; all items and nearness rank higher
  // `strict` with the boosts, for when some article holds every item: the
  // all-items boost as a factor on `strict` itself (the same weights, without
  // matching `strict` a second time), the proximity boosts beside it.
  Xapian::Query strict_ranked;
  // `relaxed` and `strict_ranked` split for RankInTwoSteps and RankByDate
  // (`unboosted` empty when a query has no proximity boosts).
  BoostedQuery relaxed_parts;
  BoostedQuery strict_parts;
  // Whether `relaxed` can match more than `strict` (more than one item).
  bool relaxes = false;
};

// Ranking queries over a conjunctive query's items (field filters and
// exclusions are applied by the caller).
// `db` decides which proximity boosts are worth their cost (ProximityBoostQuery).
RankingQueries BuildRanking(const std::vector<QueryItem>& items, const RankingOptions& options,
                            const Xapian::Database& db);

// The first `fetch` matches of `q` by their full weight, with the boosts
// weighed on a few articles only (`q.unboosted` may carry the caller's
// filters). The best under `q.unboosted` get their boosts added; when the
// last of the page then outweighs `q.bound` times the weight of the last
// article looked at, no article further down can reach the page. Else it
// looks four times deeper, at worst at every match. It looks at 4 x `fetch`
// articles first, `min_depth` at least. Each boost is weighed on its own, as
// the right side of an AND_MAYBE whose left side lists the articles looked
// at, as the whole query reaches it: filtering the whole query to them
// instead made Xapian 1.4 add NEAR boosts to articles they do not match.
// `*hits` gets (docid, weight), by weight, then docid, as Xapian orders them.
// `first`, when given, prepares the first look's Enquire (a match spy) and
// gets its MSet back, Xapian having checked at least `check_at_least`
// matches: the total and facets of a search whose matches the posting
// lists could not give.
struct FirstLook {
  std::function<void(Xapian::Enquire*)> prepare;
  Xapian::doccount check_at_least = 0;
  Xapian::MSet mset;
};
void RankInTwoSteps(const Xapian::Database& db, const BoostedQuery& q,
                    const Xapian::Weight& weight, Xapian::doccount fetch,
                    std::vector<std::pair<Xapian::docid, double>>* hits,
                    Xapian::doccount min_depth = 200, FirstLook* first = nullptr);

// The first `fetch` of `matches` (ascending: every match of the search, its
// filters applied; `q` ranks them without the filters) as Xapian's sort by
// date, then relevance orders them: newest
// first, then by full weight, then by docid. dates[i] is matches[i]'s date,
// YYYYMMDD as a number, 0 for none (listed last, as Xapian sorts an empty
// value). Only the articles dated on or after the fetch-th newest are
// weighed, each boost as in RankInTwoSteps: a pasted paragraph sorted by
// date weighs a page's worth of its 280,000 matches, not all of them.
// `*hits` gets (docid, weight).
void RankByDate(const Xapian::Database& db, const BoostedQuery& q, const Xapian::Weight& weight,
                const std::vector<Xapian::docid>& matches, const std::vector<uint32_t>& dates,
                Xapian::doccount fetch, std::vector<std::pair<Xapian::docid, double>>* hits);

}  // namespace pressa

#endif  // PRESSA_SEARCHER_RANKING_H_
