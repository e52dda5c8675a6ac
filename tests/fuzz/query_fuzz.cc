// Fuzz target: the query language, parsed and run against an index of corpus/.
//
// Input: one flag byte (sort, facets, date filter, entity filter), then the
// query text. Everything goes through Searcher::Search, as the CLI and the CGI
// do, so the parser, filters, facets and snippets all see the fuzzed query.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "searcher/query_parser.h"
#include "searcher/searcher.h"
#include "tests/fuzz/fuzz_index.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static pressa::Searcher* searcher =
      pressa::Searcher::Open(pressa::fuzz::CorpusIndexPath()).value().release();
  if (size == 0) return 0;
  uint8_t flags = data[0];
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  pressa::SearchRequest request;
  request.query = std::string(text);
  if (flags & 1) request.sort = pressa::SearchRequest::Sort::kDate;
  if (flags & 2) request.facets = true;
  if (flags & 4) request.from = "2026-02-01";
  if (flags & 8) request.to = "2026-02-28";
  if (flags & 16) request.orgs.emplace_back(text.substr(0, 40));
  if (flags & 32) request.places.emplace_back("Смоленская область");
  request.limit = 1 + (flags >> 6) * 30;
  pressa::Result<pressa::SearchResults> results = searcher->Search(request);
  if (results.ok()) {
    if (static_cast<long>(results->hits.size()) > request.limit) std::abort();
    if (results->total < static_cast<long>(results->hits.size())) std::abort();
    // A long query is searched by its first words, never by more than it has.
    if (results->searched_words < 0 || results->searched_words > results->query_words) {
      std::abort();
    }
  } else if (!results.status().IsInvalidArgument()) {
    std::abort();  // a query may be rejected, never break the index
  }
  return 0;
}
