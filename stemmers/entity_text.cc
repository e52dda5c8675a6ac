// UTF-8 decoding, case mapping and stemming for entity names; no ICU objects,
// only ICU's per-code-point property functions, so it is cheap per call.
#include "stemmers/entity_text.h"

#include <unicode/uchar.h>
#include <xapian.h>

#include "stemmers/stem_cache.h"

namespace pressa::entity_text {


bool IsLetterSlow(char32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  if (IsCyrillic(c)) return c >= 0x410 || c == 0x401 || c == 0x404 || c == 0x406 || c == 0x407;
  return u_isalpha(static_cast<UChar32>(c));
}

bool IsUpperSlow(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  if (c >= 0x410 && c <= 0x42F) return true;
  if (c >= 0x430 && c <= 0x44F) return false;
  return u_isupper(static_cast<UChar32>(c));
}


char32_t LowerSlow(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c == 0x401 || c == 0x451) return 0x435;  // Ё, ё -> е
  if (c >= 0x430 && c <= 0x44F) return c;
  char32_t l = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
  return l == 0x451 ? 0x435 : l;
}

char32_t Upper(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') ? c - 32 : c;
  if (c >= 0x430 && c <= 0x44F) return c - 32;
  return static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)));
}

namespace {

char32_t CyrillicLookAlike(char32_t c) {
  switch (c) {
    case 'a': return 0x430;
    case 'e': return 0x435;
    case 'o': return 0x43E;
    case 'p': return 0x440;
    case 'c': return 0x441;
    case 'x': return 0x445;
    case 'y': return 0x443;
    case 'k': return 0x43A;
    case 'm': return 0x43C;
    case 't': return 0x442;
    case 'h': return 0x43D;
    case 'b': return 0x432;
    default: return 0;
  }
}

}  // namespace

std::string FoldName(std::string_view s) {
  std::u32string cps;
  cps.reserve(s.size());
  for (size_t i = 0; i < s.size();) cps.push_back(Lower(DecodeUtf8(s, &i)));
  // Fold Latin look-alikes only inside words that also hold Cyrillic letters.
  for (size_t i = 0; i < cps.size();) {
    if (!IsLetter(cps[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    bool cyr = false;
    while (j < cps.size() && IsLetter(cps[j])) cyr |= IsCyrillic(cps[j++]);
    if (cyr) {
      for (size_t k = i; k < j; ++k) {
        if (char32_t f = CyrillicLookAlike(cps[k])) cps[k] = f;
      }
    }
    i = j;
  }
  std::string out;
  out.reserve(s.size());
  for (char32_t c : cps) AppendUtf8(c, &out);
  return out;
}

std::string StemWord(const std::string& lower_word) {
  // The extractor stems the same capitalised words and name parts article
  // after article (KeyOf, EntityKey's misses). This is the only cache in
  // front of Snowball for its word keys: up to 64k entries (4 MB), as the
  // analyzer's; it grows only as far as misses ask (stem_cache.h).
  thread_local StemCache cache(1 << 16);
  std::string out;
  if (cache.Find(lower_word, &out)) return out;
  thread_local Xapian::Stem stem("russian");
  try {
    out = stem(lower_word);
  } catch (const Xapian::Error&) {
    out = lower_word;
  }
  cache.Put(lower_word, out);
  return out;
}

}  // namespace pressa::entity_text
