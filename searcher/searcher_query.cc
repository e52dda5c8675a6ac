// Searcher's query: filters, ranking query, the match with exact totals and
// facets, collapsed hits with snippets (see searcher_impl.h).
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
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
// A relaxed query of this many items is taken for a pasted passage (see
// SearchRun::Weight). Passages of 40, 100 and 200 words (bench/relevance,
// make_pastes.py): success@1 0.958 / 0.967 / 0.975 with BM25, 0.967 / 0.983 /
// 0.975 by rarity alone, and on the 10x index 17% faster at the median for
// 40 words, 32% for 400 (no document lengths to read). Typed queries keep
// BM25: by rarity alone a five-word one ranked its article second.
constexpr size_t kPassageItems = 12;

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

// The longest beginning of a query, in whole words, that the bounds allow
// (kMaxQueryBytes, kMaxQueryTerms): a pasted passage is searched by its
// first words rather than refused.
struct Beginning {
  ParsedQuery parsed;
  std::string_view text;  // the words searched
  int words = 0;          // in the whole query
  int searched_words = 0;
};

Result<Beginning> ParseBeginning(QueryParser* parser, std::string_view query) {
  // Where each word ends; words are what the spaces (and the line breaks of
  // a paste) leave between them.
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  std::vector<size_t> ends;
  for (size_t i = 0; i < query.size();) {
    while (i < query.size() && space(query[i])) ++i;
    if (i == query.size()) break;
    while (i < query.size() && !space(query[i])) ++i;
    ends.push_back(i);
  }
  Beginning b;
  b.words = static_cast<int>(ends.size());
  auto fits = [](const Result<ParsedQuery>& r) {
    return r.ok() && r->query.get_length() <= kMaxQueryTerms;
  };
  auto take = [&](size_t words, Result<ParsedQuery> r) -> Result<Beginning> {
    b.parsed = std::move(*r);
    b.text = words == ends.size() ? query : query.substr(0, words == 0 ? 0 : ends[words - 1]);
    b.searched_words = static_cast<int>(words);
    return std::move(b);
  };
  // Whole, when it fits (or fails to parse for a reason of its own).
  const size_t in_bytes =
      static_cast<size_t>(std::upper_bound(ends.begin(), ends.end(), kMaxQueryBytes) - ends.begin());
  if (in_bytes == ends.size()) {
    Result<ParsedQuery> whole = parser->Parse(query);
    if (!whole.ok()) return whole.status();
    if (fits(whole)) return take(ends.size(), std::move(whole));
  }
  // The most words that fit: `lo` words do (none always do), `hi` do not.
  // A beginning that does not parse (ending in NOT) counts as not fitting.
  size_t lo = 0, hi = in_bytes + 1;
  Result<ParsedQuery> best = ParsedQuery();
  while (hi - lo > 1) {
    const size_t mid = lo + (hi - lo) / 2;
    Result<ParsedQuery> r = parser->Parse(query.substr(0, ends[mid - 1]));
    if (fits(r)) {
      lo = mid;
      best = std::move(r);
    } else {
      hi = mid;
    }
  }
  if (lo == 0) {
    // Not even the first word: its own mistake, or its size.
    if (in_bytes > 0) {
      Result<ParsedQuery> first = parser->Parse(query.substr(0, ends[0]));
      if (!first.ok()) return first.status();
    }
    return Status::InvalidArgument(
        "the query's first word is longer than " + std::to_string(kMaxQueryBytes) +
        " bytes or has more than " + std::to_string(kMaxQueryTerms) + " terms");
  }
  return take(lo, std::move(best));
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

// One search (Searcher::Impl::Run), in steps over the state they share:
//  1. Plan: the request's filters and the query that ranks (the parsed
//     query, an article's --like terms, or everything the filters allow),
//     corrected when nothing holds every word and the correction does.
//  2. ListMatches: every match, where the posting lists can list them (for
//     the exact total, the facets, and ranking by date or in two steps),
//     and how the query follows them.
//  3. Rank: the ranked documents the page is taken from, the total and the
//     facets.
//  4. Page: reprints folded into their first copy, the page's hits with
//     their snippets.
class Searcher::Impl::SearchRun {
 public:
  SearchRun(Searcher::Impl* impl, const SearchRequest& request)
      : impl_(*impl), db_(impl->db), request_(request) {
    results_.query = request.query;
    results_.offset = request.offset;
    results_.limit = request.limit;
  }

  Result<SearchResults> Execute();

 private:
  // *search false: nothing to match, the results stay empty.
  Status Plan(bool* search);
  void PlanFilters();
  // The parsed query's ranking query, or the suggestion's when only it
  // finds articles holding every word.
  void PlanText(QueryParser* parser);
  void ListMatches();
  void Rank();
  Status Page();
  // The ranking's weights: BM25 tuned on the development queries; for a
  // pasted passage that no article holds whole (relaxed, kPassageItems
  // items or more), each of its words counts by its rarity alone (k1 = b = 0:
  // neither how often an article repeats a word nor its length), so the
  // article holding most of the passage's rare words leads.
  Xapian::BM25Weight Weight() const {
    if (!strict_ && parsed_.items.size() >= kPassageItems) {
      return Xapian::BM25Weight(0, 0, 1, 0, 0.5);
    }
    return Xapian::BM25Weight(impl_.bm25_k1, 0, 1, impl_.bm25_b, 0.5);
  }

  Searcher::Impl& impl_;
  const Xapian::Database& db_;
  const SearchRequest& request_;
  SearchResults results_;

  // Plan's: the parsed request (the words of its query searched: all, or
  // the first of a long one), its filters and its query.
  ParsedQuery parsed_;
  std::string_view text_;
  std::vector<Xapian::Query> filters_;  // the request's date range and field filters
  Xapian::Query filter_;                // their AND (empty: none)
  std::string date_lo_, date_hi_, date_range_;  // date_range_: the range query's description
  Xapian::Query query_;
  // query_ without the filters (the request's and the query's field
  // filters; the same weights), and that one split for RankInTwoSteps and
  // RankByDate if it has proximity boosts.
  Xapian::Query unfiltered_;
  BoostedQuery parts_;
  bool ranked_ = true;
  bool strict_ = true;  // every word required (else relaxed: see RankQuery)
  // The matches of query_, when asking whether it matches listed them (over
  // local shards, see HasMatch): the count reuses them. Empty whenever
  // nothing matched, so a query put in its place (relaxed, or the
  // suggestion) finds it empty.
  std::vector<Xapian::docid> listed_;

  // ListMatches' and Rank's.
  std::optional<Xapian::Enquire> enquire_;
  std::optional<FacetCounter> facet_counter_;
  Xapian::doccount page_end_ = 0;
  Xapian::doccount fetch_ = 0;  // ranked documents to fold reprints from
  Xapian::doccount check_at_least_ = 0;
  bool date_ranked_ = false;  // sorted by date, the matches' dates rank them
  bool counted_ = false;      // matches_ lists every match
  bool two_steps_ = false;
  std::vector<Xapian::docid> matches_;
  std::vector<Xapian::docid> allowed_;  // not counted: what the filters allow
  std::optional<DocidPostingSource> match_source_;
  // The ranked documents, best (or newest) first.
  std::vector<Xapian::Document> docs_;
  std::vector<double> weights_;
  std::vector<Xapian::docid> docids_;
};

Result<SearchResults> Searcher::Impl::SearchRun::Execute() {
  bool search = true;
  Status planned = Plan(&search);
  if (!planned.ok()) return planned;
  if (!search) return std::move(results_);
  ListMatches();
  Rank();
  Status paged = Page();
  if (!paged.ok()) return paged;
  return std::move(results_);
}

Status Searcher::Impl::SearchRun::Plan(bool* search) {
  // Several shards: their dictionaries before any document is read (the
  // alias expander reads some, and only one shard's through the combined
  // database).
  if (db_.size() > 1 && !impl_.dictionaries_loaded) impl_.LoadTextDictionaries();
  impl_.RefreshAliases();
  QueryParser parser(impl_.analyzer.get(), &impl_.db,
                     [this](const std::string& f, const std::string& v) {
                       return impl_.FieldFilter(f, v);
                     });
  const bool like = !request_.like_id.empty();
  auto beginning = ParseBeginning(&parser, like ? std::string_view() : request_.query);
  if (!beginning.ok()) return beginning.status();
  parsed_ = std::move(beginning->parsed);
  text_ = beginning->text;
  results_.query_words = beginning->words;
  results_.searched_words = beginning->searched_words;
  PlanFilters();
  if (like) {
    auto q = impl_.LikeQuery(request_.like_id);
    if (!q.ok()) return q.status();
    query_ = filter_.empty() || q->empty() ? *q
                                           : Xapian::Query(Xapian::Query::OP_FILTER, *q, filter_);
    if (query_.empty()) *search = false;
    unfiltered_ = *q;
  } else if (parsed_.query.empty()) {
    // No terms: list everything the filters (or field:value parts) allow;
    // words that give no terms (stopwords, punctuation) are a mistake to say.
    if (results_.query_words > 0) {
      return Status::InvalidArgument(
          "the query has no word to search for: stopwords (и, в, на, не…) and punctuation "
          "are not indexed");
    }
    if (filters_.empty()) {
      *search = false;
    } else {
      query_ = Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query::MatchAll, filter_);
      unfiltered_ = Xapian::Query::MatchAll;
      ranked_ = false;
    }
  } else {
    PlanText(&parser);
  }
  if (!*search) return Status::OK();
  return impl_.alias_status;
}

