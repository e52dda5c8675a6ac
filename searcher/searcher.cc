// Searcher: request validation, query and filter building, match, hits.
#include "searcher/searcher.h"

#include <sys/stat.h>

#include <algorithm>
#include <utility>

#include <xapian.h>

#include "core/positions.h"
#include "core/schema.h"
#include "core/text_dict.h"
#include "core/utf8.h"
#include "core/xapian_status.h"
#include "searcher/alias_lines.h"
#include "searcher/facets.h"
#include "searcher/positional.h"
#include "searcher/collapse.h"
#include "searcher/match_set.h"
#include "searcher/query_parser.h"
#include "searcher/shards.h"
#include "searcher/ranking.h"
#include "searcher/snippets.h"
#include "searcher/spelling.h"
#include "stemmers/analyzer.h"
#include "stemmers/entity_names.h"

namespace pressa {
namespace {

constexpr int kMaxOffset = 100000;
// Terms of an article that make a --like query.
constexpr Xapian::termcount kLikeTerms = 30;
// Totals up to this many matches are counted exactly.
constexpr Xapian::doccount kExactTotalUpTo = 1000;

Status Validate(const SearchRequest& r) {
  if (r.query.size() > kMaxQueryBytes) {
    return Status::InvalidArgument("the query is longer than " + std::to_string(kMaxQueryBytes) +
                                   " bytes");
  }
  if (!utf8::IsValid(r.query)) return Status::InvalidArgument("the query is not valid UTF-8");
  if (r.limit < 1 || r.limit > kMaxLimit) {
    return Status::InvalidArgument("limit must be between 1 and " + std::to_string(kMaxLimit));
  }
  if (r.offset < 0 || r.offset > kMaxOffset) {
    return Status::InvalidArgument("offset must be between 0 and " + std::to_string(kMaxOffset));
  }
  for (const std::string* d : {&r.from, &r.to}) {
    if (!d->empty() && schema::DateToSlot(*d).empty()) {
      return Status::InvalidArgument("'" + *d + "' is not a date of the form YYYY-MM-DD");
    }
  }
  if (!r.from.empty() && !r.to.empty() && r.from > r.to) {
    return Status::InvalidArgument("the date range ends (" + r.to + ") before it starts (" +
                                   r.from + ")");
  }
  for (const auto* list : {&r.orgs, &r.persons, &r.places, &r.sources}) {
    for (const std::string& v : *list) {
      if (!utf8::IsValid(v) || v.size() > kMaxQueryBytes) {
        return Status::InvalidArgument("a filter value is not valid UTF-8 or is too long");
      }
    }
  }
  return Status::OK();
}

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

// Identity of DIR/XAPIANDB (inode and mtime; rename(2) makes a new inode);
// empty when `path` is not a directory with a stub (a plain glass index).
static std::string StubId(const std::string& path) {
  struct stat st;
  if (::stat((path + "/XAPIANDB").c_str(), &st) != 0) return "";
  return std::to_string(st.st_ino) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec);
}

static bool IsGenerationDir(const std::string& path) { return !StubId(path).empty(); }

struct Searcher::Impl {
  std::string path;
  std::string stub_id;  // StubId(path) when db was opened
  bool searched = false;  // Search has run once: later ones reopen first
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
  // The terms with Xapian positions of a single-database index (null for
  // several shards), read for the generation stub_id names.
  std::shared_ptr<const positions::NativeTerms> native_terms;
  std::string native_terms_stub;
  std::shared_ptr<const positions::NativeTerms> NativeTerms();
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
  // The query that ranks a parsed query's matches; *strict tells whether it
  // requires every word or only most of them.
  Xapian::Query RankQuery(const ParsedQuery& parsed, const Xapian::Query& filter, bool* strict);
  bool HasMatch(const Xapian::Query& query);
  Result<Xapian::Query> LikeQuery(const std::string& id);
  // Stored documents are compressed with their index's own dictionary
  // (core/text_dict.h): registered from every shard when a document needs
  // one this process has not met (a new generation brings a new one).
  bool dictionaries_loaded = false;
  void LoadTextDictionaries();
  Result<schema::StoredDoc> Decode(const Xapian::Document& doc);
};

void Searcher::Impl::LoadTextDictionaries() {
  dictionaries_loaded = true;
  for (std::string& bytes : facet_cache->ShardMetadata(db, textdict::kMetaKey)) {
    if (!bytes.empty()) textdict::Register(std::move(bytes));
  }
}

Result<schema::StoredDoc> Searcher::Impl::Decode(const Xapian::Document& doc) {
  std::string data = doc.get_data();
  if (!textdict::Known(schema::StoredDocDictionary(data))) LoadTextDictionaries();
  return schema::DecodeStoredDoc(data);
}

const AliasTable& Searcher::Impl::Aliases() {
  if (aliases == nullptr) {
    aliases = std::make_unique<AliasTable>();
    if (!alias_text.empty()) {
      auto table = AliasTable::Parse(alias_text);
      if (table.ok()) {
        *aliases = std::move(*table);
      } else {
        alias_status = Status::Corruption(path + ": " + table.status().message());
      }
    }
  }
  return *aliases;
}

const AliasExpander& Searcher::Impl::Expander(const std::vector<QueryItem>& items) {
  if (expander != nullptr) return *expander;
  const std::string lines = AliasLinesForQuery(alias_text, items);
  if (lines.empty()) {
    // No name can match: the table-less expander expands the same way.
    if (plain_expander == nullptr) {
      plain_expander = std::make_unique<AliasExpander>();
      plain_expander->Build(AliasTable(), analyzer.get());
    }
    return *plain_expander;
  }
  if (++alias_queries == 1) {
    auto table = AliasTable::Parse(lines);
    if (table.ok()) {
      query_expander = std::make_unique<AliasExpander>();
      query_expander->Build(*table, analyzer.get());
      return *query_expander;
    }
  }
  query_expander.reset();
  {
    expander = std::make_unique<AliasExpander>();
    expander->Build(Aliases(), analyzer.get());
  }
  return *expander;
}

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

bool Searcher::Impl::HasMatch(const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return !enquire.get_mset(0, 1).empty();
}

Xapian::Query Searcher::Impl::RankQuery(const ParsedQuery& parsed, const Xapian::Query& filter,
                                        bool* strict) {
  auto wrap = [&filter](Xapian::Query q) {
    return filter.empty() ? q : Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
  };
  *strict = true;
  if (!parsed.conjunctive) return wrap(parsed.query);
  RankingQueries rq = BuildRanking(Expander(parsed.items).Expand(parsed.items, db), ranking, db);
  auto finish = [&](Xapian::Query q) {
    if (!parsed.field_filters.empty()) {
      q = Xapian::Query(Xapian::Query::OP_FILTER, q,
                        Xapian::Query(Xapian::Query::OP_AND, parsed.field_filters.begin(),
                                      parsed.field_filters.end()));
    }
    if (!parsed.exclusions.empty()) {
      q = Xapian::Query(Xapian::Query::OP_AND_NOT, q,
                        Xapian::Query(Xapian::Query::OP_OR, parsed.exclusions.begin(),
                                      parsed.exclusions.end()));
    }
    return wrap(q);
  };
  Xapian::Query strict_query = finish(rq.strict);
  // A reader half-remembers: when no article holds every word, rank those
  // holding most of them (and those where the words stand close) first.
  if (!parsed.relaxable || HasMatch(strict_query)) return finish(rq.strict_ranked);
  *strict = false;
  return finish(rq.relaxed);
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
  Xapian::ESet eset = enquire.get_eset(kLikeTerms, rset, &decider);
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
  bool ranked = true;
  if (like) {
    auto q = LikeQuery(request.like_id);
    if (!q.ok()) return q.status();
    query = filter.empty() || q->empty() ? *q : Xapian::Query(Xapian::Query::OP_FILTER, *q, filter);
    if (query.empty()) return results;
  } else if (parsed->query.empty()) {
    // No terms: list everything the filters (or field:value parts) allow.
    bool lexically_empty = request.query.find_first_not_of(" \t\r\n") == std::string::npos;
    if (!lexically_empty || filters.empty()) return results;
    query = Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query::MatchAll, filter);
    ranked = false;
  } else {
    ranked = parsed->has_free_text;
    bool strict = true;
    query = RankQuery(*parsed, filter, &strict);
    results.suggestion = speller->Suggest(request.query);
    if (!strict || !HasMatch(query)) {
      // Nothing holds every word: if the corrected query finds articles that
      // do, show those and say so.
      if (!results.suggestion.empty()) {
        auto fixed = parser.Parse(results.suggestion);
        if (fixed.ok() && !fixed->query.empty()) {
          bool fixed_strict = true;
          Xapian::Query fixed_query = RankQuery(*fixed, filter, &fixed_strict);
          if (fixed_strict && HasMatch(fixed_query)) {
            query = fixed_query;
            *parsed = std::move(*fixed);
            results.searched_suggestion = true;
          }
        }
      }
    }
  }

