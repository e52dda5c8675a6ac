// The JSON-lines reader's fast path: articles of the usual shape without a DOM.
#ifndef PRESSA_INDEXER_JSON_LINE_FAST_H_
#define PRESSA_INDEXER_JSON_LINE_FAST_H_

#include <string_view>

#include "core/article.h"

namespace pressa {

// Parses a JSON line of the usual shape (one flat object of strings, nulls,
// booleans and plain numbers, no repeated field; `line` valid UTF-8) into
// *article: id, text, title, source, url and a date field. False for any
// other line, and for any that would need an error or a warning: the full
// parser (ParseJsonArticle) then reads it, so messages read as they always did.
bool ParseUsualJsonLine(std::string_view line, Article* article);

}  // namespace pressa

#endif  // PRESSA_INDEXER_JSON_LINE_FAST_H_