void Searcher::Impl::SearchRun::PlanFilters() {
  if (!request_.from.empty() || !request_.to.empty()) {
    date_lo_ = request_.from.empty() ? "00000000" : schema::DateToSlot(request_.from);
    date_hi_ = request_.to.empty() ? "99999999" : schema::DateToSlot(request_.to);
    filters_.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDate, date_lo_, date_hi_);
    date_range_ = filters_.back().get_description();
  }
  const std::pair<const char*, const std::vector<std::string>*> kinds[] = {
      {"org", &request_.orgs}, {"person", &request_.persons},
      {"place", &request_.places}, {"source", &request_.sources}};
  for (const auto& [field, values] : kinds) {
    if (!values->empty()) filters_.push_back(impl_.KindFilter(field, *values));
  }
  if (!filters_.empty()) {
    filter_ = Xapian::Query(Xapian::Query::OP_AND, filters_.begin(), filters_.end());
  }
}

void Searcher::Impl::SearchRun::PlanText(QueryParser* parser) {
  ranked_ = parsed_.has_free_text;
  bool matches = false;
  query_ = impl_.RankQuery(parsed_, filter_, &strict_, &matches, &listed_, &parts_,
                           &unfiltered_);
  results_.suggestion = impl_.speller->Suggest(text_);
  // Whether anything holds every word matters only with a correction to
  // try: over a stub each such test opens every term in every shard.
  if (results_.suggestion.empty() ||
      (strict_ && (matches || impl_.HasMatch(query_, &listed_)))) {
    return;
  }
  // Nothing holds every word: if the corrected query finds articles that
  // do, show those and say so.
  auto fixed = parser->Parse(results_.suggestion);
  if (!fixed.ok() || fixed->query.empty()) return;
  bool fixed_strict = true, fixed_matches = false;
  BoostedQuery fixed_parts;
  Xapian::Query fixed_unfiltered;
  Xapian::Query fixed_query = impl_.RankQuery(*fixed, filter_, &fixed_strict, &fixed_matches,
                                              nullptr, &fixed_parts, &fixed_unfiltered);
  if (fixed_strict && (fixed_matches || impl_.HasMatch(fixed_query))) {
    query_ = fixed_query;
    unfiltered_ = fixed_unfiltered;
    parts_ = std::move(fixed_parts);
    strict_ = true;
    parsed_ = std::move(*fixed);
    results_.searched_suggestion = true;
  }
}

