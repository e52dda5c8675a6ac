// Fuzz target: entity extraction on decoded article text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "indexer/entity_extractor.h"
#include "indexer/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static pressa::EntityExtractor* extractor =
      pressa::EntityExtractor::Create(pressa::ExtractorOptions()).value().release();
  // The extractor sees what the readers hand out: valid UTF-8 without CR.
  std::string note;
  pressa::Result<std::string> text =
      pressa::DecodeText(std::string_view(reinterpret_cast<const char*>(data), size), &note);
  if (!text.ok()) return 0;
  pressa::Article article;
  article.text = std::move(*text);
  extractor->Extract(&article);
  // Offsets are code points into the text; count them once.
  int chars = 0;
  for (char c : article.text) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  int last_start = 0;
  for (const pressa::Entity& e : article.entities) {
    if (e.start < 0 || e.start >= e.end || e.end > chars || e.start < last_start) std::abort();
    last_start = e.start;
  }
  pressa::ExtractionJsonLine(article);
  return 0;
}
