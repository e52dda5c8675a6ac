// EntityExtractor: the public face of the rule extractor in indexer/entities/,
// plus the JSON line of `pressa-index --extract`.
#include "indexer/entity_extractor.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "indexer/entities/entity_rules.h"
#include "stemmers/entity_names.h"

namespace pressa {

struct EntityExtractor::Impl {
  AliasTable own_aliases;
  const AliasTable* aliases = nullptr;
  std::unique_ptr<entities::RuleExtractor> rules;
};

EntityExtractor::EntityExtractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EntityExtractor::~EntityExtractor() = default;

Result<std::unique_ptr<EntityExtractor>> EntityExtractor::Create(
    const ExtractorOptions& options) {
  auto impl = std::make_unique<Impl>();
  if (options.alias_file.empty()) {
    impl->aliases = &AliasTable::Default();
  } else {
    std::ifstream in(options.alias_file, std::ios::binary);
    if (!in) return Status::IOError("cannot read alias file " + options.alias_file);
    std::stringstream buffer;
    buffer << in.rdbuf();
    Result<AliasTable> parsed = AliasTable::Parse(buffer.str());
    if (!parsed.ok()) {
      return Status::InvalidArgument(options.alias_file + ": " + parsed.status().message());
    }
    impl->own_aliases = std::move(parsed).value();
    impl->aliases = &impl->own_aliases;
  }
  impl->rules = std::make_unique<entities::RuleExtractor>(impl->aliases);
  return std::unique_ptr<EntityExtractor>(new EntityExtractor(std::move(impl)));
}

void EntityExtractor::Extract(Article* article) {
  impl_->rules->Run(article->text, &article->entities);
}

const AliasTable& EntityExtractor::aliases() const { return *impl_->aliases; }

std::string ExtractionJsonLine(const Article& article) {
  using nlohmann::json;
  json line;
  line["id"] = article.id;
  line["date"] = article.date.empty() ? json(nullptr) : json(article.date);
  line["date_source"] = DateSourceName(article.date_source);
  line["title"] = article.title;
  json list = json::array();
  for (const Entity& e : article.entities) {
    list.push_back({{"type", EntityTypeName(e.type)},
                    {"name", e.name},
                    {"text", e.text},
                    {"start", e.start},
                    {"end", e.end}});
  }
  line["entities"] = std::move(list);
  // Invalid UTF-8 in a text must not abort the run: replace it.
  return line.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace pressa
