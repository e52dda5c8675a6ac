// Fuzz target: the analyzer on arbitrary bytes (invalid UTF-8 included).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "stemmers/analyzer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static pressa::Analyzer* analyzer = pressa::Analyzer::Create().value().release();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<pressa::Token> tokens;
  unsigned end = analyzer->Analyze(text, &tokens, 7);
  unsigned last = 7;
  for (const pressa::Token& t : tokens) {
    // Offsets must point inside the text at what was written; positions grow.
    if (t.byte_start > t.byte_end || t.byte_end > size) std::abort();
    if (text.substr(t.byte_start, t.byte_end - t.byte_start) != t.surface) std::abort();
    if (t.position < last || t.position >= end) std::abort();
    last = t.position;
  }
  analyzer->Normalize(text);
  return 0;
}
