// Searcher: request validation, query and filter building, match, hits.
#include "searcher/searcher.h"

#include <algorithm>

#include <xapian.h>

#include "core/schema.h"
#include "core/xapian_status.h"
#include "searcher/facets.h"
#include "searcher/query_parser.h"
#include "searcher/snippets.h"
#include "stemmers/analyzer.h"
#include "stemmers/entity_names.h"

namespace pressa {
namespace {

constexpr int kMaxOffset = 100000;

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (int k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

Status Validate(const SearchRequest& r) {
  if (r.query.size() > kMaxQueryBytes) {
    return Status::InvalidArgument("the query is longer than " + std::to_string(kMaxQueryBytes) +
                                   " bytes");
  }
  if (!IsValidUtf8(r.query)) return Status::InvalidArgument("the query is not valid UTF-8");
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
      if (!IsValidUtf8(v) || v.size() > kMaxQueryBytes) {
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

struct Searcher::Impl {
  std::string path;
  Xapian::Database db;
  std::unique_ptr<Analyzer> analyzer;
  AliasTable aliases;  // the table the index was built with

  Xapian::Query FieldFilter(const std::string& field, const std::string& value) const;
  Xapian::Query KindFilter(const std::string& field, const std::vector<std::string>& values) const;
  Result<SearchResults> Run(const SearchRequest& request);
};

Xapian::Query Searcher::Impl::FieldFilter(const std::string& field,
                                          const std::string& value) const {
  std::vector<std::string> terms;
  if (field == "source") {
    terms.push_back(schema::kPrefixSource + EntityKey(value));
  } else {
    Entity::Type type = field == "org"      ? Entity::Type::kOrg
                        : field == "person" ? Entity::Type::kPerson
                                            : Entity::Type::kPlace;
    for (const std::string& key : aliases.EquivalentKeys(type, value)) {
      terms.push_back(EntityTerm(type, key));
    }
  }
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query Searcher::Impl::KindFilter(const std::string& field,
                                         const std::vector<std::string>& values) const {
  std::vector<Xapian::Query> parts;
  for (const std::string& v : values) parts.push_back(FieldFilter(field, v));
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

Result<SearchResults> Searcher::Impl::Run(const SearchRequest& request) {
  SearchResults results;
  results.query = request.query;
  results.offset = request.offset;
  results.limit = request.limit;

  QueryParser parser(analyzer.get(), &db, [this](const std::string& f, const std::string& v) {
    return FieldFilter(f, v);
  });
  auto parsed = parser.Parse(request.query);
  if (!parsed.ok()) return parsed.status();

  std::vector<Xapian::Query> filters;
  if (!request.from.empty() || !request.to.empty()) {
    std::string lo = request.from.empty() ? "00000000" : schema::DateToSlot(request.from);
    std::string hi = request.to.empty() ? "99999999" : schema::DateToSlot(request.to);
    filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDate, lo, hi);
  }
  const std::pair<const char*, const std::vector<std::string>*> kinds[] = {
      {"org", &request.orgs}, {"person", &request.persons},
      {"place", &request.places}, {"source", &request.sources}};
  for (const auto& [field, values] : kinds) {
    if (!values->empty()) filters.push_back(KindFilter(field, *values));
  }

  Xapian::Query query = parsed->query;
  bool lexically_empty = request.query.find_first_not_of(" \t\r\n") == std::string::npos;
  if (query.empty()) {
    // No terms: list everything the filters (or field:value parts) allow.
    if (!lexically_empty || filters.empty()) return results;
    query = Xapian::Query::MatchAll;
  }
  if (!filters.empty()) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
  }

  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BM25Weight());
  if (request.sort == SearchRequest::Sort::kDate || !parsed->has_free_text) {
    enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
  }
  FacetSpy spy;
  Xapian::doccount check_at_least = 0;
  if (request.facets) {
    enquire.add_matchspy(&spy);
    check_at_least = db.get_doccount();
  }
  Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, check_at_least);
  results.total = mset.get_matches_estimated();
  results.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  if (request.facets) results.facets = spy.Top(request.facet_limit);

  int rank = request.offset;
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
    auto stored = schema::DecodeStoredDoc(it.get_document().get_data());
    if (!stored.ok()) return stored.status();
    SearchHit hit;
    hit.rank = ++rank;
    hit.id = stored->id;
    hit.score = parsed->has_free_text ? it.get_weight() : 0.0;
    hit.date = stored->date;
    hit.title = stored->title;
    hit.source = stored->source;
    hit.url = stored->url;
    hit.snippet = MakeSnippet(stored->text, parsed->highlight, analyzer.get(),
                              request.snippet_chars);
    hit.orgs = NamesOf(stored->entities, Entity::Type::kOrg);
    hit.persons = NamesOf(stored->entities, Entity::Type::kPerson);
    hit.places = NamesOf(stored->entities, Entity::Type::kPlace);
    results.hits.push_back(std::move(hit));
  }
  return results;
}

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::~Searcher() = default;

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::string& db_path) {
  auto impl = std::make_unique<Impl>();
  impl->path = db_path;
  try {
    impl->db = Xapian::Database(db_path);
    std::string version = impl->db.get_metadata(schema::kMetaSchema);
    if (version.empty() && impl->db.get_doccount() > 0) {
      return Status::Corruption(db_path + " is not a Pressa index");
    }
    if (!version.empty() && std::stoi(version) > schema::kSchemaVersion) {
      return Status::Corruption(db_path + " was written by a newer Pressa (schema " + version +
                                ")");
    }
    std::string aliases = impl->db.get_metadata(schema::kMetaAliases);
    if (!aliases.empty()) {
      auto table = AliasTable::Parse(aliases);
      if (!table.ok()) return Status::Corruption(db_path + ": " + table.status().message());
      impl->aliases = std::move(*table);
    }
  } catch (const Xapian::Error& e) {
    return StatusFromXapian(e, "cannot open index " + db_path);
  }
  auto analyzer = Analyzer::Create();
  if (!analyzer.ok()) return analyzer.status();
  impl->analyzer = std::move(*analyzer);
  return std::unique_ptr<Searcher>(new Searcher(std::move(impl)));
}

Result<SearchResults> Searcher::Search(const SearchRequest& request) {
  Status valid = Validate(request);
  if (!valid.ok()) return valid;
  for (int attempt = 0;; ++attempt) {
    try {
      return impl_->Run(request);
    } catch (const Xapian::DatabaseModifiedError& e) {
      // A writer committed under us: reopen at the newest revision and retry.
      if (attempt >= 2) return StatusFromXapian(e, "index changed during the search");
      try {
        impl_->db.reopen();
      } catch (const Xapian::Error& e2) {
        return StatusFromXapian(e2, "cannot reopen index " + impl_->path);
      }
    } catch (const Xapian::Error& e) {
      return StatusFromXapian(e, "search failed");
    }
  }
}

long Searcher::DocCount() const {
  try {
    return static_cast<long>(impl_->db.get_doccount());
  } catch (const Xapian::Error&) {
    return 0;
  }
}

}  // namespace pressa
