// Internal to stemmers/analyzer.cc: character classes and word-shape rules,
// kept apart so the pipeline reads as a pipeline (header-only: one user).
#ifndef PRESSA_STEMMERS_CHAR_RULES_H_
#define PRESSA_STEMMERS_CHAR_RULES_H_

#include <unicode/uchar.h>
#include <unicode/umachine.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pressa::char_rules {

// Bit k set: U+0410 + k (and U+0430 + k) is a vowel: А Е И О У Ы Э Ю Я.
constexpr uint32_t kCyrillicVowels = (1u << 0) | (1u << 5) | (1u << 8) |
                                     (1u << 14) | (1u << 19) | (1u << 27) |
                                     (1u << 29) | (1u << 30) | (1u << 31);

inline bool IsCyrillic(UChar32 c) { return c >= 0x400 && c <= 0x52F; }

namespace internal {

// The Cyrillic letter a Latin letter is mistaken for, or 0. Upper-case-only
// look-alikes (B, H, M, T) only count in upper case.
inline UChar LookAlike(UChar c) {
  switch (c) {
    case 'A': return u'А';  case 'a': return u'а';  case 'B': return u'В';
    case 'C': return u'С';  case 'c': return u'с';  case 'E': return u'Е';
    case 'e': return u'е';  case 'H': return u'Н';  case 'K': return u'К';
    case 'k': return u'к';  case 'M': return u'М';  case 'O': return u'О';
    case 'o': return u'о';  case 'P': return u'Р';  case 'p': return u'р';
    case 'T': return u'Т';  case 'X': return u'Х';  case 'x': return u'х';
    case 'Y': return u'У';  case 'y': return u'у';  case 0xCB: return u'Ё';
    case 0xEB: return u'ё';
    default: return 0;
  }
}

}  // namespace internal

enum class CharClass { kSeparator, kLetter, kDigit, kContinue };

// What a character is to a word run. kContinue (combining marks, format
// characters such as the soft hyphen) extends a run but never starts one;
// a negative code point (invalid UTF-8) separates.
inline CharClass Classify(UChar32 c) {
  if (c < 0) return CharClass::kSeparator;  // invalid UTF-8
  if (c < 0x80) {
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return CharClass::kLetter;
    if (c >= '0' && c <= '9') return CharClass::kDigit;
    return CharClass::kSeparator;
  }
  if (c >= 0x400 && c <= 0x4FF) {
    if (c == 0x482) return CharClass::kSeparator;
    if (c >= 0x483 && c <= 0x489) return CharClass::kContinue;
    return CharClass::kLetter;
  }
  if (c == 0x2BB || c == 0x2BC) return CharClass::kSeparator;  // apostrophes
  if (c == 0x200B) return CharClass::kSeparator;  // ZWSP: ICU breaks there
  switch (u_charType(c)) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
      return CharClass::kLetter;
    case U_DECIMAL_DIGIT_NUMBER:
      return CharClass::kDigit;
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_FORMAT_CHAR:
      return CharClass::kContinue;
    default:
      return CharClass::kSeparator;
  }
}

inline bool IsUpper(UChar32 c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  if (c >= 0x410 && c <= 0x42F) return true;
  if (c >= 0x430 && c <= 0x44F) return false;
  return u_isupper(c);
}

inline bool IsLower(UChar32 c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  if (c >= 0x430 && c <= 0x44F) return true;
  if (c >= 0x410 && c <= 0x42F) return false;
  return u_islower(c);
}

// Russian and Latin vowels, either case (for the acronym rule).
inline bool IsVowel(UChar32 c) {
  switch (c) {
    case 'A': case 'E': case 'I': case 'O': case 'U': case 'Y':
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y':
    case u'А': case u'Е': case u'Ё': case u'И': case u'О': case u'У':
    case u'Ы': case u'Э': case u'Ю': case u'Я':
    case u'а': case u'е': case u'ё': case u'и': case u'о': case u'у':
    case u'ы': case u'э': case u'ю': case u'я':
      return true;
    default:
      return false;
  }
}

