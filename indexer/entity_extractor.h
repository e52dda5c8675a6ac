// Entity extraction: organizations, persons and places in an article.
#ifndef PRESSA_INDEXER_ENTITY_EXTRACTOR_H_
#define PRESSA_INDEXER_ENTITY_EXTRACTOR_H_

#include <memory>
#include <string>

#include "core/article.h"
#include "core/status.h"

namespace pressa {

struct ExtractorOptions {
  // Alias file (see corpus/aliases.tsv); empty: the built-in default list.
  std::string alias_file;
};

// Not thread-safe; use one extractor per thread.
class EntityExtractor {
 public:
  // Fails with IOError/InvalidArgument if the alias file cannot be read or parsed.
  static Result<std::unique_ptr<EntityExtractor>> Create(const ExtractorOptions& options);

  EntityExtractor(const EntityExtractor&) = delete;
  EntityExtractor& operator=(const EntityExtractor&) = delete;
  ~EntityExtractor();

  // Replaces article->entities with the mentions found in article->text
  // (offsets in code points into text), each with its normal form.
  void Extract(Article* article);

 private:
  struct Impl;
  explicit EntityExtractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace pressa

#endif  // PRESSA_INDEXER_ENTITY_EXTRACTOR_H_
