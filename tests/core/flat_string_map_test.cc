#include "core/flat_string_map.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace pressa {
namespace {

TEST(FlatStringMapTest, FindsWhatWasInsertedAndNothingElse) {
  FlatStringMap<int> map;
  EXPECT_EQ(map.Find("москва"), nullptr);  // empty: no table yet
  map["москва"] = 1;
  map["моск"] = 2;
  map.emplace("", 3);  // the empty string is a key like any other
  ASSERT_NE(map.Find("москва"), nullptr);
  EXPECT_EQ(*map.Find("москва"), 1);
  EXPECT_EQ(*map.Find("моск"), 2);
  EXPECT_EQ(*map.Find(""), 3);
  EXPECT_EQ(map.Find("москв"), nullptr);
  EXPECT_EQ(map.Find("москвa"), nullptr);  // Latin a
  EXPECT_FALSE(map.Contains("москвы"));
  EXPECT_EQ(map.size(), 3u);
}

TEST(FlatStringMapTest, EmplaceKeepsTheFirstValueAndBracketsReachIt) {
  FlatStringMap<std::string> map;
  map.emplace("путин", "first");
  map.emplace("путин", "second");
  EXPECT_EQ(*map.Find("путин"), "first");
  map["путин"] += "!";
  EXPECT_EQ(*map.Find("путин"), "first!");
  EXPECT_EQ(map.size(), 1u);
}

TEST(FlatStringMapTest, AgreesWithStdMapThroughGrowth) {
  // Enough keys to grow the table many times, with many sharing prefixes
  // and lengths, looked up beside keys never inserted.
  std::mt19937 rng(7);
  std::map<std::string, int> reference;
  FlatStringMap<int> map;
  const std::vector<std::string> letters = {"а", "б", "в", "г", "д", "е", "ж"};
  auto word = [&] {
    std::string w;
    for (int k = 1 + rng() % 12; k > 0; --k) w += letters[rng() % letters.size()];
    return w;
  };
  for (int i = 0; i < 20000; ++i) {
    std::string w = word();
    reference.emplace(w, i);
    map.emplace(w, i);
  }
  EXPECT_EQ(map.size(), reference.size());
  for (const auto& [key, value] : reference) {
    const int* found = map.Find(key);
    ASSERT_NE(found, nullptr) << key;
    EXPECT_EQ(*found, value) << key;
  }
  for (int i = 0; i < 20000; ++i) {
    std::string w = word();
    EXPECT_EQ(map.Contains(w), reference.count(w) == 1) << w;
  }
  // Iteration is in insertion order.
  std::vector<int> order;
  for (const auto& [key, value] : map) order.push_back(value);
  EXPECT_TRUE(std::is_sorted(order.begin(), order.end()));
}

TEST(FlatStringSetTest, HoldsEachStringOnce) {
  FlatStringSet set;
  set.insert("ооо");
  set.insert("ооо");
  set.insert("зао");
  EXPECT_EQ(set.size(), 2u);
  EXPECT_TRUE(set.Contains("ооо"));
  EXPECT_TRUE(set.Contains("зао"));
  EXPECT_FALSE(set.Contains("оао"));
}

}  // namespace
}  // namespace pressa
