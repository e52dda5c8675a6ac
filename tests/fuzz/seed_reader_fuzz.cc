// Fuzz target: raw file bytes through DecodeText and the seed-format parser.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "indexer/reader.h"

namespace {

// The reader's promise to everything downstream: its text is valid UTF-8.
bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string note;
  pressa::Result<std::string> text = pressa::DecodeText(bytes, &note);
  if (!text.ok()) return 0;
  if (!ValidUtf8(*text)) std::abort();
  if (text->find('\r') != std::string::npos) std::abort();  // CRLF and CR become LF
  pressa::Article article;
  std::string warning;
  pressa::Status s = pressa::ParseSeedArticle(*text, &article, &warning);
  if (s.ok() && !(ValidUtf8(article.title) && ValidUtf8(article.text))) std::abort();
  return 0;
}
