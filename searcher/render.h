// Renderers of SearchResults for people (text) and programs (JSON).
#ifndef PRESSA_SEARCHER_RENDER_H_
#define PRESSA_SEARCHER_RENDER_H_

#include <string>
#include <string_view>
#include <vector>

#include "searcher/searcher.h"

namespace pressa {

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string HtmlEscape(std::string_view text);

// The snippet as HTML: escaped text with matches wrapped in <mark>…</mark>.
std::string SnippetHtml(const std::vector<SnippetSpan>& snippet);

// The JSON document of `pressa-search --format json` (one line, no newline):
// {"query", "total", "offset", "limit", "results": [...], "facets": {...},
//  "suggestion", "total_exact", "searched_suggestion"}; each result ends with
// "more_like_this" (reprints folded into it) and "duplicates" (their ids).
std::string RenderJson(const SearchResults& results);

// Text for a terminal or a pipe; `color` uses ANSI bold for highlights.
std::string RenderText(const SearchResults& results, bool color);

}  // namespace pressa

#endif  // PRESSA_SEARCHER_RENDER_H_
