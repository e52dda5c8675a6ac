// Tests of the word -> stem cache: its answers stay right through growth and
// eviction, and it keeps what it has when it grows.
#include "stemmers/stem_cache.h"

#include <gtest/gtest.h>

#include <string>

namespace pressa {
namespace {

TEST(StemCacheTest, ReturnsWhatWasPut) {
  StemCache cache(1 << 8);
  std::string stem;
  EXPECT_FALSE(cache.Find("москвы", &stem));
  cache.Put("москвы", "москв");  // a prefix of the word
  cache.Put("шел", "ид");        // not a prefix
  ASSERT_TRUE(cache.Find("москвы", &stem));
  EXPECT_EQ(stem, "москв");
  ASSERT_TRUE(cache.Find("шел", &stem));
  EXPECT_EQ(stem, "ид");
  EXPECT_FALSE(cache.Find("москв", &stem));
  // Too long to hold inline: not cached, never a wrong answer.
  const std::string longer(70, 'a');
  cache.Put(longer, "a");
  EXPECT_FALSE(cache.Find(longer, &stem));
}

TEST(StemCacheTest, EveryAnswerIsTheWordsOwnAcrossGrowth) {
  // 40,000 lookups of 20,000 distinct words make a 256-entry cache grow
  // (rehashing what it holds) and evict; whatever it finds must be the stem
  // put for that very word.
  StemCache cache(1 << 14);
  std::string stem;
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 20000; ++i) {
      std::string word = "слово" + std::to_string(i);
      if (cache.Find(word, &stem)) {
        EXPECT_EQ(stem, "с" + std::to_string(i)) << word;
      } else {
        cache.Put(word, "с" + std::to_string(i));
      }
    }
  }
  // The words just put are all there.
  for (int i = 0; i < 20; ++i) cache.Put("новое" + std::to_string(i), "н" + std::to_string(i));
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(cache.Find("новое" + std::to_string(i), &stem)) << i;
    EXPECT_EQ(stem, "н" + std::to_string(i));
  }
}

}  // namespace
}  // namespace pressa
