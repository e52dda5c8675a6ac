// Searcher's query: filters, ranking query, the match with exact totals and
// facets, collapsed hits with snippets (see searcher_impl.h).
#include <algorithm>
#include <utility>
#include <vector>

#include <xapian.h>

#include "core/schema.h"
#include "searcher/alias_lines.h"
#include "searcher/collapse.h"
#include "searcher/facets.h"
#include "searcher/match_set.h"
#include "searcher/positional.h"
#include "searcher/query_parser.h"
#include "searcher/ranking.h"
#include "searcher/searcher_impl.h"
#include "searcher/snippets.h"
#include "stemmers/entity_names.h"

namespace pressa {
namespace {

// Terms of an article that make a --like query.
constexpr Xapian::termcount kLikeTerms = 30;
// Totals up to this many matches are counted exactly.
constexpr Xapian::doccount kExactTotalUpTo = 1000;

// The distinct entity names of one type, in order of first mention.
std::vector<std::string> NamesOf(const std::vector<Entity>& entities, Entity::Type type) {
  std::vector<std::string> names;
  for (const Entity& e : entities) {
    if (e.type == type && std::find(names.begin(), names.end(), e.name) == names.end()) {
      names.push_back(e.name);
    }
  }
  return names;
}

}  // namespace

Xapian::Query Searcher::Impl::FieldFilter(const std::string& field,
                                          const std::string& value) {
  std::vector<std::string> terms;
  if (field == "source") {
    terms.push_back(schema::kPrefixSource + EntityKey(value));
  } else {
    Entity::Type type = field == "org"      ? Entity::Type::kOrg
                        : field == "person" ? Entity::Type::kPerson
                                            : Entity::Type::kPlace;
    // A process's first filters read just the table lines that can hold
    // the name, unless the whole table is parsed already.
    const AliasTable* table = aliases.get();
    std::unique_ptr<AliasTable> few;
    if (table == nullptr) {
      auto parsed = AliasTable::Parse(AliasLinesForKey(alias_text, EntityKey(value)));
      if (parsed.ok()) few = std::make_unique<AliasTable>(std::move(*parsed));
      table = few != nullptr ? few.get() : &Aliases();
    }
    bool known = false;
    for (const std::string& key : table->EquivalentKeys(type, value)) {
      terms.push_back(EntityTerm(type, key));
      known = known || db.term_exists(terms.back());
    }
    // A name the extractor never recognized anywhere: match its words as a
    // phrase rather than nothing.
    if (!known) {
      std::vector<Token> tokens;
      analyzer->Analyze(value, &tokens);
      std::vector<std::string> words;
      for (const Token& t : tokens) {
        if (t.kind != Token::Kind::kCompound && !t.term.empty()) words.push_back(t.term);
      }
      if (words.size() == 1) return Xapian::Query(words[0]);
      if (words.size() > 1) {
        std::vector<Xapian::Query> parts(words.begin(), words.end());
        return PositionalQuery(Xapian::Query::OP_PHRASE, parts,
                               static_cast<unsigned>(words.size() + 2));
      }
    }
  }
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query Searcher::Impl::KindFilter(const std::string& field,
                                         const std::vector<std::string>& values) {
  std::vector<Xapian::Query> parts;
  for (const std::string& v : values) parts.push_back(FieldFilter(field, v));
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

namespace {

// Thrown by FirstMatch to end a match at its first document.
struct FoundOne {};

// A match decider that ends the match at the first document it is asked
// about, which has passed every test of the query (phrases included).
class FirstMatch : public Xapian::MatchDecider {
 public:
  bool operator()(const Xapian::Document&) const override { throw FoundOne(); }
};

}  // namespace

bool Searcher::Impl::HasMatch(const Xapian::Query& query, std::vector<Xapian::docid>* listed) {
  // Over local shards, the matches from the posting lists when that is
  // cheap (the count reuses them); else the matcher, stopped by an
  // exception at its first match (a remote shard runs no decider).
  const bool local_shards = Layout() == ShardLayout::kLocalShards;
  std::vector<Xapian::docid> ids;
  if (local_shards && MatchingDocids(db, query, &ids)) {
    const bool any = !ids.empty();
    if (listed != nullptr) *listed = std::move(ids);
    return any;
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  if (!local_shards) return !enquire.get_mset(0, 1).empty();
  FirstMatch first;
  try {
    enquire.get_mset(0, 1, nullptr, &first);
  } catch (const FoundOne&) {
    return true;
  }
  return false;
}

Xapian::Query Searcher::Impl::RankQuery(const ParsedQuery& parsed, const Xapian::Query& filter,
                                        bool* strict, bool* matches,
                                        std::vector<Xapian::docid>* listed, BoostedQuery* parts,
                                        Xapian::Query* unfiltered) {
  if (parts != nullptr) *parts = BoostedQuery();
  auto wrap = [&filter](Xapian::Query q) {
    return filter.empty() ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
  };
  *strict = true;
  *matches = false;
  if (!parsed.conjunctive) {
    if (unfiltered != nullptr) *unfiltered = parsed.query;
    return wrap(parsed.query);
  }
  RankingQueries rq = BuildRanking(Expander(parsed.items).Expand(parsed.items, db), ranking, db);
  // The exclusions, which a filter of the matches leaves to the ranking.
  auto exclude = [&](Xapian::Query q) {
    if (!parsed.exclusions.empty()) {
      q = Xapian::Query(Xapian::Query::OP_AND_NOT, q,
                        Xapian::Query(Xapian::Query::OP_OR, parsed.exclusions.begin(),
                                      parsed.exclusions.end()));
    }
    return q;
  };
  auto finish = [&](Xapian::Query q) {
    if (!parsed.field_filters.empty()) {
      q = Xapian::Query(Xapian::Query::OP_FILTER, q,
                        Xapian::Query(Xapian::Query::OP_AND, parsed.field_filters.begin(),
                                      parsed.field_filters.end()));
    }
    return wrap(exclude(q));
  };
  Xapian::Query strict_query = finish(rq.strict);
  // A reader half-remembers: when no article holds every word, rank those
  // holding most of them (and those where the words stand close) first.
  // (The ranked query adds only weight to the strict one: the same matches.)
  // With one item relaxing changes nothing: whether it matches then matters
  // only for a suggestion, and Run asks that itself.
  auto pick = [&](const Xapian::Query& ranked, const BoostedQuery& boosted) {
    if (parts != nullptr && !boosted.unboosted.empty()) {
      *parts = boosted;
      parts->unboosted = exclude(parts->unboosted);
    }
    if (unfiltered != nullptr) *unfiltered = exclude(ranked);
    return finish(ranked);
  };
  if (!parsed.relaxable || !rq.relaxes || (*matches = HasMatch(strict_query, listed))) {
    return pick(rq.strict_ranked, rq.strict_parts);
  }
  *strict = false;
  return pick(rq.relaxed, rq.relaxed_parts);
}

Result<Xapian::Query> Searcher::Impl::LikeQuery(const std::string& id) {
  Xapian::PostingIterator p = db.postlist_begin(schema::IdTerm(id));
  if (p == db.postlist_end(schema::IdTerm(id))) {
    return Status::NotFound("no article has the id '" + id + "'");
  }
  Xapian::RSet rset;
  rset.add_document(*p);
  // Free-text terms and acronyms; not ids, dates, entity or numeric terms.
  struct Decider : Xapian::ExpandDecider {
    bool operator()(const std::string& term) const override {
      if (term.empty()) return false;
      if (term[0] >= '0' && term[0] <= '9') return false;
      if (term[0] >= 'A' && term[0] <= 'Z') {
        return term.compare(0, 2, schema::kPrefixAcronym) == 0;
      }
      return term.size() > 4;  // two Cyrillic letters or more than four Latin ones
    }
  } decider;
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(schema::IdTerm(id)));
  // Over several shards Xapian estimates term frequencies from the shard of
  // the article unless asked for the exact ones (one index: no difference).
  Xapian::ESet eset =
      enquire.get_eset(kLikeTerms, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
  std::vector<Xapian::Query> terms;
  for (Xapian::ESetIterator it = eset.begin(); it != eset.end(); ++it) {
    terms.push_back(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it),
                                  it.get_weight() / eset.begin().get_weight()));
  }
  if (terms.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_AND_NOT,
                       Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                       Xapian::Query(schema::IdTerm(id)));
}

Result<SearchResults> Searcher::Impl::Run(const SearchRequest& request) {
  SearchResults results;
  results.query = request.query;
  results.offset = request.offset;
  results.limit = request.limit;

  // Several shards: their dictionaries before any document is read (the
  // alias expander reads some, and only one shard's through the combined
  // database).
  if (db.size() > 1 && !dictionaries_loaded) LoadTextDictionaries();
  RefreshAliases();
  QueryParser parser(analyzer.get(), &db, [this](const std::string& f, const std::string& v) {
    return FieldFilter(f, v);
  });
  bool like = !request.like_id.empty();
  auto parsed = parser.Parse(like ? std::string() : request.query);
  if (!parsed.ok()) return parsed.status();
  if (parsed->query.get_length() > kMaxQueryTerms) {
    return Status::InvalidArgument("the query has more than " + std::to_string(kMaxQueryTerms) +
                                   " terms; shorten it");
  }

  std::vector<Xapian::Query> filters;
  std::string date_lo, date_hi, date_range;  // date_range: the range query's description
  if (!request.from.empty() || !request.to.empty()) {
    date_lo = request.from.empty() ? "00000000" : schema::DateToSlot(request.from);
    date_hi = request.to.empty() ? "99999999" : schema::DateToSlot(request.to);
    filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDate, date_lo, date_hi);
    date_range = filters.back().get_description();
  }
  const std::pair<const char*, const std::vector<std::string>*> kinds[] = {
      {"org", &request.orgs}, {"person", &request.persons},
      {"place", &request.places}, {"source", &request.sources}};
  for (const auto& [field, values] : kinds) {
    if (!values->empty()) filters.push_back(KindFilter(field, *values));
  }
  Xapian::Query filter =
      filters.empty() ? Xapian::Query()
                      : Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());

