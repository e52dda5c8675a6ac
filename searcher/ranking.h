// Ranking queries for known-item search: aliases and abbreviations expanded,
// every word required (strict) or most words (relaxed), nearby words boosted.
#ifndef PRESSA_SEARCHER_RANKING_H_
#define PRESSA_SEARCHER_RANKING_H_

#include <string>
#include <unordered_map>
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

struct RankingQueries {
  Xapian::Query strict;   // every item must match
  Xapian::Query relaxed;  // any item may match; all items and nearness rank higher
  // `strict` with the boosts, for when some article holds every item: the
  // all-items boost as a factor on `strict` itself (the same weights, without
  // matching `strict` a second time), the proximity boosts beside it.
  Xapian::Query strict_ranked;
  // Whether `relaxed` can match more than `strict` (more than one item).
  bool relaxes = false;
};

// Ranking queries over a conjunctive query's items (field filters and
// exclusions are applied by the caller).
// `db` decides which proximity boosts are worth their cost (ProximityBoostQuery).
RankingQueries BuildRanking(const std::vector<QueryItem>& items, const RankingOptions& options,
                            const Xapian::Database& db);

}  // namespace pressa

#endif  // PRESSA_SEARCHER_RANKING_H_
