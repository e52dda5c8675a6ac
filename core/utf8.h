// UTF-8 validation, decoding and encoding: the one strict implementation the
// query path shares (request checks, the query parser, the speller).
#ifndef PRESSA_CORE_UTF8_H_
#define PRESSA_CORE_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace pressa::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point at s[*i] (*i < s.size()) and advances past it. A
// byte that does not start a well-formed sequence (stray continuation,
// truncated, overlong, surrogate, past U+10FFFF) decodes to kReplacement and
// advances by that one byte.
inline char32_t Next(std::string_view s, size_t* i) {
  const auto c = static_cast<unsigned char>(s[*i]);
  if (c < 0x80) {
    ++*i;
    return c;
  }
  int len;
  char32_t cp;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
  } else {
    ++*i;  // continuation byte, overlong lead C0/C1, or F5..FF
    return kReplacement;
  }
  if (*i + len > s.size()) {
    ++*i;
    return kReplacement;
  }
  for (int k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(s[*i + k]);
    if ((cc & 0xC0) != 0x80) {
      ++*i;
      return kReplacement;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||  // overlong
      (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
    ++*i;
    return kReplacement;
  }
  *i += len;
  return cp;
}

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or code
// points past U+10FFFF).
inline bool IsValid(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t at = i;
    // An encoded U+FFFD is three bytes; a replacement for one bad byte is one.
    if (Next(s, &i) == kReplacement && i == at + 1) return false;
  }
  return true;
}

// Appends the UTF-8 encoding of `cp` (kReplacement for a surrogate or a value
// past U+10FFFF).
inline void Append(char32_t cp, std::string* out) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = kReplacement;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace pressa::utf8

#endif  // PRESSA_CORE_UTF8_H_
