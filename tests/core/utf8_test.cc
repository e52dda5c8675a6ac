// Tests of the shared UTF-8 validator, decoder and encoder.
#include "core/utf8.h"

#include <gtest/gtest.h>

namespace pressa {
namespace {

TEST(Utf8Test, Validation) {
  struct Case {
    std::string text;
    bool valid;
  } cases[] = {
      {"", true},
      {"plain", true},
      {"Ёлка ё", true},
      {"\xF0\x9F\x98\x80", true},  // emoji
      {"\xEF\xBF\xBF", true},      // U+FFFF
      {"\xEF\xBF\xBD", true},      // U+FFFD itself
      {"\x80", false},
      {"\xC1\xBF", false},
      {"\xE0\x80\xAF", false},
      {"\xF0\x80\x80\xAF", false},
      {"\xF4\x90\x80\x80", false},  // past U+10FFFF
      {"\xED\xBF\xBF", false},      // surrogate
      {"\xD0", false},
      {"\xD0\x41", false},
      {"ok\xFF", false},
  };
  for (const Case& c : cases) EXPECT_EQ(utf8::IsValid(c.text), c.valid) << c.text;
}

TEST(Utf8Test, DecodesAndReplacesBadBytesOneByOne) {
  struct Case {
    std::string text;
    std::u32string code_points;
  } cases[] = {
      {"", U""},
      {"aЖ€😀", U"aЖ€😀"},
      {"\xD0", U"\uFFFD"},                     // truncated
      {"\xD0\x41", U"\uFFFDA"},                // lead without continuation
      {"\xC1\xBF", U"\uFFFD\uFFFD"},           // overlong lead
      {"\xE0\x80\xAF", U"\uFFFD\uFFFD\uFFFD"}, // overlong
      {"\xED\xA0\x80", U"\uFFFD\uFFFD\uFFFD"}, // surrogate
      {"\x80я", U"\uFFFDя"},
  };
  for (const Case& c : cases) {
    std::u32string got;
    for (size_t i = 0; i < c.text.size();) got.push_back(utf8::Next(c.text, &i));
    EXPECT_EQ(got, c.code_points) << c.text;
  }
}

TEST(Utf8Test, AppendRoundTrips) {
  const std::u32string text = U"Ёлка: a Ж € 😀 \U0010FFFF";
  std::string encoded;
  for (char32_t cp : text) utf8::Append(cp, &encoded);
  EXPECT_TRUE(utf8::IsValid(encoded));
  std::u32string decoded;
  for (size_t i = 0; i < encoded.size();) decoded.push_back(utf8::Next(encoded, &i));
  EXPECT_EQ(decoded, text);
  std::string bad;
  utf8::Append(0xD800, &bad);
  EXPECT_EQ(bad, "\xEF\xBF\xBD");
}

}  // namespace
}  // namespace pressa