void Searcher::Impl::SearchRun::ListMatches() {
  enquire_.emplace(db_);
  enquire_->set_query(query_);
  enquire_->set_weighting_scheme(Weight());
  const bool by_date = request_.sort == SearchRequest::Sort::kDate || !ranked_;
  if (by_date) enquire_->set_sort_by_value_then_relevance(schema::kSlotDate, true);
  const bool remote = impl_.remote_shards;
  facet_counter_.emplace(db_, remote, impl_.facet_cache.get());
  // Reprints fold into the first of them: look further than the page so the
  // page still fills, and always from the top so every page agrees.
  page_end_ = static_cast<Xapian::doccount>(request_.offset + request_.limit);
  fetch_ = request_.collapse ? page_end_ * 3 + 20 : page_end_;
  check_at_least_ = std::max<Xapian::doccount>(fetch_, kExactTotalUpTo);
  // The total and facets need every match, and ranking only the page: when
  // the posting lists give the matches directly, the weighted pass stops
  // where Xapian can tell that no further document reaches the page. A date
  // range is read from the facet column's dates when it is in memory, else
  // from the value stream.
  PartResolver dates;
  if (!date_range_.empty()) {
    dates = [this](const Xapian::Query& part, const std::vector<Xapian::docid>& within,
                   std::vector<Xapian::docid>* out) {
      if (part.get_type() != Xapian::Query::OP_VALUE_RANGE ||
          part.get_description() != date_range_) {
        return false;
      }
      impl_.facet_cache->DatesBetween(db_, date_lo_, date_hi_, within, out);
      return true;
    };
  }
  // Every filter: the request's and the query's field filters.
  std::vector<Xapian::Query> restrictions = filters_;
  restrictions.insert(restrictions.end(), parsed_.field_filters.begin(),
                      parsed_.field_filters.end());
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
  const bool boosted = !parts_.unboosted.empty() && (!strict_ || filtered) && !by_date && !remote;
  date_ranked_ = by_date && !remote;
  if ((request_.facets || boosted || date_ranked_) && !remote) {
    if (!listed_.empty() && date_range_.empty()) {
      matches_ = std::move(listed_);
      counted_ = true;
    } else {
      counted_ = MatchingDocids(db_, query_, &matches_, dates);
    }
  }
  two_steps_ = boosted && (counted_ || ShardsDistinct(db_));
  // Counted, the matches stand for every filter, and the query ranks them
  // without its own: Xapian 1.4 led by a filter tests the rest of the query
  // with check(), which on the corpus gave 95 of 3,408 articles found under a
  // date range another weight than without it (bench/query_bench.cc,
  // --check-filters). Following the matches, the query leads and moves to
  // them with skip_to(): the weights it gives without a filter. Not counted
  // (a query whose matches the posting lists cannot give), the documents
  // the filters allow stand for them, listed the same way.
  bool follow = counted_;
  if (!counted_ && !remote && filtered) {
    follow = MatchingDocids(db_, restriction, &allowed_, dates);
  }
  match_source_.emplace(counted_ ? &matches_ : &allowed_, db_,
                        DocidPostingSource::Order::kFollows);
  const bool follows = follow && filtered;
  if (follows) {
    enquire_->set_query(Xapian::Query(Xapian::Query::OP_FILTER, unfiltered_,
                                      Xapian::Query(&*match_source_)));
  }
  if (two_steps_ && filtered) {
    parts_.unboosted = Xapian::Query(Xapian::Query::OP_FILTER, parts_.unboosted,
                                     follow ? Xapian::Query(&*match_source_) : restriction);
  }
  // Sorted by date and not counted, a boolean pass lists the matches.
  if (date_ranked_ && !counted_ && ShardsDistinct(db_)) {
    Xapian::Enquire lister(db_);
    lister.set_query(follows ? Xapian::Query(Xapian::Query::OP_FILTER, unfiltered_,
                                             Xapian::Query(&*match_source_))
                             : query_);
    lister.set_weighting_scheme(Xapian::BoolWeight());
    lister.set_docid_order(Xapian::Enquire::ASCENDING);
    Xapian::MSet all = lister.get_mset(0, db_.get_doccount());
    matches_.clear();  // MatchingDocids may have left some
    for (Xapian::MSetIterator it = all.begin(); it != all.end(); ++it) matches_.push_back(*it);
    std::sort(matches_.begin(), matches_.end());
    counted_ = true;
  }
}

