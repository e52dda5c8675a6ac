// Tests of keyboard-layout switching, edit distance and reprint signatures.
#include "searcher/spelling.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>

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

// What the collapse means, the slow way: the leader of each hit is the first
// earlier leader whose signature it nearly duplicates, else the hit itself.
std::vector<size_t> LeaderOfEachHit(const std::vector<std::string>& signatures) {
  std::vector<size_t> leader_of(signatures.size());
  for (size_t i = 0; i < signatures.size(); ++i) {
    leader_of[i] = i;
    for (size_t j = 0; j < i; ++j) {
      if (leader_of[j] == j &&
          SignatureSimilarity(signatures[j], signatures[i]) >= kNearDuplicateSimilarity) {
        leader_of[i] = j;
        break;
      }
    }
  }
  return leader_of;
}

TEST(CollapseTest, SameGroupsAsComparingEveryLeader) {
  // Stories with reprints that keep 0-16 of the original's 16 values, so
  // hits fall on both sides of the threshold and some match two leaders.
  std::mt19937 random(7);
  auto fresh = [&] {
    std::string s(4 * kSignatureHashes, '\0');
    for (size_t p = 0; p < s.size(); p += 4) {
      uint32_t v = random() % 64;  // few values: many equal by chance too
      std::memcpy(&s[p], &v, 4);
    }
    return s;
  };
  // Small lists are compared directly, long ones through an index: both.
  const int sizes[] = {60, 128, 129, 600, 2000};
  for (int round = 0; round < 20; ++round) {
    std::vector<std::string> stories, hits;
    for (int i = 0; i < 40; ++i) stories.push_back(fresh());
    for (int i = 0; i < sizes[round % 5]; ++i) {
      int kind = random() % 20;
      if (kind == 0) {
        hits.push_back("");
      } else if (kind == 1) {
        hits.push_back("short");  // malformed: similar to nothing
      } else {
        std::string s = stories[random() % stories.size()];
        std::string other = fresh();
        int keep = random() % (kSignatureHashes + 1);
        for (int p = keep; p < kSignatureHashes; ++p) std::memcpy(&s[4 * p], &other[4 * p], 4);
        hits.push_back(s);
      }
    }
    std::vector<size_t> leader_of = LeaderOfEachHit(hits);
    std::vector<CollapsedGroup> groups = CollapseNearDuplicates(hits);
    std::vector<size_t> want_leaders, got_leaders;
    for (size_t i = 0; i < hits.size(); ++i) {
      if (leader_of[i] == i) want_leaders.push_back(i);
    }
    size_t with_members = 0;
    for (const CollapsedGroup& g : groups) {
      got_leaders.push_back(g.leader);
      std::vector<size_t> want_members;
      for (size_t i = g.leader + 1; i < hits.size(); ++i) {
        if (leader_of[i] == g.leader) want_members.push_back(i);
      }
      EXPECT_EQ(g.members, want_members) << "round " << round << " leader " << g.leader;
      with_members += !g.members.empty();
    }
    EXPECT_EQ(got_leaders, want_leaders) << "round " << round;
    EXPECT_GE(with_members, 3u);  // the data does collapse
  }
}

}  // namespace
}  // namespace pressa
