// A minimal program embedding Pressa: opens an index, runs one search, prints
// the hits. Usage: embed_search INDEX_DIR QUERY...
#include <iostream>
#include <string>

#include "searcher/searcher.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: embed_search INDEX_DIR QUERY...\n";
    return 1;
  }
  auto searcher = pressa::Searcher::Open(argv[1]);
  if (!searcher.ok()) {
    std::cerr << searcher.status().ToString() << "\n";
    return 2;
  }
  pressa::SearchRequest request;
  for (int i = 2; i < argc; ++i) {
    if (!request.query.empty()) request.query += ' ';
    request.query += argv[i];
  }
  request.limit = 5;
  auto results = (*searcher)->Search(request);
  if (!results.ok()) {
    std::cerr << results.status().ToString() << "\n";
    return 1;
  }
  std::cout << results->total << (results->total_exact ? "" : "+") << " results\n";
  for (const pressa::SearchHit& hit : results->hits) {
    std::cout << hit.rank << ". " << hit.id << "  " << hit.title;
    if (hit.more_like_this > 0) std::cout << "  (" << hit.more_like_this << " more like this)";
    std::cout << "\n";
  }
  if (!results->suggestion.empty()) std::cout << "did you mean: " << results->suggestion << "\n";
  return 0;
}
