// Builds Xapian documents: one analyzer pass per field, schema-defined terms.
#include "indexer/document_builder.h"

#include <algorithm>
#include <set>

#include "core/schema.h"
#include "core/signature.h"
#include "stemmers/entity_names.h"

namespace pressa {

void DocumentBuilder::AddText(const std::string& text, unsigned first_position, unsigned wdf,
                              Xapian::Document* doc, unsigned* next_position) {
  tokens_.clear();
  *next_position = analyzer_->Analyze(text, &tokens_, first_position);
  for (const Token& token : tokens_) {
    if (token.term.empty() || token.term.size() > schema::kMaxTermBytes) continue;
    // Xapian positions start at 1; position 0 is "no position".
    doc->add_posting(token.term, token.position + 1, wdf);
  }
}

Xapian::Document DocumentBuilder::Build(const Article& article) {
  Xapian::Document doc;
  unsigned next = 0;
  if (!article.title.empty()) AddText(article.title, 0, schema::kTitleWdf, &doc, &next);
  if (next > 0) next += schema::kTitleBodyGap;
  AddText(article.text, next, 1, &doc, &next);
  // A MinHash sketch of the body: the searcher collapses reprints with it.
  std::vector<std::string> body_terms;
  for (const Token& token : tokens_) {
    if (token.kind != Token::Kind::kCompound && !token.term.empty()) body_terms.push_back(token.term);
  }
  std::string signature = NearDuplicateSignature(body_terms);
  if (!signature.empty()) doc.add_value(schema::kSlotSignature, signature);

  doc.add_boolean_term(schema::IdTerm(article.id));

  std::string date_slot = schema::DateToSlot(article.date);
  if (!date_slot.empty()) {
    doc.add_value(schema::kSlotDate, date_slot);
    doc.add_value(schema::kSlotYear, date_slot.substr(0, 4));
    for (const std::string& term : schema::DateTerms(article.date)) doc.add_boolean_term(term);
  }

  if (!article.source.empty()) {
    doc.add_value(schema::kSlotSource, article.source);
    std::string term = schema::kPrefixSource + EntityKey(article.source);
    if (term.size() <= schema::kMaxTermBytes) doc.add_boolean_term(term);
  }

  // Entities: filter terms for the normal and the surface form, and the
  // distinct display names per kind in a value slot for facet counting.
  std::vector<std::string> names[3];
  for (const Entity& entity : article.entities) {
    for (const std::string& term : EntityIndexTerms(entity)) doc.add_boolean_term(term);
    auto& list = names[static_cast<int>(entity.type)];
    if (std::find(list.begin(), list.end(), entity.name) == list.end()) {
      list.push_back(entity.name);
    }
  }
  const unsigned slots[3] = {schema::kSlotOrgs, schema::kSlotPersons, schema::kSlotPlaces};
  for (int i = 0; i < 3; ++i) {
    if (!names[i].empty()) doc.add_value(slots[i], schema::EncodeList(names[i]));
  }

  schema::StoredDoc stored;
  stored.id = article.id;
  stored.title = article.title;
  stored.text = article.text;
  stored.date = article.date;
  stored.date_source = DateSourceName(article.date_source);
  stored.source = article.source;
  stored.url = article.url;
  stored.entities = article.entities;
  doc.set_data(schema::EncodeStoredDoc(stored));
  return doc;
}

}  // namespace pressa
