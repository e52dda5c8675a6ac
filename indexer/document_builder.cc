// Builds Xapian documents: one analyzer pass per field, schema-defined terms.
#include "indexer/document_builder.h"

#include <algorithm>
#include <set>
#include <utility>

#include "core/facet_ids.h"
#include "core/hash.h"
#include "core/schema.h"
#include "core/signature.h"
#include "core/text_dict.h"
#include "indexer/entity_extractor.h"
#include "indexer/fresh_build.h"
#include "stemmers/entity_names.h"

namespace pressa {

namespace {

// Each display name a document gives its facets, with the facet id: the
// source (its EntityKey is `source_key`) and each kind's distinct entity
// names, a name mentioned again only once (EntityKey stems every word).
// Build counts them into the name table and ForgetNames takes them out.
template <typename Fn>
void ForEachFacetName(const std::string& source, const std::string& source_key,
                      const std::vector<Entity>& entities, Fn&& fn) {
  if (!source_key.empty()) {
    fn(facet_ids::kSource, facet_ids::EntityId(facet_ids::kSource, source_key), source);
  }
  std::vector<std::pair<int, const std::string*>> named;  // (kind, name) seen
  for (const Entity& entity : entities) {
    int kind = static_cast<int>(entity.type);
    if (kind < 0 || kind >= facet_ids::kEntityKinds) continue;
    bool seen = false;
    for (const auto& [k, name] : named) seen = seen || (k == kind && *name == entity.name);
    if (seen) continue;
    named.emplace_back(kind, &entity.name);
    std::string key = EntityKey(entity.name);
    if (key.empty()) continue;
    fn(kind, facet_ids::EntityId(kind, key), entity.name);
  }
}

}  // namespace

void DocumentBuilder::AddText(const std::string& text, unsigned first_position, unsigned wdf,
                              Xapian::Document* doc, unsigned* next_position) {
  tokens_.clear();
  *next_position = analyzer_->Analyze(text, &tokens_, first_position);
  for (const Token& token : tokens_) {
    if (token.term.empty() || token.term.size() > schema::kMaxTermBytes) continue;
    // Xapian positions start at 1; position 0 is "no position".
    // One hash serves the native-term lookup and the stored term hash.
    const uint64_t hash = native_ == nullptr ? 0 : ContentHash64(token.term);
    if (native_ == nullptr || native_->Contains(token.term, hash)) {
      doc->add_posting(token.term, token.position + 1, wdf);
    } else {
      doc->add_term(token.term, wdf);
      positions_.AddHash(token.position + 1, positions::TermHashOf(hash));
    }
  }
}

Xapian::Document DocumentBuilder::Build(const Article& article) {
  Xapian::Document doc;
  positions_.Clear();
  unsigned next = 0;
  if (!article.title.empty()) AddText(article.title, 0, schema::kTitleWdf, &doc, &next);
  if (next > 0) next += schema::kTitleBodyGap;
  AddText(article.text, next, 1, &doc, &next);
  std::string positions = positions_.Encode();
  if (!positions.empty()) doc.add_value(schema::kSlotPositions, positions);
  // A MinHash sketch of the body: the searcher collapses reprints with it.
  body_terms_.clear();
  for (const Token& token : tokens_) {
    if (token.kind != Token::Kind::kCompound && !token.term.empty()) {
      body_terms_.push_back(token.term);
    }
  }
  std::string signature = NearDuplicateSignature(body_terms_);
  if (!signature.empty()) doc.add_value(schema::kSlotSignature, signature);

  doc.add_boolean_term(schema::IdTerm(article.id));

  std::string date_slot = schema::DateToSlot(article.date);
  if (!date_slot.empty()) {
    doc.add_value(schema::kSlotDate, date_slot);
    for (const std::string& term : schema::DateTerms(article.date)) doc.add_boolean_term(term);
  }

  const std::string source_key = article.source.empty() ? "" : EntityKey(article.source);
  if (!source_key.empty()) {
    std::string term = schema::kPrefixSource + source_key;
    if (term.size() <= schema::kMaxTermBytes) doc.add_boolean_term(term);
  }

  // Entities: filter terms for the normal and the surface form.
  for (size_t e = 0; e < article.entities.size(); ++e) {
    const Entity& entity = article.entities[e];
    // A mention written as an earlier one was has the same filter terms.
    bool repeated = false;
    for (size_t k = 0; k < e && !repeated; ++k) {
      const Entity& other = article.entities[k];
      repeated = other.type == entity.type && other.text == entity.text && other.name == entity.name;
    }
    if (!repeated) {
      for (const std::string& term : EntityIndexTerms(entity)) doc.add_boolean_term(term);
    }
  }
  // For facet counting, the year, the source and the distinct entities per
  // kind as compact ids (kSlotEntityIds), and their display names for the
  // session's name table (core/facet_ids.h).
  std::vector<uint64_t> ids[facet_ids::kKinds];
  if (!date_slot.empty()) ids[facet_ids::kYear].push_back(std::stoul(date_slot.substr(0, 4)));
  ForEachFacetName(article.source, source_key, article.entities,
                   [&](int kind, uint64_t id, const std::string& name) {
                     auto& list = ids[kind];
                     if (std::find(list.begin(), list.end(), id) == list.end()) list.push_back(id);
                     if (name_log_ != nullptr) {
                       name_log_->emplace_back(id, name);
                     } else {
                       names_.Add(id, name);
                     }
                   });
  std::string encoded = facet_ids::EncodeIds(ids);
  if (!encoded.empty()) doc.add_value(schema::kSlotEntityIds, encoded);

  schema::StoredDoc stored;
  stored.id = article.id;
  stored.title = article.title;
  stored.text = article.text;
  stored.date = article.date;
  stored.date_source = DateSourceName(article.date_source);
  stored.source = article.source;
  stored.url = article.url;
  stored.entities = article.entities;
  doc.add_value(schema::kSlotStoredDoc, schema::EncodeStoredDoc(stored, text_dict_));
  return doc;
}

Result<std::unique_ptr<DocumentMaker>> DocumentMaker::Create(const std::string& alias_file) {
  std::unique_ptr<DocumentMaker> maker(new DocumentMaker);
  auto analyzer = Analyzer::Create();
  if (!analyzer.ok()) return analyzer.status();
  maker->analyzer_ = std::move(*analyzer);
  ExtractorOptions extractor_options;
  extractor_options.alias_file = alias_file;
  auto extractor = EntityExtractor::Create(extractor_options);
  if (!extractor.ok()) return extractor.status();
  maker->extractor_ = std::move(*extractor);
  maker->builder_ = std::make_unique<DocumentBuilder>(maker->analyzer_.get());
  return maker;
}

DocumentMaker::~DocumentMaker() = default;

Xapian::Document DocumentMaker::Make(Article* article, uint64_t content_hash) {
  extractor_->Extract(article);
  Xapian::Document doc = builder_->Build(*article);
  StampDocument(*article, content_hash, &doc);
  return doc;
}

void ForgetNames(const schema::StoredDoc& old, facet_ids::NameTableWriter* names) {
  ForEachFacetName(old.source, old.source.empty() ? "" : EntityKey(old.source), old.entities,
                   [names](int, uint64_t id, const std::string& name) { names->Remove(id, name); });
}

void ForgetDocumentNames(const Xapian::Database& db, Xapian::docid did,
                         facet_ids::NameTableWriter* names) {
  try {
    std::string data = schema::StoredDocBytes(db.get_document(did));
    if (!textdict::Known(schema::StoredDocDictionary(data))) textdict::RegisterFrom(db);
    Result<schema::StoredDoc> stored = schema::DecodeStoredDoc(data);
    if (stored.ok()) ForgetNames(stored.value(), names);
  } catch (const Xapian::Error&) {
    // Unreadable: its names stay counted.
  }
}

}  // namespace pressa