void Searcher::Impl::SearchRun::Rank() {
  const Xapian::doccount match_count = static_cast<Xapian::doccount>(matches_.size());
  // Not counted, the weighted pass counts (Xapian's estimate, or every
  // match for the facets): the first look of the two steps, or the pass.
  FirstLook look;
  if (counted_) {
    check_at_least_ = fetch_;
  } else if (request_.facets) {
    check_at_least_ = db_.get_doccount();
    if (!two_steps_) facet_counter_->Attach(&*enquire_);
  }
  // The limit only turns check_at_least off, so it matters only beyond the
  // page; and it costs a timer thread (SIGEV_THREAD) in each process.
  if (check_at_least_ > fetch_) enquire_->set_time_limit(kMatchTimeLimitSeconds);
  if (!counted_ && two_steps_) {
    look.check_at_least = check_at_least_;
    look.prepare = [this](Xapian::Enquire* first) {
      if (request_.facets) facet_counter_->Attach(first);
      if (check_at_least_ > fetch_) first->set_time_limit(kMatchTimeLimitSeconds);
    };
  }
  // A relaxed query with proximity boosts weighs them on the best articles
  // only (RankInTwoSteps).
  std::vector<std::pair<Xapian::docid, double>> hits;  // (docid, weight), best first
  const Xapian::BM25Weight weight = Weight();
  Xapian::MSet mset;
  // Sorted by date, only the articles of the page's days are weighed.
  std::vector<uint32_t> match_dates;
  const bool dated =
      counted_ && date_ranked_ && impl_.facet_cache->Dates(db_, matches_, &match_dates);
  if (dated) {
    if (parts_.unboosted.empty()) parts_.unboosted = unfiltered_;
    RankByDate(db_, parts_, weight, matches_, match_dates, fetch_, &hits);
  } else if (two_steps_) {
    RankInTwoSteps(db_, parts_, weight, fetch_, &hits, 200, counted_ ? nullptr : &look);
    mset = look.mset;
  }
  if (dated || two_steps_) {
    for (const auto& [docid, w] : hits) {
      docs_.push_back(db_.get_document(docid, Xapian::DOC_ASSUME_VALID));
      docids_.push_back(docid);
      weights_.push_back(w);
    }
  } else {
    mset = enquire_->get_mset(0, fetch_, check_at_least_);
    for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
      docs_.push_back(it.get_document());
      docids_.push_back(*it);
      weights_.push_back(it.get_weight());
    }
  }
  if (counted_) facet_counter_->SetMatches(std::move(matches_));
  results_.total = counted_ ? match_count : mset.get_matches_estimated();
  results_.total_exact =
      counted_ || mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  if (request_.facets) results_.facets = facet_counter_->Top(request_.facet_limit);
}