  Xapian::Query query;
  // `query` without the filters (the request's and the query's field
  // filters; the same weights), and that one split for RankInTwoSteps and
  // RankByDate if it has proximity boosts.
  Xapian::Query unfiltered;
  BoostedQuery parts;
  bool ranked = true;
  bool strict = true;  // every word required (else relaxed: see RankQuery)
  // The matches of `query`, when asking whether it matches listed them
  // (over local shards, see HasMatch): the count below reuses them. Empty
  // whenever nothing matched, so a query put in its place (relaxed, or the
  // suggestion) finds it empty.
  std::vector<Xapian::docid> listed;
  if (like) {
    auto q = LikeQuery(request.like_id);
    if (!q.ok()) return q.status();
    query = filter.empty() || q->empty() ? *q : Xapian::Query(Xapian::Query::OP_FILTER, *q, filter);
    if (query.empty()) return results;
    unfiltered = *q;
  } else if (parsed->query.empty()) {
    // No terms: list everything the filters (or field:value parts) allow.
    bool lexically_empty = request.query.find_first_not_of(" \t\r\n") == std::string::npos;
    if (!lexically_empty || filters.empty()) return results;
    query = Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query::MatchAll, filter);
    unfiltered = Xapian::Query::MatchAll;
    ranked = false;
  } else {
    ranked = parsed->has_free_text;
    bool matches = false;
    query = RankQuery(*parsed, filter, &strict, &matches, &listed, &parts, &unfiltered);
    results.suggestion = speller->Suggest(request.query);
    // Whether anything holds every word matters only with a correction to
    // try: over a stub each such test opens every term in every shard.
    if (!results.suggestion.empty() && (!strict || !(matches || HasMatch(query, &listed)))) {
      // Nothing holds every word: if the corrected query finds articles that
      // do, show those and say so.
      auto fixed = parser.Parse(results.suggestion);
      if (fixed.ok() && !fixed->query.empty()) {
        bool fixed_strict = true, fixed_matches = false;
        BoostedQuery fixed_parts;
        Xapian::Query fixed_unfiltered;
        Xapian::Query fixed_query = RankQuery(*fixed, filter, &fixed_strict, &fixed_matches,
                                              nullptr, &fixed_parts, &fixed_unfiltered);
        if (fixed_strict && (fixed_matches || HasMatch(fixed_query))) {
          query = fixed_query;
          unfiltered = fixed_unfiltered;
          parts = std::move(fixed_parts);
          strict = true;
          *parsed = std::move(*fixed);
          results.searched_suggestion = true;
        }
      }
    }
  }

  if (!alias_status.ok()) return alias_status;

  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BM25Weight(bm25_k1, 0, 1, bm25_b, 0.5));
  const bool by_date = request.sort == SearchRequest::Sort::kDate || !ranked;
  if (by_date) enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
  FacetCounter facet_counter(db, remote_shards, facet_cache.get());
  // Reprints fold into the first of them: look further than the page so the
  // page still fills, and always from the top so every page agrees.
  Xapian::doccount page_end = static_cast<Xapian::doccount>(request.offset + request.limit);
  Xapian::doccount fetch = request.collapse ? page_end * 3 + 20 : page_end;
  Xapian::doccount check_at_least = std::max<Xapian::doccount>(fetch, kExactTotalUpTo);
  // The total and facets need every match, and ranking only the page: when
  // the posting lists give the matches directly, the weighted pass stops
  // where Xapian can tell that no further document reaches the page. A date
  // range is read from the facet column's dates when it is in memory, else
  // from the value stream.
  std::vector<Xapian::docid> matches;
  PartResolver dates = [&](const Xapian::Query& part, const std::vector<Xapian::docid>& within,
                           std::vector<Xapian::docid>* out) {
    if (date_range.empty() || part.get_type() != Xapian::Query::OP_VALUE_RANGE ||
        part.get_description() != date_range) {
      return false;
    }
    facet_cache->DatesBetween(db, date_lo, date_hi, within, out);
    return true;
  };
  // Every filter: the request's and the query's field filters.
  std::vector<Xapian::Query> restrictions = filters;
  restrictions.insert(restrictions.end(), parsed->field_filters.begin(),
                      parsed->field_filters.end());
  const bool filtered = !restrictions.empty();
  const Xapian::Query restriction =
      filtered ? Xapian::Query(Xapian::Query::OP_AND, restrictions.begin(), restrictions.end())
               : Xapian::Query();
  // The strict query's matches are the ranked one's (it adds only weight).
  // Ranking in two steps and by date (below) needs them too. In two steps:
  // relaxed queries with proximity boosts, and strict ones under a filter
  // (under a filter Xapian 1.4 also credits a NEAR to articles it does not
  // match; weighed apart, the boosts are exact); not over remote shards: the
  // boosts are weighed on the articles a posting source lists.
  const bool boosted = !parts.unboosted.empty() && (!strict || filtered) && !by_date &&
                       !remote_shards;
  // Sorted by date, the matches' dates rank them (RankByDate).
  const bool date_ranked = by_date && !remote_shards;
  std::vector<uint32_t> match_dates;
  bool counted = false;
  if ((request.facets || boosted || date_ranked) && !remote_shards) {
    if (!listed.empty() && date_range.empty()) {
      matches = std::move(listed);
      counted = true;
    } else {
      counted =
          MatchingDocids(db, query, &matches, date_range.empty() ? PartResolver() : dates);
    }
  }
  const bool two_steps = boosted && (counted || ShardsDistinct(db));
  // Counted, the matches stand for every filter, and the query ranks them
  // without its own: Xapian 1.4 led by a filter tests the rest of the query
  // with check(), which on the corpus gave 95 of 3,408 articles found under a
  // date range another weight than without it (bench/query_bench.cc,
  // --check-filters). Following the matches, the query leads and moves to
  // them with skip_to(): the weights it gives without a filter. Not counted
  // (a query whose matches the posting lists cannot give), the documents
  // the filters allow stand for them, listed the same way.
  std::vector<Xapian::docid> allowed;
  bool follow = counted;
  if (!counted && !remote_shards && filtered) {
    follow = MatchingDocids(db, restriction, &allowed,
                            date_range.empty() ? PartResolver() : dates);
  }
  DocidPostingSource match_source(counted ? &matches : &allowed, db,
                                  DocidPostingSource::Order::kFollows);
  if (follow && filtered) {
    enquire.set_query(
        Xapian::Query(Xapian::Query::OP_FILTER, unfiltered, Xapian::Query(&match_source)));
  }
  if (two_steps && filtered) {
    parts.unboosted = Xapian::Query(Xapian::Query::OP_FILTER, parts.unboosted,
                                    follow ? Xapian::Query(&match_source) : restriction);
  }
  // Sorted by date and not counted, a boolean pass lists the matches.
  if (date_ranked && !counted && ShardsDistinct(db)) {
    Xapian::Enquire lister(db);
    lister.set_query(follow && filtered ? Xapian::Query(Xapian::Query::OP_FILTER, unfiltered,
                                                        Xapian::Query(&match_source))
                                        : query);
    lister.set_weighting_scheme(Xapian::BoolWeight());
    lister.set_docid_order(Xapian::Enquire::ASCENDING);
    Xapian::MSet all = lister.get_mset(0, db.get_doccount());
    matches.clear();  // MatchingDocids may have left some
    for (Xapian::MSetIterator it = all.begin(); it != all.end(); ++it) matches.push_back(*it);
    std::sort(matches.begin(), matches.end());
    counted = true;
  }
  const Xapian::doccount match_count = static_cast<Xapian::doccount>(matches.size());
  // Not counted, the weighted pass counts (Xapian's estimate, or every
  // match for the facets): the first look of the two steps, or the pass.
  FirstLook look;
  if (counted) {
    check_at_least = fetch;
  } else if (request.facets) {
    check_at_least = db.get_doccount();
    if (!two_steps) facet_counter.Attach(&enquire);
  }
  // The limit only turns check_at_least off, so it matters only beyond the
  // page; and it costs a timer thread (SIGEV_THREAD) in each process.
  if (check_at_least > fetch) enquire.set_time_limit(kMatchTimeLimitSeconds);
  if (!counted && two_steps) {
    look.check_at_least = check_at_least;
    look.prepare = [&](Xapian::Enquire* first) {
      if (request.facets) facet_counter.Attach(first);
      if (check_at_least > fetch) first->set_time_limit(kMatchTimeLimitSeconds);
    };
  }
  Xapian::MSet mset;
  std::vector<Xapian::Document> docs;
  std::vector<double> weights;
  std::vector<Xapian::docid> docids;
  // A relaxed query with proximity boosts weighs them on the best articles
  // only (RankInTwoSteps).
  std::vector<std::pair<Xapian::docid, double>> hits;  // (docid, weight), best first
  const Xapian::BM25Weight weight(bm25_k1, 0, 1, bm25_b, 0.5);
  // Sorted by date, only the articles of the page's days are weighed.
  const bool dated = counted && date_ranked && facet_cache->Dates(db, matches, &match_dates);
  if (dated) {
    if (parts.unboosted.empty()) parts.unboosted = unfiltered;
    RankByDate(db, parts, weight, matches, match_dates, fetch, &hits);
  } else if (two_steps) {
    RankInTwoSteps(db, parts, weight, fetch, &hits, 200, counted ? nullptr : &look);
    mset = look.mset;
  }
  if (dated || two_steps) {
    for (const auto& [docid, w] : hits) {
      docs.push_back(db.get_document(docid, Xapian::DOC_ASSUME_VALID));
      docids.push_back(docid);
      weights.push_back(w);
    }
  } else {
    mset = enquire.get_mset(0, fetch, check_at_least);
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
      docs.push_back(it.get_document());
      docids.push_back(*it);
      weights.push_back(it.get_weight());
    }
  }
  if (counted) facet_counter.SetMatches(std::move(matches));
  results.total = counted ? match_count : mset.get_matches_estimated();
  results.total_exact =
      counted || mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  if (request.facets) results.facets = facet_counter.Top(request.facet_limit);

  std::vector<std::string> signatures;
  // A long-lived searcher keeps the signatures in memory with the facet
  // column; otherwise each is a B-tree lookup.
  if (!request.collapse) {
    signatures.resize(docs.size());
  } else if (!facet_cache->CachedSignatures(db, docids, &signatures)) {
    for (const Xapian::Document& doc : docs) {
      signatures.push_back(doc.get_value(schema::kSlotSignature));
    }
  }
  std::vector<CollapsedGroup> groups = CollapseNearDuplicates(signatures);

  int rank = request.offset;
  for (size_t g = request.offset; g < groups.size() && g < page_end; ++g) {
    const CollapsedGroup& group = groups[g];
    auto stored = Decode(docs[group.leader]);
    if (!stored.ok()) return stored.status();
    SearchHit hit;
    hit.rank = ++rank;
    hit.id = stored->id;
    hit.score = ranked ? weights[group.leader] : 0.0;
    hit.date = stored->date;
    hit.title = stored->title;
    hit.source = stored->source;
    hit.url = stored->url;
    hit.snippet = MakeSnippet(stored->text, parsed->highlight, analyzer.get(),
                              request.snippet_chars);
    hit.orgs = NamesOf(stored->entities, Entity::Type::kOrg);
    hit.persons = NamesOf(stored->entities, Entity::Type::kPerson);
    hit.places = NamesOf(stored->entities, Entity::Type::kPlace);
    hit.more_like_this = static_cast<int>(group.members.size());
    for (size_t member : group.members) {
      auto dup = Decode(docs[member]);
      if (dup.ok()) hit.duplicate_ids.push_back(dup->id);
    }
    results.hits.push_back(std::move(hit));
  }
  return results;
}

}  // namespace pressa
