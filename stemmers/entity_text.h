// Small, fast UTF-8 and letter-case helpers for entity names and extraction.
#ifndef PRESSA_STEMMERS_ENTITY_TEXT_H_
#define PRESSA_STEMMERS_ENTITY_TEXT_H_

#include <string>
#include <string_view>

namespace pressa::entity_text {

// Decodes the code point at s[*i] and advances *i; invalid bytes give U+FFFD
// and advance by one, so decoding never stops early.
char32_t DecodeUtf8(std::string_view s, size_t* i);
void AppendUtf8(char32_t c, std::string* out);

bool IsLetter(char32_t c);
bool IsUpper(char32_t c);
bool IsDigit(char32_t c);
bool IsCyrillic(char32_t c);
// Lower case with ё→е folded (ICU simple case mapping).
char32_t Lower(char32_t c);
char32_t Upper(char32_t c);

// Lower-cases a whole string, ё→е, and inside words that hold Cyrillic
// letters folds Latin look-alikes (a, e, o, p, c, x, y, k, m, t, h, b) to
// Cyrillic. Non-letters are kept as they are.
std::string FoldName(std::string_view s);

// The Russian Snowball stem of a lower-case word (one Xapian::Stem per thread).
std::string StemWord(const std::string& lower_word);

}  // namespace pressa::entity_text

#endif  // PRESSA_STEMMERS_ENTITY_TEXT_H_
