// Fuzz target: one JSON line through ParseJsonArticle.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "indexer/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view line(reinterpret_cast<const char*>(data), size);
  pressa::Article article;
  std::string warning;
  pressa::Status s = pressa::ParseJsonArticle(line, &article, &warning);
  // An accepted article has an id and a text; a kept date is well formed.
  if (s.ok() && (article.id.empty() || article.text.empty())) std::abort();
  if (s.ok() && !article.date.empty() && article.date.size() != 10) std::abort();
  return 0;
}
