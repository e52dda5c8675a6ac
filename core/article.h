// Article: one document as the readers produce it and the indexer consumes it.
#ifndef PRESSA_CORE_ARTICLE_H_
#define PRESSA_CORE_ARTICLE_H_

#include <string>
#include <vector>

namespace pressa {

// Where an article's publication date came from.
enum class DateSource {
  kNone,        // no date found
  kField,       // the seed date line or the JSON "date" field
  kDateline,    // a dateline at the top of the text, year included
  kDatelineContextYear,  // a dateline without a year; year from the file's context
};

// "field", "dateline", "dateline+context-year", "none".
const char* DateSourceName(DateSource source);

// An entity mention found in an article's text.
struct Entity {
  enum class Type { kOrg, kPerson, kPlace };
  Type type = Type::kOrg;
  std::string name;  // normal (display) form, e.g. "Центр поддержки экспорта"
  std::string text;  // surface form as written
  int start = 0;     // Unicode code point offsets into Article::text, end exclusive
  int end = 0;
};

// "org", "person", "place".
const char* EntityTypeName(Entity::Type type);

struct Article {
  std::string id;      // unique document id (seed: relative path without .txt)
  std::string title;   // may be empty
  std::string text;    // body, UTF-8 (for a JSON line: its "text" field exactly)
  std::string date;    // "YYYY-MM-DD" or empty
  DateSource date_source = DateSource::kNone;
  std::string source;  // outlet, may be empty
  std::string url;     // may be empty
  std::vector<Entity> entities;  // filled by the entity extractor

  // Provenance, for messages and incremental indexing.
  std::string origin_path;  // the file it was read from
  long origin_line = 0;     // 1-based line for JSON lines, 0 for whole files
};

}  // namespace pressa

#endif  // PRESSA_CORE_ARTICLE_H_
