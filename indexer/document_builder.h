// Turns an Article into a Xapian document following core/schema.h.
#ifndef PRESSA_INDEXER_DOCUMENT_BUILDER_H_
#define PRESSA_INDEXER_DOCUMENT_BUILDER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "core/article.h"
#include "core/facet_ids.h"
#include "core/positions.h"
#include "core/schema.h"
#include "core/status.h"
#include "stemmers/analyzer.h"

namespace pressa {

// Not thread-safe (it shares the caller's Analyzer); one per thread.
class DocumentBuilder {
 public:
  // `analyzer` must outlive the builder.
  explicit DocumentBuilder(Analyzer* analyzer) : analyzer_(analyzer) {}

  // Free-text terms (title weighted above the body) and their positions, the
  // unique id term, date/year/source/entity filter terms and value slots,
  // and the stored fields for display.
  Xapian::Document Build(const Article& article);

  // The display names of the entities of the documents built so far, for the
  // index's name table: the writer flushes them into its database before it
  // commits the documents (facet_ids::NameTableWriter::Flush).
  facet_ids::NameTableWriter* names() { return &names_; }

  // Build appends those names here instead, in its order, while set (a
  // pipeline's worker hands them to the writing thread with the document);
  // null, the default: names().
  void set_name_log(std::vector<std::pair<uint64_t, std::string>>* log) { name_log_ = log; }

  // Compress stored documents with this registered text dictionary
  // (core/text_dict.h); 0, the default, for none.
  void set_text_dictionary(unsigned id) { text_dict_ = id; }

  // The terms whose positions go to Xapian's position table; the others'
  // go to schema::kSlotPositions. Null, the default: every term's to Xapian.
  void set_native_terms(std::shared_ptr<const positions::NativeTerms> native) {
    native_ = std::move(native);
  }

 private:
  void AddText(const std::string& text, unsigned first_position, unsigned wdf,
               Xapian::Document* doc, unsigned* next_position);

  Analyzer* analyzer_;
  TokenList tokens_{true};  // terms only; buffers reused from article to article
  std::vector<std::string_view> body_terms_;  // into tokens_, for the signature
  facet_ids::NameTableWriter names_;
  std::vector<std::pair<uint64_t, std::string>>* name_log_ = nullptr;
  unsigned text_dict_ = 0;
  positions::Encoder positions_;
  std::shared_ptr<const positions::NativeTerms> native_;
};

class EntityExtractor;

// One thread's analyzer, entity extractor and document builder: what turns
// an article into its document. Not thread-safe; one per thread.
class DocumentMaker {
 public:
  // Fails as Analyzer::Create and EntityExtractor::Create do (an alias file
  // that cannot be read or parsed).
  static Result<std::unique_ptr<DocumentMaker>> Create(const std::string& alias_file);
  DocumentMaker(const DocumentMaker&) = delete;
  DocumentMaker& operator=(const DocumentMaker&) = delete;
  ~DocumentMaker();

  EntityExtractor& extractor() { return *extractor_; }
  DocumentBuilder& builder() { return *builder_; }

  // Extracts the article's entities (into `article`) and builds its
  // document, stamped with `content_hash` for the incremental state.
  Xapian::Document Make(Article* article, uint64_t content_hash);

 private:
  DocumentMaker() = default;
  std::unique_ptr<Analyzer> analyzer_;
  std::unique_ptr<EntityExtractor> extractor_;
  std::unique_ptr<DocumentBuilder> builder_;
};

// The reverse of what Build added to its name table for the document that
// `old` was stored from: each display name it gave a facet, removed once.
// Called when that document is replaced or deleted.
void ForgetNames(const schema::StoredDoc& old, facet_ids::NameTableWriter* names);
// The same for document `did` of `db`, read back from its stored data (its
// text dictionary registered from `db` if this process has not met it). An
// unreadable document leaves its names counted, which only biases a display
// name.
void ForgetDocumentNames(const Xapian::Database& db, Xapian::docid did,
                         facet_ids::NameTableWriter* names);

}  // namespace pressa

#endif  // PRESSA_INDEXER_DOCUMENT_BUILDER_H_