  if (!alias_status.ok()) return alias_status;

  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BM25Weight(bm25_k1, 0, 1, bm25_b, 0.5));
  if (request.sort == SearchRequest::Sort::kDate || !ranked) {
    enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
  }
  FacetCounter facet_counter(db, remote_shards, facet_cache.get());
  // Reprints fold into the first of them: look further than the page so the
  // page still fills, and always from the top so every page agrees.
  Xapian::doccount page_end = static_cast<Xapian::doccount>(request.offset + request.limit);
  Xapian::doccount fetch = request.collapse ? page_end * 3 + 20 : page_end;
  Xapian::doccount check_at_least = std::max<Xapian::doccount>(fetch, kExactTotalUpTo);
  // The total and facets need every match, and ranking only the page: when
  // the posting lists give the matches directly, the weighted pass stops
  // where Xapian can tell that no further document reaches the page.
  // A date range is read from the facet column's dates when it is in memory;
  // the weighted pass then runs on the matches alone (a FILTER adds no
  // weight) rather than reading each candidate's date.
  std::vector<Xapian::docid> matches;
  bool dates_read = false;
  PartResolver dates = [&](const Xapian::Query& part, const std::vector<Xapian::docid>& within,
                           std::vector<Xapian::docid>* out) {
    if (date_range.empty() || part.get_type() != Xapian::Query::OP_VALUE_RANGE ||
        part.get_description() != date_range ||
        !facet_cache->DatesBetween(db, date_lo, date_hi, within, out)) {
      return false;
    }
    dates_read = true;
    return true;
  };
  bool counted = request.facets && !remote_shards && db.size() == 1 &&
                 MatchingDocids(db, query, &matches, date_range.empty() ? PartResolver() : dates);
  const Xapian::doccount match_count = static_cast<Xapian::doccount>(matches.size());
  DocidPostingSource match_source(&matches);
  if (counted && dates_read) {
    enquire.set_query(
        Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(&match_source)));
  }
  if (counted) {
    check_at_least = fetch;
  } else if (request.facets) {
    facet_counter.Attach(&enquire);
    check_at_least = db.get_doccount();
  }
  // The limit only turns check_at_least off, so it matters only beyond the
  // page; and it costs a timer thread (SIGEV_THREAD) in each process.
  if (check_at_least > fetch) enquire.set_time_limit(kMatchTimeLimitSeconds);
  Xapian::MSet mset = enquire.get_mset(0, fetch, check_at_least);
  if (counted) facet_counter.SetMatches(std::move(matches));
  results.total = counted ? match_count : mset.get_matches_estimated();
  results.total_exact =
      counted || mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  if (request.facets) results.facets = facet_counter.Top(request.facet_limit);

  std::vector<Xapian::Document> docs;
  std::vector<std::string> signatures;
  std::vector<double> weights;
  std::vector<Xapian::docid> docids;
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
    docs.push_back(it.get_document());
    docids.push_back(*it);
    weights.push_back(it.get_weight());
  }
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

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::~Searcher() = default;

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::string& db_path) {
  auto impl = std::make_unique<Impl>();
  impl->path = db_path;
  impl->remote_shards = HasRemoteShards(db_path);
  impl->facet_cache = std::make_unique<FacetCache>(db_path);
  // A writer may commit (DatabaseModifiedError) or swap generations and
  // retire the one the stub named (DatabaseOpeningError) while we open.
  for (int attempt = 0;; ++attempt) try {
    impl->db = Xapian::Database(db_path);
    std::string version = impl->db.get_metadata(schema::kMetaSchema);
    if (version.empty() && impl->db.get_doccount() > 0) {
      return Status::Corruption(db_path + " is not a Pressa index");
    }
    // A damaged stamp is refused like a newer one, never thrown out of stoi.
    bool numeric =
        version.size() <= 6 && version.find_first_not_of("0123456789") == std::string::npos;
    if (!version.empty() && (!numeric || std::stoi(version) > schema::kSchemaVersion)) {
      return Status::Corruption(db_path + " was written by a newer Pressa (schema " + version +
                                ")");
    }
    // Facets read slots an older index lacks: refuse rather than count wrong.
    if (!version.empty() && std::stoi(version) < schema::kSchemaVersion &&
        impl->db.get_doccount() > 0) {
      return Status::Corruption(db_path + " is in an older Pressa format (schema " + version +
                                "); rebuild it with pressa-index --rebuild");
    }
    impl->alias_text = impl->db.get_metadata(schema::kMetaAliases);
    // Through a remote shard, phrases are Xapian's own operators: every shard
    // needs Xapian positions for every word, or rare words' phrases would
    // silently match nothing there.
    if (impl->remote_shards) {
      for (const std::string& v :
           impl->facet_cache->ShardMetadata(impl->db, schema::kMetaNativePositions)) {
        if (!positions::NativeTerms::Decode(v).all()) {
          return Status::InvalidArgument(
              db_path + " lists a remote shard, so every shard must be built with "
                        "pressa-index --positions (one is not)");
        }
      }
    }
    break;
  } catch (const Xapian::DatabaseModifiedError& e) {
    if (attempt >= 4) return StatusFromXapian(e, "cannot open index " + db_path);
  } catch (const Xapian::DatabaseOpeningError& e) {
    if (attempt >= 1 || !IsGenerationDir(db_path)) {
      return StatusFromXapian(e, "cannot open index " + db_path);
    }
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "cannot open index " + db_path);
  }
  impl->stub_id = StubId(db_path);
  auto analyzer = Analyzer::Create();
  if (!analyzer.ok()) return analyzer.status();
  impl->analyzer = std::move(*analyzer);
  impl->speller = std::make_unique<Speller>(&impl->db, impl->analyzer.get());
  return std::unique_ptr<Searcher>(new Searcher(std::move(impl)));
}

