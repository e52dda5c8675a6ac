// Tests for entity extraction: the seed articles of issue 3 and rule cases.
#include "indexer/entity_extractor.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "stemmers/entity_names.h"

namespace pressa {
namespace {

using Type = Entity::Type;

std::vector<Entity> ExtractText(const std::string& text) {
  auto extractor = EntityExtractor::Create({});
  EXPECT_TRUE(extractor.ok());
  Article article;
  article.text = text;
  (*extractor)->Extract(&article);
  return article.entities;
}

// The seed whose file name starts with `prefix` (000, 001, ...), whole file as text.
std::string ReadSeed(const std::string& prefix) {
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(PRESSA_SOURCE_DIR) + "/corpus")) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && entry.path().extension() == ".txt") {
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      return buffer.str();
    }
  }
  ADD_FAILURE() << "no seed " << prefix;
  return "";
}

// True if a filter on `query` (as the searcher builds it: every equivalent
// key) matches one of the terms the index holds for these mentions.
bool Matches(const std::vector<Entity>& entities, Type type, const std::string& query) {
  std::set<std::string> wanted;
  for (const std::string& key : AliasTable::Default().EquivalentKeys(type, query)) {
    wanted.insert(EntityTerm(type, key));
  }
  for (const Entity& e : entities) {
    if (e.type != type) continue;
    for (const std::string& term : EntityIndexTerms(e)) {
      if (wanted.count(term)) return true;
    }
  }
  return false;
}

bool HasName(const std::vector<Entity>& entities, Type type, const std::string& name) {
  for (const Entity& e : entities) {
    if (e.type == type && e.name == name) return true;
  }
  return false;
}

class SeedTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    for (const char* id : {"000", "001", "002", "003", "004"}) {
      (*seeds_)[id] = ExtractText(ReadSeed(id));
    }
  }
  static std::map<std::string, std::vector<Entity>>* seeds_;

  // The seeds a filter returns, like `pressa-search --org NAME`.
  static std::string Filter(Type type, const std::string& query) {
    std::string ids;
    for (const auto& [id, entities] : *seeds_) {
      if (Matches(entities, type, query)) ids += (ids.empty() ? "" : " ") + id;
    }
    return ids;
  }
};
std::map<std::string, std::vector<Entity>>* SeedTest::seeds_ =
    new std::map<std::string, std::vector<Entity>>;

TEST_F(SeedTest, Seed000HasTheIssueEntities) {
  const auto& e = (*seeds_)["000"];
  for (const char* org : {"Лазертаг", "Рославльский вагоноремонтный завод", "Точные поставки",
                          "Альфа Транс Экспедиция", "РАНХиГС"}) {
    EXPECT_TRUE(Matches(e, Type::kOrg, org)) << org;
  }
  EXPECT_TRUE(HasName(e, Type::kOrg, "Лазертаг"));
  EXPECT_TRUE(HasName(e, Type::kOrg, "Рославльский вагоноремонтный завод"));
  EXPECT_TRUE(HasName(e, Type::kPerson, "Василий Анохин"));
  EXPECT_TRUE(HasName(e, Type::kPlace, "Смоленская область"));
  EXPECT_TRUE(HasName(e, Type::kOrg, "Правительство Смоленской области"));
  EXPECT_TRUE(HasName(e, Type::kOrg, "Центр поддержки экспорта"));
}

TEST_F(SeedTest, FiltersOfTheIssue) {
  EXPECT_EQ(Filter(Type::kOrg, "Российский экспортный центр"), "000 001");
  EXPECT_EQ(Filter(Type::kOrg, "РЭЦ"), "000 001");
  EXPECT_EQ(Filter(Type::kOrg, "МАЗ"), "003 004");
  EXPECT_EQ(Filter(Type::kOrg, "Минский автомобильный завод"), "003 004");
  EXPECT_EQ(Filter(Type::kPerson, "анохин"), "000 001 003 004");
  EXPECT_EQ(Filter(Type::kPerson, "Анохина"), "000 001 003 004");
  EXPECT_EQ(Filter(Type::kPerson, "Василий Анохин"), "000 001 003 004");
  EXPECT_EQ(Filter(Type::kPlace, "беларусь"), "001 003 004");
  EXPECT_EQ(Filter(Type::kPlace, "Белоруссия"), "001 003 004");
  EXPECT_EQ(Filter(Type::kPlace, "минск"), "003");
}

