// Tests for entity name keys, filter terms and the alias table.
#include "stemmers/entity_names.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/schema.h"

namespace pressa {
namespace {

struct KeyCase {
  const char* a;
  const char* b;
};

TEST(EntityKeyTest, InflectedFormsMeet) {
  const KeyCase cases[] = {
      {"Центра поддержки экспорта", "Центр поддержки экспорта"},
      {"центром поддержки экспорта", "ЦЕНТР ПОДДЕРЖКИ ЭКСПОРТА"},
      {"Анохина", "Анохин"},
      {"Анохину", "анохин"},
      {"Анохиным", "Анохин"},
      {"Смоленской области", "Смоленская область"},
      {"Смоленскую область", "смоленская область"},
      {"Российского экспортного центра", "Российский экспортный центр"},
      {"Минского автомобильного завода", "Минский автомобильный завод"},
      {"Беларуси", "Беларусь"},
      {"Белоруссией", "Белоруссия"},
      {"Экспортёр", "экспортер"},
      {"«МАЗ»", "МАЗ"},
      {"Санкт-Петербурга", "санкт петербург"},
      {"Рoссия", "Россия"},  // Latin o inside a Cyrillic word
  };
  for (const KeyCase& c : cases) {
    EXPECT_EQ(EntityKey(c.a), EntityKey(c.b)) << c.a << " / " << c.b;
  }
}

TEST(EntityKeyTest, DifferentNamesStayApart) {
  const KeyCase cases[] = {
      {"Московский экспортный центр", "Российский экспортный центр"},
      {"МАЗ", "БелАЗ"},
      {"Смоленская область", "Московская область"},
      {"Беларусь", "Белоруссия"},  // joined by the alias table, not by the key
  };
  for (const KeyCase& c : cases) {
    EXPECT_NE(EntityKey(c.a), EntityKey(c.b)) << c.a << " / " << c.b;
  }
}

TEST(EntityKeyTest, EmptyAndPunctuation) {
  EXPECT_EQ(EntityKey(""), "");
  EXPECT_EQ(EntityKey(" «» - "), "");
  EXPECT_EQ(EntityKey("РАНХиГС"), "ранхигс");
}

TEST(EntityTermTest, PrefixAndLengthLimit) {
  EXPECT_EQ(EntityTerm(Entity::Type::kOrg, "маз"), std::string(schema::kPrefixOrg) + "маз");
  EXPECT_EQ(EntityTerm(Entity::Type::kPerson, "анохин"),
            std::string(schema::kPrefixPerson) + "анохин");
  EXPECT_EQ(EntityTerm(Entity::Type::kPlace, "минск"),
            std::string(schema::kPrefixPlace) + "минск");
  std::string long_name;
  for (int i = 0; i < 200; ++i) long_name += "Центр ";
  std::string term = EntityTerm(Entity::Type::kOrg, EntityKey(long_name));
  EXPECT_LE(term.size(), schema::kMaxTermBytes);
  // Never cut inside a UTF-8 sequence.
  EXPECT_NE(static_cast<unsigned char>(term.back()) & 0xC0, 0xC0);
}

TEST(EntityIndexTermsTest, PersonSurnameIsFindable) {
  Entity e;
  e.type = Entity::Type::kPerson;
  e.name = "Василий Анохин";
  e.text = "Василия Анохина";
  std::vector<std::string> terms = EntityIndexTerms(e);
  std::string surname = EntityTerm(Entity::Type::kPerson, EntityKey("анохин"));
  EXPECT_NE(std::find(terms.begin(), terms.end(), surname), terms.end());
  EXPECT_NE(std::find(terms.begin(), terms.end(),
                      EntityTerm(Entity::Type::kPerson, EntityKey("Василий Анохин"))),
            terms.end());
}

TEST(AliasTableTest, DefaultHasWellKnownPairs) {
  const AliasTable& t = AliasTable::Default();
  ASSERT_GT(t.size(), 10u);
  EXPECT_EQ(t.Canonical(Entity::Type::kOrg, "РЭЦ"), "Российский экспортный центр");
  EXPECT_EQ(t.Canonical(Entity::Type::kOrg, "Российского экспортного центра"),
            "Российский экспортный центр");
  EXPECT_EQ(t.Canonical(Entity::Type::kPlace, "Белоруссией"), "Беларусь");
  EXPECT_EQ(t.Canonical(Entity::Type::kPlace, "Республики Беларусь"), "Беларусь");
  EXPECT_EQ(t.Canonical(Entity::Type::kOrg, "МАЗ"), "Минский автомобильный завод");
  EXPECT_EQ(t.Canonical(Entity::Type::kPlace, "РФ"), "Россия");
  // The type matters, and unknown names stay as they are.
  EXPECT_EQ(t.Canonical(Entity::Type::kPerson, "РЭЦ"), "РЭЦ");
  EXPECT_EQ(t.Canonical(Entity::Type::kOrg, "ООО «Лазертаг»"), "ООО «Лазертаг»");
}

TEST(AliasTableTest, EquivalentKeysCoverEveryName) {
  const AliasTable& t = AliasTable::Default();
  std::vector<std::string> keys = t.EquivalentKeys(Entity::Type::kOrg, "рэц");
  ASSERT_FALSE(keys.empty());
  EXPECT_EQ(keys[0], EntityKey("рэц"));
  EXPECT_NE(std::find(keys.begin(), keys.end(), EntityKey("Российский экспортный центр")),
            keys.end());
  keys = t.EquivalentKeys(Entity::Type::kPlace, "беларусь");
  for (const char* name : {"Белоруссия", "Республика Беларусь"}) {
    EXPECT_NE(std::find(keys.begin(), keys.end(), EntityKey(name)), keys.end()) << name;
  }
  keys = t.EquivalentKeys(Entity::Type::kOrg, "Лазертаг");
  EXPECT_EQ(keys, std::vector<std::string>{EntityKey("Лазертаг")});
}

TEST(AliasTableTest, ParseSerializeRoundTrip) {
  Result<AliasTable> t = AliasTable::Parse(
      "# comment\n\norg\tЦентр поддержки экспорта\tЦПЭ\nplace\tМинск\tMinsk\n");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->size(), 2u);
  EXPECT_EQ(t->Canonical(Entity::Type::kOrg, "ЦПЭ"), "Центр поддержки экспорта");
  Result<AliasTable> again = AliasTable::Parse(t->Serialize());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->Serialize(), t->Serialize());
  EXPECT_EQ(again->Canonical(Entity::Type::kPlace, "Minsk"), "Минск");
}

TEST(AliasTableTest, ParseErrorsNameTheLine) {
  Result<AliasTable> t = AliasTable::Parse("org\tМАЗ\nthing\tX\tY\n");
  ASSERT_FALSE(t.ok());
  EXPECT_TRUE(t.status().IsInvalidArgument());
  EXPECT_NE(t.status().message().find("line 2"), std::string::npos);
  EXPECT_FALSE(AliasTable::Parse("org\n").ok());
}

}  // namespace
}  // namespace pressa
