// Searcher::Impl: the state of one Searcher, shared by searcher.cc (opening,
// following the index, decoding documents) and searcher_query.cc (building
// and running the query). Internal to the searcher.
#ifndef PRESSA_SEARCHER_SEARCHER_IMPL_H_
#define PRESSA_SEARCHER_SEARCHER_IMPL_H_

#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/positions.h"
#include "core/schema.h"
#include "core/status.h"
#include "searcher/facets.h"
#include "searcher/positional.h"
#include "searcher/query_parser.h"
#include "searcher/ranking.h"
#include "searcher/searcher.h"
#include "searcher/spelling.h"
#include "stemmers/analyzer.h"
#include "stemmers/entity_names.h"

namespace pressa {

struct Searcher::Impl {
  std::string path;
  std::string stub_id;  // StubId(path) when db was opened
  // The view was just opened or Refresh()ed: the next Search need not
  // check for a newer revision itself.
  bool view_checked = true;
  Xapian::Database db;
  std::unique_ptr<Analyzer> analyzer;
  // The alias table the index was built with (TSV) and what is built from
  // it, on first use: parsing and analyzing every name costs more than most
  // queries, and a request without a name or filter needs none of it.
  std::string alias_text;
  std::unique_ptr<AliasTable> aliases;
  Status alias_status;  // Corruption when alias_text does not parse
  std::unique_ptr<AliasExpander> expander;
  // Abbreviations and initials only: for queries that can spell no alias name.
  std::unique_ptr<AliasExpander> plain_expander;
  // Built from the few table lines a query may name, for that query only: a
  // process that runs one search (pressa.cgi, pressa-search) never builds
  // the whole expander; a long-lived one does at its second such query.
  std::unique_ptr<AliasExpander> query_expander;
  int alias_queries = 0;
  bool remote_shards = false;  // facets with Xapian's stock spies (see FacetCounter)
  bool local_and_remote = false;  // local shards beside the remote ones (see MaxQuery)
  // What `db` is made of, from the two flags above and its number of shards.
  ShardLayout Layout() const {
    if (local_and_remote) return ShardLayout::kLocalAndRemote;
    if (remote_shards) return ShardLayout::kRemoteShards;
    return db.size() > 1 ? ShardLayout::kLocalShards : ShardLayout::kOne;
  }
  // The terms with Xapian positions of the index or of its local shards
  // (null with remote shards), read for the generation stub_id names.
  std::shared_ptr<const NativeLists> native_lists;
  std::string native_lists_stub;
  std::shared_ptr<const NativeLists> Natives();
  std::unique_ptr<FacetCache> facet_cache;  // entity names and counting table
  std::unique_ptr<Speller> speller;
  RankingOptions ranking;
  // BM25 tuned on the development queries (bench/relevance): k1 1.2, b 0.5.
  double bm25_k1 = 1.2, bm25_b = 0.5;

  const AliasTable& Aliases();
  const AliasExpander& Expander(const std::vector<QueryItem>& items);
  Xapian::Query FieldFilter(const std::string& field, const std::string& value);
  Xapian::Query KindFilter(const std::string& field, const std::vector<std::string>& values);
  Result<SearchResults> Run(const SearchRequest& request);
  class SearchRun;  // one Run, step by step (searcher_query.cc)
  // The query that ranks a parsed query's matches; *strict tells whether it
  // requires every word or only most of them, and *matches is set when it
  // found that the query matches something (it had to ask). `*listed`, when
  // given, gets those matches if asking listed them (see HasMatch).
  // `*unfiltered`, when given, gets the returned query without `filter` and
  // the query's field filters (the same weights; see Run), and `*parts` that
  // one split for RankInTwoSteps and RankByDate when it has proximity
  // boosts (RankingQueries::relaxed_parts or strict_parts); else
  // `parts->unboosted` is empty.
  Xapian::Query RankQuery(const ParsedQuery& parsed, const Xapian::Query& filter, bool* strict,
                          bool* matches, std::vector<Xapian::docid>* listed = nullptr,
                          BoostedQuery* parts = nullptr, Xapian::Query* unfiltered = nullptr);
  // Whether `query` matches any document. Xapian 1.4 ends a boolean match at
  // its first document only on one database; over several it runs through
  // every match (multimatch.cc). So over local shards the matches are listed
  // from the posting lists (MatchingDocids) where it can, and `*listed`
  // (empty on entry), when given, gets them, so it stays empty unless the
  // query matches; elsewhere the match is stopped at its first document.
  bool HasMatch(const Xapian::Query& query, std::vector<Xapian::docid>* listed = nullptr);
  Result<Xapian::Query> LikeQuery(const std::string& id);
  // Stored documents are compressed with their index's own dictionary
  // (core/text_dict.h): registered from every shard when a document needs
  // one this process has not met (a new generation brings a new one).
  bool dictionaries_loaded = false;
  // `db` has a new revision or generation: what was read from the old one
  // (names, the terms with Xapian positions, the alias table) is read again.
  void IndexChanged();
  // Moves `db` to the newest revision, or to the live generation by path
  // when a swap replaced or retired ours; true if the view changed (and
  // IndexChanged ran). Throws Xapian::Error if neither can be opened.
  bool FollowIndex();
  bool aliases_stale = false;
  // Reads the alias table again after IndexChanged (from Run, whose caller
  // retries on Xapian::DatabaseModifiedError).
  void RefreshAliases();
  void LoadTextDictionaries();
  Result<schema::StoredDoc> Decode(const Xapian::Document& doc);
};

}  // namespace pressa

#endif  // PRESSA_SEARCHER_SEARCHER_IMPL_H_
