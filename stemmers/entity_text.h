// Small, fast UTF-8 and letter-case helpers for entity names and extraction.
#ifndef PRESSA_STEMMERS_ENTITY_TEXT_H_
#define PRESSA_STEMMERS_ENTITY_TEXT_H_

#include <string>
#include <string_view>

#include "core/utf8.h"

namespace pressa::entity_text {

// Decodes the code point at s[*i] and advances *i; invalid bytes give U+FFFD
// and advance by one, so decoding never stops early.
inline char32_t DecodeUtf8(std::string_view s, size_t* i) {
  const unsigned char c = static_cast<unsigned char>(s[*i]);
  if (c < 0x80) {
    ++*i;
    return c;
  }
  // Two bytes, all of Cyrillic: the extractor's tokenizer decodes every
  // character of a text, so this case goes first.
  if ((c & 0xE0) == 0xC0 && *i + 2 <= s.size()) {
    const unsigned char c2 = static_cast<unsigned char>(s[*i + 1]);
    if ((c2 & 0xC0) == 0x80) {
      *i += 2;
      return (static_cast<char32_t>(c & 0x1F) << 6) | (c2 & 0x3F);
    }
  }
  int len = 0;
  char32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    ++*i;
    return 0xFFFD;
  }
  if (*i + len > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    const unsigned char cc = static_cast<unsigned char>(s[*i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  *i += len;
  return cp;
}

inline void AppendUtf8(char32_t c, std::string* out) { utf8::Append(c, out); }

bool IsLetterSlow(char32_t c);
bool IsUpperSlow(char32_t c);
char32_t LowerSlow(char32_t c);

// Inline fast paths for ASCII and Cyrillic: the tokenizer calls these per
// character; other scripts go to ICU.
inline bool IsCyrillic(char32_t c) { return c >= 0x400 && c <= 0x4FF; }
inline bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
inline bool IsLetter(char32_t c) {
  if (c >= 0x410 && c <= 0x44F) return true;
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  return IsLetterSlow(c);
}
inline bool IsUpper(char32_t c) {
  if (c >= 0x410 && c <= 0x42F) return true;
  if (c >= 0x430 && c <= 0x44F) return false;
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return IsUpperSlow(c);
}
// Lower case with ё→е folded (ICU simple case mapping).
inline char32_t Lower(char32_t c) {
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x430 && c <= 0x44F) return c;
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  return LowerSlow(c);
}
char32_t Upper(char32_t c);

// Lower-cases a whole string, ё→е, and inside words that hold Cyrillic
// letters folds Latin look-alikes (a, e, o, p, c, x, y, k, m, t, h, b) to
// Cyrillic. Non-letters are kept as they are.
std::string FoldName(std::string_view s);

// The Russian Snowball stem of a lower-case word (one Xapian::Stem per thread).
std::string StemWord(const std::string& lower_word);

}  // namespace pressa::entity_text

#endif  // PRESSA_STEMMERS_ENTITY_TEXT_H_
