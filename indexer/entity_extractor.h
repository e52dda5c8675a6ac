// Entity extraction: organizations, persons and places in an article.
#ifndef PRESSA_INDEXER_ENTITY_EXTRACTOR_H_
#define PRESSA_INDEXER_ENTITY_EXTRACTOR_H_

#include <memory>
#include <string>

#include "core/article.h"
#include "core/status.h"

namespace pressa {

class AliasTable;

struct ExtractorOptions {
  // Alias file (see corpus/aliases.tsv); empty: the built-in default list.
  std::string alias_file;
};

// Rules over a fast tokenizer with gazetteers compiled into the binary (see
// indexer/entities/): quoted names after legal forms, institutions built on
// head nouns (Центр поддержки экспорта Смоленской области), acronyms, persons
// from first names, initials, titles and speech verbs, places from gazetteers
// and region patterns. Each mention gets its nominative display name; a
// surname alone takes the full name given elsewhere in the article, an
// abbreviation defined in parentheses takes its full name, and the alias
// table maps names to their canonical form.
// Not thread-safe; use one extractor per thread.
class EntityExtractor {
 public:
  // Fails with IOError/InvalidArgument if the alias file cannot be read or parsed.
  static Result<std::unique_ptr<EntityExtractor>> Create(const ExtractorOptions& options);

  EntityExtractor(const EntityExtractor&) = delete;
  EntityExtractor& operator=(const EntityExtractor&) = delete;
  ~EntityExtractor();

  // Replaces article->entities with the mentions found in article->text
  // (offsets in code points into text), each with its normal form. Mentions
  // may nest (a place inside an organization's name); sorted by start.
  void Extract(Article* article);

  // The alias table in use (the index stores its Serialize()).
  const AliasTable& aliases() const;

 private:
  struct Impl;
  explicit EntityExtractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// One `pressa-index --extract` line (no trailing newline): {"id", "date"
// (null when undated), "date_source", "title", "entities": [{"type", "name",
// "text", "start", "end"}]}.
std::string ExtractionJsonLine(const Article& article);

}  // namespace pressa

#endif  // PRESSA_INDEXER_ENTITY_EXTRACTOR_H_
