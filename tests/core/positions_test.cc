// Tests of the per-document position values and the choice of terms that
// keep Xapian positions.
#include "core/positions.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/hash.h"

namespace pressa::positions {
namespace {

std::vector<unsigned> Positions(const View& view, const std::string& term) {
  std::vector<unsigned> out;
  if (!view.Find(TermHash(term), &out)) out.push_back(0);  // 0 is never a position
  return out;
}

TEST(PositionsTest, EveryTermFindsItsPositionsAscending) {
  Encoder encoder;
  // Any order in; a compound shares its first part's position.
  encoder.Add(9, "рек");
  encoder.Add(1, "рек");
  encoder.Add(2, "санкт-петербург");
  encoder.Add(2, "санкт");
  encoder.Add(3, "петербург");
  encoder.Add(5, "рек");
  encoder.Add(300, "дальн");  // far away: a big gap
  std::string value = encoder.Encode();
  View view;
  ASSERT_TRUE(view.Parse(value));
  EXPECT_EQ(Positions(view, "рек"), (std::vector<unsigned>{1, 5, 9}));
  EXPECT_EQ(Positions(view, "санкт-петербург"), (std::vector<unsigned>{2}));
  EXPECT_EQ(Positions(view, "санкт"), (std::vector<unsigned>{2}));
  EXPECT_EQ(Positions(view, "петербург"), (std::vector<unsigned>{3}));
  EXPECT_EQ(Positions(view, "дальн"), (std::vector<unsigned>{300}));
  EXPECT_EQ(Positions(view, "нет"), (std::vector<unsigned>{0}));  // absent
}

TEST(PositionsTest, ATermTwiceAtOnePositionIsStoredOnce) {
  Encoder encoder;
  encoder.Add(4, "лес");
  encoder.Add(4, "лес");
  encoder.Add(7, "лес");
  std::string value = encoder.Encode();  // the view reads it in place
  View view;
  ASSERT_TRUE(view.Parse(value));
  EXPECT_EQ(Positions(view, "лес"), (std::vector<unsigned>{4, 7}));
}

TEST(PositionsTest, TheEncoderStartsAfreshAfterClear) {
  Encoder encoder;
  encoder.Add(1, "старый");
  encoder.Encode();
  encoder.Clear();
  EXPECT_EQ(encoder.Encode(), "");
  encoder.Add(2, "новый");
  std::string value = encoder.Encode();
  View view;
  ASSERT_TRUE(view.Parse(value));
  EXPECT_EQ(Positions(view, "старый"), (std::vector<unsigned>{0}));
  EXPECT_EQ(Positions(view, "новый"), (std::vector<unsigned>{2}));
}

TEST(PositionsTest, AnEmptyValueHasNoTerms) {
  View view;
  ASSERT_TRUE(view.Parse(""));
  EXPECT_EQ(Positions(view, "рек"), (std::vector<unsigned>{0}));
}

TEST(PositionsTest, CutValuesAreRejectedOrFindNothingWrong) {
  Encoder encoder;
  for (unsigned p = 1; p < 200; ++p) encoder.Add(p * 3, "слово" + std::to_string(p % 17));
  std::string value = encoder.Encode();
  for (size_t cut = 0; cut < value.size(); ++cut) {
    std::string prefix = value.substr(0, cut);  // the view reads it in place
    View view;
    if (!view.Parse(prefix)) continue;
    for (int t = 0; t < 17; ++t) {
      std::vector<unsigned> out;
      if (!view.Find(TermHash("слово" + std::to_string(t)), &out)) continue;
      // Whatever a cut value still yields is a prefix of the truth.
      for (size_t i = 0; i < out.size(); ++i) {
        EXPECT_EQ(out[i] % 3, 0u);
        EXPECT_EQ(out[i] / 3 % 17, static_cast<unsigned>(t));
      }
    }
  }
}

TEST(NativeTermsTest, FrequentTermsOfTheSampleKeepXapianPositions) {
  std::vector<std::vector<std::string>> sample(300, std::vector<std::string>{"общ"});
  sample[0].push_back("редк");  // in one article of 300
  for (int i = 0; i < 3; ++i) sample[i].push_back("средн");  // 1% of 300
  NativeTerms native = NativeTerms::Choose(sample);
  EXPECT_FALSE(native.all());
  EXPECT_TRUE(native.Contains("общ"));
  EXPECT_TRUE(native.Contains("средн"));
  EXPECT_FALSE(native.Contains("редк"));
  EXPECT_FALSE(native.Contains("нигде"));
}

TEST(NativeTermsTest, ManyTermsAndTheHashedLookupAgree) {
  // Enough terms to fill many probe chains of the table.
  std::vector<std::vector<std::string>> sample(2);
  for (int i = 0; i < 5000; ++i) {
    for (auto& doc : sample) doc.push_back("т" + std::to_string(i));
  }
  sample[0].push_back("один");
  NativeTerms native = NativeTerms::Choose(sample);
  EXPECT_EQ(native.size(), 5000u);
  for (int i = 0; i < 5000; ++i) {
    std::string term = "т" + std::to_string(i);
    EXPECT_TRUE(native.Contains(term)) << term;
    EXPECT_TRUE(native.Contains(term, ContentHash64(term))) << term;
    EXPECT_FALSE(native.Contains("т" + std::to_string(i + 5000))) << i;
  }
  EXPECT_FALSE(native.Contains("один", ContentHash64("один")));
  EXPECT_EQ(TermHashOf(ContentHash64("один")), TermHash("один"));
  // A decoded list repeating a term holds it once.
  NativeTerms twice = NativeTerms::Decode(std::string("аб\0аб\0вг", 14));
  EXPECT_EQ(twice.size(), 2u);
  EXPECT_TRUE(twice.Contains("аб"));
  EXPECT_TRUE(twice.Contains("вг"));
}

TEST(NativeTermsTest, ATinySampleStillNeedsTwoArticles) {
  NativeTerms native = NativeTerms::Choose({{"один", "оба"}, {"оба"}});
  EXPECT_TRUE(native.Contains("оба"));
  EXPECT_FALSE(native.Contains("один"));
}

TEST(NativeTermsTest, EncodingRoundTrips) {
  NativeTerms native = NativeTerms::Choose({{"а1", "б2"}, {"а1", "б2"}, {"в3"}});
  NativeTerms back = NativeTerms::Decode(native.Encode());
  EXPECT_FALSE(back.all());
  EXPECT_EQ(back.size(), 2u);
  EXPECT_TRUE(back.Contains("а1"));
  EXPECT_TRUE(back.Contains("б2"));
  EXPECT_FALSE(back.Contains("в3"));
  // None chosen is not "all".
  NativeTerms none = NativeTerms::Decode(NativeTerms::Choose({{"x"}}).Encode());
  EXPECT_FALSE(none.all());
  EXPECT_FALSE(none.Contains("x"));
}

TEST(NativeTermsTest, CommonKeepsWhatEveryShardHas) {
  NativeTerms a = NativeTerms::Decode(std::string("а1\0б2\0в3", 11));
  NativeTerms b = NativeTerms::Decode(std::string("б2\0в3\0г4", 11));
  NativeTerms common = NativeTerms::Common({a, NativeTerms::All(), b});
  EXPECT_FALSE(common.all());
  EXPECT_EQ(common.size(), 2u);
  EXPECT_TRUE(common.Contains("б2"));
  EXPECT_TRUE(common.Contains("в3"));
  EXPECT_FALSE(common.Contains("а1"));
  EXPECT_FALSE(common.Contains("г4"));
  EXPECT_TRUE(NativeTerms::Common({NativeTerms::All(), NativeTerms::All()}).all());
  EXPECT_TRUE(NativeTerms::Common({}).all());
}

TEST(NativeTermsTest, AllAndMissingMetadataMeanEveryTerm) {
  EXPECT_TRUE(NativeTerms::Decode("*").all());
  EXPECT_TRUE(NativeTerms::Decode("").all());  // an index from before the split
  EXPECT_TRUE(NativeTerms::All().Contains("что угодно"));
  EXPECT_EQ(NativeTerms::All().Encode(), "*");
}

}  // namespace
}  // namespace pressa::positions
