// Entity name normalization shared by the indexer (facet terms) and the
// searcher (--org/--person/--place values): one function on both sides.
#ifndef PRESSA_STEMMERS_ENTITY_NAMES_H_
#define PRESSA_STEMMERS_ENTITY_NAMES_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/article.h"

namespace pressa {

// The key of an entity name: case-folded, ё→е, inflection stripped, so that
// "Центра поддержки экспорта" and "центр поддержки экспорта" share one key.
std::string EntityKey(std::string_view name);

// The boolean filter term of an entity key for a type (schema prefixes
// kPrefixOrg/kPrefixPerson/kPrefixPlace + key).
std::string EntityTerm(Entity::Type type, std::string_view key);

}  // namespace pressa

#endif  // PRESSA_STEMMERS_ENTITY_NAMES_H_
