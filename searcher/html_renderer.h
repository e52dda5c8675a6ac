// The HTML pages of pressa.cgi. Every value that reaches the page is escaped
// here and nowhere else: callers pass plain text, never markup.
#ifndef PRESSA_SEARCHER_HTML_RENDERER_H_
#define PRESSA_SEARCHER_HTML_RENDERER_H_

#include <string>
#include <string_view>
#include <vector>

#include "searcher/cgi_request.h"
#include "searcher/searcher.h"

namespace pressa {

// The search page for `request`. `results` is null for the bare page (no
// search asked for); otherwise the results of request.search, computed with
// facets. Interface text is Russian; no script, no external resource.
std::string RenderSearchPage(const CgiRequest& request, const SearchResults* results);

// An error page with the search form: `heading` and each of `messages` are
// plain text (escaped here). `request`, when not null, refills the form.
std::string RenderErrorPage(std::string_view heading, const std::vector<std::string>& messages,
                            const CgiRequest* request);

// The CSP source that allows exactly the page's inline stylesheet:
// "'sha256-<base64>'" (computed once).
const std::string& StyleCspHash();

// True if `url` may become a link: an absolute http:// or https:// URL with a
// host and no whitespace or control characters. Anything else (javascript:,
// data:, relative paths) is shown without a link.
bool IsSafeLinkUrl(std::string_view url);

// "1 результат", "3 результата", "25 результатов": the Russian plural form of
// the noun for `n`, chosen among `one`, `few` and `many`.
std::string RussianPlural(long n, std::string_view one, std::string_view few,
                          std::string_view many);

// "2026-02-08" → "8 февраля 2026"; anything else is returned unchanged.
std::string RussianDate(std::string_view iso_date);

}  // namespace pressa

#endif  // PRESSA_SEARCHER_HTML_RENDERER_H_