inline bool IsLatin(UChar32 c) {
  return (c < 0x80 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

// Folds Latin look-alikes in each letter run of `s` that has a Cyrillic
// letter and no Latin letter without a look-alike ("Рoссия", not "SMSка").
inline void FoldLookAlikes(icu::UnicodeString* s) {
  const int32_t n = s->length();
  int32_t i = 0;
  while (i < n) {
    while (i < n && !u_isalpha(s->char32At(i))) i = s->moveIndex32(i, 1);
    int32_t begin = i;
    bool cyrillic = false, foldable = true, latin = false;
    while (i < n) {
      UChar32 c = s->char32At(i);
      if (!u_isalpha(c) && !(U_GET_GC_MASK(c) & U_GC_M_MASK)) break;
      if (IsCyrillic(c)) cyrillic = true;
      if (IsLatin(c)) {
        latin = true;
        if (c > 0xFFFF || internal::LookAlike(static_cast<UChar>(c)) == 0) foldable = false;
      }
      i = s->moveIndex32(i, 1);
    }
    if (!cyrillic || !latin || !foldable) continue;
    for (int32_t k = begin; k < i; ++k) {
      UChar c = s->charAt(k);
      if (IsLatin(c)) s->setCharAt(k, internal::LookAlike(c));
    }
  }
}

// A Russian case ending that may follow an acronym ("МАЗа", "ВУЗов").
inline bool IsCaseEnding(std::string_view s) {
  static constexpr std::string_view kEndings[] = {
      "а", "у", "е", "ы", "и", "ю", "я", "ом", "ем", "ой", "ей", "ов", "ев",
      "ам", "ям", "ах", "ях", "ами", "ями"};
  for (std::string_view e : kEndings) {
    if (s == e) return true;
  }
  return false;
}

// An all-capitals acronym: short, or vowel-poor (a shouted word has vowels).
inline bool CapsAcronym(int letters, int vowels) {
  return letters >= 2 && (letters <= 3 || (letters <= 6 && vowels <= 1));
}

inline void AppendUtf8(UChar32 c, std::string* out) {
  char buf[4];
  int32_t len = 0;
  U8_APPEND_UNSAFE(buf, len, c);
  out->append(buf, len);
}

// The length of a hyphen joining two compound parts at text[i], or 0.
inline size_t HyphenAt(std::string_view text, size_t i) {
  if (i < text.size() && text[i] == '-') return 1;
  if (i + 3 <= text.size() && text.compare(i, 2, "\xE2\x80") == 0 &&
      (text[i + 2] == '\x90' || text[i + 2] == '\x91')) {
    return 3;
  }
  return 0;
}

// True if every character of `text` is valid UTF-8 from ASCII, Latin,
// combining marks, Cyrillic, general punctuation or currency signs: the
// scripts where ICU word segmentation needs no dictionary and no special
// rule (tested against ICU in analyzer_test.cc, InlineScanMatchesIcu).
inline bool OnlyAlphabeticScripts(std::string_view text) {
  const char* s = text.data();
  const size_t n = text.size();
  for (size_t i = 0; i < n;) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    // U+0400-U+04FF, most of a Russian text, without the general decoder.
    if (b >= 0xD0 && b <= 0xD3 && i + 1 < n &&
        (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {
      i += 2;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if ((c >= 0 && c < 0x2B0) || (c >= 0x300 && c < 0x370) || (c >= 0x400 && c < 0x530) ||
        (c >= 0x2000 && c < 0x2060) || (c >= 0x20A0 && c < 0x20D0) ||
        c == 0x2116 || c == 0x2122) {
      continue;
    }
    return false;  // includes invalid UTF-8 (c < 0)
  }
  return true;
}

}  // namespace pressa::char_rules

#endif  // PRESSA_STEMMERS_CHAR_RULES_H_
