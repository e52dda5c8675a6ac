// Tests of keyboard-layout switching, edit distance and reprint signatures.
#include "searcher/spelling.h"

#include <gtest/gtest.h>

#include "core/signature.h"
#include "searcher/collapse.h"

namespace pressa {
namespace {

TEST(SpellingTest, SwitchLayoutBothWays) {
  const struct {
    const char* typed;
    const char* meant;
  } cases[] = {
      {"cfyrwbb", "санкции"},  {"ublhjwbrk", "гидроцикл"}, {"ghbdtn", "привет"},
      {"k.,jq", "любой"},      {"Vjcrdf", "Москва"},       {"ьщысщц", "moscow"},
      {"руддщ", "hello"},      {"[jlf", "хода"},           {"2024", "2024"},
  };
  for (const auto& c : cases) EXPECT_EQ(SwitchLayout(c.typed), c.meant) << c.typed;
}

TEST(SpellingTest, EditDistance) {
  const struct {
    const char32_t* a;
    const char32_t* b;
    int distance;
  } cases[] = {
      {U"блокировк", U"блакировк", 1}, {U"санкци", U"санкци", 0}, {U"санкци", U"снакци", 1},
      {U"кот", U"кит", 1},             {U"абв", U"где", 3},       {U"мост", U"мосток", 2},
  };
  for (const auto& c : cases) EXPECT_EQ(EditDistance(c.a, c.b, 5), c.distance);
  EXPECT_EQ(EditDistance(U"абвгд", U"еёжзи", 2), 3);  // stops past the limit
}

TEST(SignatureTest, ReprintsAreSimilarOtherTextsAreNot) {
  std::vector<std::string> a, b, c;
  for (int i = 0; i < 60; ++i) a.push_back("w" + std::to_string(i));
  b = a;
  b[58] = "другое";  // one word changed near the end
  for (int i = 0; i < 60; ++i) c.push_back("x" + std::to_string(i));
  std::string sa = NearDuplicateSignature(a), sb = NearDuplicateSignature(b),
              sc = NearDuplicateSignature(c);
  EXPECT_EQ(SignatureSimilarity(sa, sa), 1.0);
  EXPECT_GE(SignatureSimilarity(sa, sb), kNearDuplicateSimilarity);
  EXPECT_LT(SignatureSimilarity(sa, sc), kNearDuplicateSimilarity);
  EXPECT_EQ(SignatureSimilarity(sa, ""), 0.0);
  EXPECT_TRUE(NearDuplicateSignature(std::vector<std::string>{}).empty());
  EXPECT_TRUE(NearDuplicateSignature(std::vector<std::string_view>{}).empty());
}

TEST(CollapseTest, GroupsKeepLeaderOrder) {
  std::vector<std::string> a, c;
  for (int i = 0; i < 40; ++i) a.push_back("a" + std::to_string(i));
  for (int i = 0; i < 40; ++i) c.push_back("c" + std::to_string(i));
  std::string sa = NearDuplicateSignature(a), sc = NearDuplicateSignature(c);
  auto groups = CollapseNearDuplicates({sa, sc, sa, "", ""});
  ASSERT_EQ(groups.size(), 4u);
  EXPECT_EQ(groups[0].leader, 0u);
  EXPECT_EQ(groups[0].members, (std::vector<size_t>{2}));
  EXPECT_EQ(groups[1].leader, 1u);
  EXPECT_EQ(groups[2].leader, 3u);  // empty signatures never collapse
  EXPECT_EQ(groups[3].leader, 4u);
}

}  // namespace
}  // namespace pressa