TEST_F(SeedTest, AbbreviationDefinedInTextLinksToFullName) {
  const auto& e = (*seeds_)["001"];
  EXPECT_TRUE(Matches(e, Type::kOrg, "ЦПЭ"));
  EXPECT_TRUE(Matches(e, Type::kOrg, "Центр поддержки экспорта Смоленской области"));
  bool linked = false;
  for (const Entity& x : e) {
    linked |= x.text == "ЦПЭ" && x.name == "Центр поддержки экспорта Смоленской области";
  }
  EXPECT_TRUE(linked);
}

TEST_F(SeedTest, OffsetsAreCodePointsIntoText) {
  const std::string text = ReadSeed("000");
  std::u32string cps;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = text[i];
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    char32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (text[i + k] & 0x3F);
    cps.push_back(cp);
    i += len;
  }
  for (const Entity& e : (*seeds_)["000"]) {
    ASSERT_LT(e.start, e.end);
    ASSERT_LE(e.end, static_cast<int>(cps.size()));
    std::string surface;
    for (int i = e.start; i < e.end; ++i) {
      char32_t c = cps[i];
      if (c < 0x80) {
        surface.push_back(static_cast<char>(c));
      } else if (c < 0x800) {
        surface.push_back(static_cast<char>(0xC0 | (c >> 6)));
        surface.push_back(static_cast<char>(0x80 | (c & 0x3F)));
      } else {
        surface.push_back(static_cast<char>(0xE0 | (c >> 12)));
        surface.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        surface.push_back(static_cast<char>(0x80 | (c & 0x3F)));
      }
    }
    EXPECT_EQ(surface, e.text);
  }
}

struct RuleCase {
  const char* text;
  Type type;
  const char* name;  // expected normal form
};

TEST(EntityRulesTest, NormalForms) {
  const RuleCase cases[] = {
      {"Об этом сообщил губернатор Василий Анохин.", Type::kPerson, "Василий Анохин"},
      {"Встреча с Василием Анохиным прошла в Минске.", Type::kPerson, "Василий Анохин"},
      {"Встреча с Василием Анохиным прошла в Минске.", Type::kPlace, "Минск"},
      {"Об этом написала Елена Викторовна Лаврова.", Type::kPerson, "Елена Лаврова"},
      // Анохин alone: the shipped alias table names him in full.
      {"Документ подписал В. Анохин.", Type::kPerson, "Василий Анохин"},
      {"«Мы готовы», — подчеркнул Анохин.", Type::kPerson, "Василий Анохин"},
      {"Документ подписал И. Петров.", Type::kPerson, "Петров"},
      {"«Мы готовы», — подчеркнул Сидоров.", Type::kPerson, "Сидоров"},
      {"Работа Правительства Смоленской области.", Type::kOrg,
       "Правительство Смоленской области"},
      {"Работа Правительства Смоленской области.", Type::kPlace, "Смоленская область"},
      {"Эксперты Центра поддержки экспорта провели семинар.", Type::kOrg,
       "Центр поддержки экспорта"},
      {"Он работает в ООО «Лазертаг».", Type::kOrg, "Лазертаг"},
      {"Филиал ПАО «МРСК Центра» - «Смоленскэнерго» сообщил.", Type::kOrg,
       "МРСК Центра - Смоленскэнерго"},
      {"Об этом пишет «Российская газета».", Type::kOrg, "Российская газета"},
      {"МОСКВА, 8 фев - РИА Новости.", Type::kOrg, "РИА Новости"},
      {"Товарооборот с Белоруссией вырос.", Type::kPlace, "Беларусь"},
      {"Делегация из Республики Беларусь.", Type::kPlace, "Беларусь"},
      {"Экспорт Смоленщины растёт.", Type::kPlace, "Смоленская область"},
      {"Это сообщил Минпромторг России.", Type::kOrg,
       "Министерство промышленности и торговли России"},
      {"По данным РЭЦ, экспорт вырос.", Type::kOrg, "Российский экспортный центр"},
      {"Студенты СмолГУ победили.", Type::kOrg, "Смоленский государственный университет"},
      {"Он учится в Смоленском филиале РАНХиГС.", Type::kOrg, "Смоленский филиал РАНХиГС"},
      {"Представители Российского экспортного центра приехали.", Type::kOrg,
       "Российский экспортный центр"},
      {"Это Центр поддержки экспорта (ЦПЭ) Смоленской области. ЦПЭ помог.", Type::kOrg,
       "Центр поддержки экспорта Смоленской области"},
      {"Визит Василия Субботина в Смоленск.", Type::kPerson, "Василий Субботин"},
      {"Встреча с Еленой Ивановой прошла вчера.", Type::kPerson, "Елена Иванова"},
      {"Выступил президент Турции Реджеп Тайип Эрдоган.", Type::kPerson,
       "Реджеп Тайип Эрдоган"},
      {"Папа Римский Бенедикт XVI посетил Мадрид.", Type::kPerson, "Бенедикт XVI"},
      {"В интервью Петрову он сказал об этом.", Type::kPerson, "Петров"},
      {"Сообщает РИА «Новости».", Type::kOrg, "РИА Новости"},
      {"Об этом пишет Лента.ру со ссылкой на источник.", Type::kOrg, "Лента.ру"},
      {"Работа Витебского областного исполнительного комитета.", Type::kOrg,
       "Витебский областной исполнительный комитет"},
      // The alias table names the ministry by its canonical form.
      {"Заявление министерства иностранных дел Российской Федерации.", Type::kOrg,
       "Министерство иностранных дел России"},
      {"Делегация приехала из Нижнего Новгорода.", Type::kPlace, "Нижний Новгород"},
      {"Выставка прошла в Санкт-Петербурге.", Type::kPlace, "Санкт-Петербург"},
      {"Жители Краснодарского края голосовали.", Type::kPlace, "Краснодарский край"},
      {"Товарооборот с Республикой Татарстан вырос.", Type::kPlace, "Татарстан"},
      // A first name in the nominative leaves the surname as written; the
      // rules alone read Обама as the genitive of Обам.
      {"Об этом заявил Барак Обама.", Type::kPerson, "Барак Обама"},
      {"Об этом заявил Сергей Шойгу.", Type::kPerson, "Сергей Шойгу"},
      // The first name's case tells the surname's declension: no genitive
      // ends in -у (Шойгу does not decline), a dative -е is an -а noun's,
      // -ем after л a soft stem's.
      {"Визит Сергея Шойгу в Минск.", Type::kPerson, "Сергей Шойгу"},
      {"Письмо Бараку Обаме отправлено.", Type::kPerson, "Барак Обама"},
      {"Победа над Рафаэлем Надалем.", Type::kPerson, "Рафаэль Надаль"},
      {"Отравление Сергея Скрипаля расследуют.", Type::kPerson, "Сергей Скрипаль"},
      // A surname alone in -ы is an -а noun's genitive, a man's or a woman's.
      {"Политика Обамы изменилась, — заявил Песков.", Type::kPerson, "Обама"},
      // Places the mined gazetteer knows in oblique cases only are named in
      // the nominative (bench/ner/mine_gazetteers.py).
      {"Переговоры в Южной Корее прошли.", Type::kPlace, "Южная Корея"},
      {"Олимпиада в Пхёнчхане открылась.", Type::kPlace, "Пхёнчхан"},
  };
  for (const RuleCase& c : cases) {
    std::vector<Entity> entities = ExtractText(c.text);
    EXPECT_TRUE(HasName(entities, c.type, c.name)) << c.text << " -> " << c.name;
  }
}

