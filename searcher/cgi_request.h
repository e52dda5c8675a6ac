// Parsing of a CGI request (QUERY_STRING or command-line NAME=VALUE pairs)
// into a SearchRequest plus page options, and the reverse: page URLs.
#ifndef PRESSA_SEARCHER_CGI_REQUEST_H_
#define PRESSA_SEARCHER_CGI_REQUEST_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "searcher/searcher.h"

namespace pressa {

// Limits on what a request may carry (documented in deploy/README.md).
inline constexpr size_t kMaxQueryStringBytes = 32 * 1024;  // raw QUERY_STRING
inline constexpr int kMaxCgiParams = 100;                  // NAME=VALUE pairs
inline constexpr size_t kMaxFilterValueBytes = 512;        // one org/person/...
inline constexpr int kMaxPage = 1000;                      // last page reachable
inline constexpr int kDefaultPageSize = 10;

using CgiParams = std::vector<std::pair<std::string, std::string>>;

// One parsed request of the CGI page.
struct CgiRequest {
  enum class Format { kHtml, kJson };

  SearchRequest search;  // offset/limit already derived from page and limit
  int page = 1;          // 1-based
  Format format = Format::kHtml;
  // True when the request asks for a search: a query, `like` or any filter. An empty
  // request shows the bare search page.
  bool HasSearch() const;
};

// Splits "a=1&b=2" into pairs, percent-decoding names and values and turning
// '+' into a space. Empty segments ("&&") are skipped; a segment without '='
// is a name with an empty value; a malformed escape ("%zz", a trailing "%")
// is kept literally. InvalidArgument (message in Russian) when the string is
// longer than kMaxQueryStringBytes or has more than kMaxCgiParams pairs.
Result<CgiParams> ParseQueryString(std::string_view query_string);

// Splits command-line arguments "NAME=VALUE" (not percent-decoded, as Omega's
// test mode). Same limits as ParseQueryString.
Result<CgiParams> ParseArgs(const std::vector<std::string>& args);

// Validates the parameters and builds the request. Recognized names: q, from,
// to, org, person, place, source (the last four repeatable), sort
// (relevance|date), page (1..kMaxPage), limit (1..kMaxLimit), format
// (html|json), like (an article id: related articles). Unknown names are
// ignored; empty values mean "not given".
// InvalidArgument lists every problem found, one per line, in Russian.
Result<CgiRequest> BuildCgiRequest(const CgiParams& params);

// True if `params` asks for format=json (used to answer errors in JSON).
bool WantsJson(const CgiParams& params);

// True for a real calendar date written "YYYY-MM-DD".
bool IsValidIsoDate(std::string_view date);

// Percent-encodes `text` for a query-string value (space becomes '+').
std::string UrlEncode(std::string_view text);

// The relative URL ("?q=...&org=...") of `request` showing page `page`; the
// defaults (page 1, html, relevance, default limit) are left out.
std::string RequestUrl(const CgiRequest& request, int page);

}  // namespace pressa

#endif  // PRESSA_SEARCHER_CGI_REQUEST_H_
