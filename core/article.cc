// Names of Article enums, as they appear in JSON output.
#include "core/article.h"

namespace pressa {

const char* DateSourceName(DateSource source) {
  switch (source) {
    case DateSource::kField: return "field";
    case DateSource::kDateline: return "dateline";
    case DateSource::kDatelineContextYear: return "dateline+context-year";
    case DateSource::kNone: break;
  }
  return "none";
}

const char* EntityTypeName(Entity::Type type) {
  switch (type) {
    case Entity::Type::kOrg: return "org";
    case Entity::Type::kPerson: return "person";
    case Entity::Type::kPlace: return "place";
  }
  return "org";
}

}  // namespace pressa