TEST(EntityRulesTest, NotEntities) {
  const RuleCase cases[] = {
      {"Смоленские компании добились успеха.", Type::kOrg, "Смоленская компания"},
      {"Смоленские компании добились успеха.", Type::kPlace, "Смоленск"},
      {"Премия «Экспортёр года» вручена.", Type::kOrg, "Экспортёр года"},
      {"Данные по ВВП и СМИ.", Type::kOrg, "ВВП"},
      {"Данные по ВВП и СМИ.", Type::kOrg, "СМИ"},
      {"Матч ЧМ-2018 прошёл в Сочи.", Type::kOrg, "ЧМ-2018"},
      {"Читать нас без VPN можно здесь.", Type::kOrg, "VPN"},
      {"США развернули системы ПРО и THAAD.", Type::kOrg, "ПРО"},
      {"Российские компании растут.", Type::kPlace, "Россия"},
      // A relational adjective alone names no place (it would top the facet).
      {"Российские военные прибыли. Американский посол уехал.", Type::kPlace, "Российские"},
      {"Российские военные прибыли. Американский посол уехал.", Type::kPlace, "Американский"},
  };
  for (const RuleCase& c : cases) {
    std::vector<Entity> entities = ExtractText(c.text);
    EXPECT_FALSE(HasName(entities, c.type, c.name)) << c.text << " -> " << c.name;
  }
}

TEST(EntityRulesTest, AdjectivesInMultiWordPlacesStay) {
  std::vector<Entity> e = ExtractText("Губернатор Смоленской области посетил Российскую Федерацию.");
  EXPECT_TRUE(HasName(e, Type::kPlace, "Смоленская область"));
}