Status Searcher::Impl::SearchRun::Page() {
  std::vector<std::string> signatures;
  // A long-lived searcher keeps the signatures in memory with the facet
  // column; otherwise each is a B-tree lookup.
  if (!request_.collapse) {
    signatures.resize(docs_.size());
  } else if (!impl_.facet_cache->CachedSignatures(db_, docids_, &signatures)) {
    for (const Xapian::Document& doc : docs_) {
      signatures.push_back(doc.get_value(schema::kSlotSignature));
    }
  }
  std::vector<CollapsedGroup> groups = CollapseNearDuplicates(signatures);

  int rank = request_.offset;
  for (size_t g = request_.offset; g < groups.size() && g < page_end_; ++g) {
    const CollapsedGroup& group = groups[g];
    auto stored = impl_.Decode(docs_[group.leader]);
    if (!stored.ok()) return stored.status();
    SearchHit hit;
    hit.rank = ++rank;
    hit.id = stored->id;
    hit.score = ranked_ ? weights_[group.leader] : 0.0;
    hit.date = stored->date;
    hit.title = stored->title;
    hit.headline = Headline(stored->title, stored->text);
    hit.source = stored->source;
    hit.url = stored->url;
    hit.snippet = MakeSnippet(stored->text, parsed_.highlight, impl_.analyzer.get(),
                              request_.snippet_chars);
    hit.orgs = NamesOf(stored->entities, Entity::Type::kOrg);
    hit.persons = NamesOf(stored->entities, Entity::Type::kPerson);
    hit.places = NamesOf(stored->entities, Entity::Type::kPlace);
    hit.more_like_this = static_cast<int>(group.members.size());
    for (size_t member : group.members) {
      auto dup = impl_.Decode(docs_[member]);
      if (dup.ok()) hit.duplicate_ids.push_back(dup->id);
    }
    results_.hits.push_back(std::move(hit));
  }
  return Status::OK();
}

Result<SearchResults> Searcher::Impl::Run(const SearchRequest& request) {
  return SearchRun(this, request).Execute();
}

}  // namespace pressa