Result<SearchResults> Searcher::Search(const SearchRequest& request) {
  Status valid = Validate(request);
  if (!valid.ok()) return valid;
  // pressa-index --rebuild/--compact swap in a new generation by replacing
  // DIR/XAPIANDB (see indexer/index_dir.h); follow it (one stat a search).
  std::string stub_id = StubId(impl_->path);
  if (stub_id != impl_->stub_id) {
    try {
      impl_->db = Xapian::Database(impl_->path);
      impl_->stub_id = stub_id;
    } catch (const Xapian::Error&) {
      // Keep the generation we have; the next search tries again.
    }
  } else if (impl_->searched) {
    // A nightly run commits in place: a long-lived searcher (the server, an
    // embedding program) answers from the newest revision, not from the one
    // it opened. One small read of the version file; the first search of a
    // freshly opened searcher (every CGI request) skips it.
    try {
      impl_->db.reopen();
    } catch (const Xapian::Error&) {
      // The generation was retired under us: open the live one by path, or
      // keep what we have and let the search report the failure.
      try {
        impl_->db = Xapian::Database(impl_->path);
        impl_->stub_id = StubId(impl_->path);
      } catch (const Xapian::Error&) {
      }
    }
  }
  impl_->searched = true;
  for (int attempt = 0;; ++attempt) {
    try {
      // Fresh for each attempt.
      PositionalScope positions(impl_->remote_shards, [this] { return impl_->NativeTerms(); });
      return impl_->Run(request);
    } catch (const Xapian::DatabaseModifiedError& e) {
      // A writer committed under us: reopen at the newest revision and retry.
      if (attempt >= 2) return StatusFromXapian(e, "index changed during the search");
      try {
        impl_->db.reopen();
      } catch (const Xapian::Error&) {
        // Our generation was retired by a swap: open the live one by path.
        try {
          impl_->db = Xapian::Database(impl_->path);
          impl_->stub_id = StubId(impl_->path);
        } catch (const Xapian::Error& e2) {
          return StatusFromXapian(e2, "cannot reopen index " + impl_->path);
        }
      }
    } catch (const Xapian::Error& e) {
      return StatusFromXapian(e, "search failed");
    }
  }
}

std::shared_ptr<const positions::NativeTerms> Searcher::Impl::NativeTerms() {
  if (native_terms_stub != stub_id || native_terms == nullptr) {
    native_terms_stub = stub_id;
    native_terms = db.size() == 1 ? std::make_shared<positions::NativeTerms>(
                                        positions::NativeTerms::Decode(
                                            db.get_metadata(schema::kMetaNativePositions)))
                                  : nullptr;
  }
  return native_terms;
}

long Searcher::DocCount() const {
  try {
    return static_cast<long>(impl_->db.get_doccount());
  } catch (const Xapian::Error&) {
    return 0;
  }
}

}  // namespace pressa