TEST(EntityRulesTest, SurnameAloneTakesFullName) {
  std::vector<Entity> e =
      ExtractText("Губернатор Василий Анохин провёл совещание. Анохин подчеркнул важность.");
  int full = 0;
  for (const Entity& x : e) full += x.type == Type::kPerson && x.name == "Василий Анохин";
  EXPECT_EQ(full, 2);
}

TEST(EntityRulesTest, NameWrittenInTheNominativeNamesEveryMention) {
  // Бараке Обаме alone reads as Барак Обам (a prepositional -е fits every
  // declension); the article's nominative settles it for every mention.
  std::vector<Entity> e =
      ExtractText("Речь шла о Бараке Обаме. Барак Обама приехал. Обаме подарили книгу.");
  int persons = 0;
  for (const Entity& x : e) {
    if (x.type != Type::kPerson) continue;
    ++persons;
    EXPECT_EQ(x.name, "Барак Обама") << x.text;
  }
  EXPECT_EQ(persons, 3);
}

TEST(EntityRulesTest, NominativeNameOfOnePersonLeavesAnotherAlone) {
  // Мишель Обама shares the surname, not the first name: her mention keeps
  // a name of her own.
  std::vector<Entity> e =
      ExtractText("Барак Обама приехал с женой. Мишели Обаме подарили цветы.");
  int barack = 0, michelle = 0;
  for (const Entity& x : e) {
    if (x.type != Type::kPerson) continue;
    barack += x.name == "Барак Обама";
    michelle += x.text == "Мишели Обаме" && x.name.rfind("Мишель ", 0) == 0;
  }
  EXPECT_EQ(barack, 1);
  EXPECT_EQ(michelle, 1);
}

TEST(EntityRulesTest, QuotedKnownOrganizationIsOneMentionInTheNominative) {
  // «Спартака» was two mentions, Спартака (the quote) and Спартак (the
  // gazetteer inside it); a result listed both.
  std::vector<Entity> e = ExtractText("Матч «Спартака» с «Зенитом» закончился вничью.");
  std::vector<std::string> orgs;
  for (const Entity& x : e) {
    if (x.type == Type::kOrg) orgs.push_back(x.name);
  }
  EXPECT_EQ(orgs, (std::vector<std::string>{"Спартак", "Зенит"}));
}

TEST(EntityRulesTest, EmptyAndOddInput) {
  EXPECT_TRUE(ExtractText("").empty());
  EXPECT_TRUE(ExtractText("   \n\n ").empty());
  ExtractText("\xff\xfe «« »» ( ) «ООО");  // must not crash on broken bytes or quotes
}

TEST(ExtractionJsonLineTest, Shape) {
  Article a;
  a.id = "001";
  a.title = "Заголовок";
  a.text = "Губернатор Василий Анохин.";
  auto extractor = EntityExtractor::Create({});
  ASSERT_TRUE(extractor.ok());
  (*extractor)->Extract(&a);
  nlohmann::json j = nlohmann::json::parse(ExtractionJsonLine(a));
  EXPECT_EQ(j["id"], "001");
  EXPECT_TRUE(j["date"].is_null());
  EXPECT_EQ(j["date_source"], "none");
  EXPECT_EQ(j["title"], "Заголовок");
  ASSERT_EQ(j["entities"].size(), 1u);
  EXPECT_EQ(j["entities"][0]["type"], "person");
  EXPECT_EQ(j["entities"][0]["name"], "Василий Анохин");
  EXPECT_EQ(j["entities"][0]["text"], "Василий Анохин");
  EXPECT_EQ(j["entities"][0]["start"], 11);
  EXPECT_EQ(j["entities"][0]["end"], 25);
}

TEST(EntityExtractorTest, AliasFileOverride) {
  const std::string path = ::testing::TempDir() + "/aliases_test.tsv";
  {
    std::ofstream out(path);
    out << "org\tЛазертаг Групп\tЛазертаг\n";
  }
  ExtractorOptions options;
  options.alias_file = path;
  auto extractor = EntityExtractor::Create(options);
  ASSERT_TRUE(extractor.ok()) << extractor.status().ToString();
  Article a;
  a.text = "Он работает в ООО «Лазертаг».";
  (*extractor)->Extract(&a);
  EXPECT_TRUE(HasName(a.entities, Type::kOrg, "Лазертаг Групп"));
  options.alias_file = path + ".missing";
  EXPECT_FALSE(EntityExtractor::Create(options).ok());
}

}  // namespace
}  // namespace pressa
