// Tests of the query language against a small in-memory index.
#include "searcher/query_parser.h"

#include <gtest/gtest.h>

#include <set>

#include "core/schema.h"
#include "indexer/document_builder.h"

namespace pressa {
namespace {

class QueryParserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto analyzer = Analyzer::Create();
    ASSERT_TRUE(analyzer.ok());
    analyzer_ = std::move(*analyzer);
    db_ = Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    DocumentBuilder builder(analyzer_.get());
    const char* texts[][2] = {
        {"a", "Российская газета пишет об экспортёрах Смоленской области."},
        {"b", "Газета «Российская» вышла. Экспорт растёт."},
        {"c", "Выпускники СмолГУ и РЭЦ обсудили экспорт в Санкт-Петербурге."},
        {"d", "Губернатор Василий Анохин встретился с экспортерами."},
        {"e", "Мазь от ожогов продают в аптеках."},
        {"f", "Новости МАЗ: Минский автомобильный завод."},
        {"g", "Министр Сергей Лавров и заместитель Лаврова встретились."},
        {"h", "Интервью Лаврова телевидению."},
    };
    for (const auto& t : texts) {
      Article a;
      a.id = t[0];
      a.text = t[1];
      db_.replace_document(schema::IdTerm(a.id), builder.Build(a));
    }
  }

  std::set<std::string> Match(const std::string& text) {
    QueryParser parser(analyzer_.get(), &db_, nullptr);
    auto parsed = parser.Parse(text);
    EXPECT_TRUE(parsed.ok()) << text << ": " << parsed.status().ToString();
    std::set<std::string> ids;
    if (!parsed.ok()) return ids;
    Xapian::Enquire enquire(db_);
    enquire.set_query(parsed->query);
    Xapian::MSet mset = enquire.get_mset(0, 100);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      auto doc = schema::DecodeStoredDoc(schema::StoredDocBytes(it.get_document()));
      ids.insert(doc->id);
    }
    return ids;
  }

  Status Error(const std::string& text) {
    QueryParser parser(analyzer_.get(), &db_, nullptr);
    auto parsed = parser.Parse(text);
    return parsed.status();
  }

  std::unique_ptr<Analyzer> analyzer_;
  Xapian::WritableDatabase db_;
};

using Ids = std::set<std::string>;

TEST_F(QueryParserTest, WordsMeetInAnyForm) {
  EXPECT_EQ(Match("экспортеры"), (Ids{"a", "d"}));
  EXPECT_EQ(Match("Экспортёров"), (Ids{"a", "d"}));
  EXPECT_EQ(Match("Анохина"), (Ids{"d"}));
  EXPECT_EQ(Match("смоленская область"), (Ids{"a"}));
}

TEST_F(QueryParserTest, SnowballSplitLemmasMeet) {
  // Snowball stems "Лавров" to лавр but "Лаврова" to лавров.
  EXPECT_EQ(Match("Лавров"), (Ids{"g", "h"}));
  EXPECT_EQ(Match("Лаврова"), Match("Лавров"));
}

TEST_F(QueryParserTest, AdjacentWordsAreAnded) {
  EXPECT_EQ(Match("газета экспорт"), (Ids{"b"}));
}

TEST_F(QueryParserTest, Phrases) {
  EXPECT_EQ(Match("\"российская газета\""), (Ids{"a"}));
  EXPECT_EQ(Match("«Российская газета»"), (Ids{"a"}));
  EXPECT_EQ(Match("„Российская газета“"), (Ids{"a"}));
  EXPECT_EQ(Match("\"газета российская\""), (Ids{"b"}));
}

TEST_F(QueryParserTest, BooleanOperators) {
  EXPECT_EQ(Match("газета OR мазь"), (Ids{"a", "b", "e"}));
  EXPECT_EQ(Match("газета ИЛИ мазь"), (Ids{"a", "b", "e"}));
  EXPECT_EQ(Match("газета AND экспорт"), (Ids{"b"}));
  EXPECT_EQ(Match("газета И экспорт"), (Ids{"b"}));
  // "экспортёрах" is a form of экспортёр, not of экспорт.
  EXPECT_EQ(Match("газета NOT экспорт"), (Ids{"a"}));
  EXPECT_EQ(Match("газета -экспорт"), (Ids{"a"}));
  EXPECT_EQ(Match("газета -экспортер"), (Ids{"b"}));
  EXPECT_EQ(Match("газета НЕ экспортеры"), (Ids{"b"}));
  EXPECT_EQ(Match("(газета OR мазь) -аптека"), (Ids{"a", "b"}));
  EXPECT_EQ(Match("-газета"), (Ids{"c", "d", "e", "f", "g", "h"}));
}

TEST_F(QueryParserTest, AcronymsStayWholeAndApart) {
  EXPECT_EQ(Match("МАЗ"), (Ids{"f"}));
  EXPECT_EQ(Match("мазь"), (Ids{"e"}));
  EXPECT_EQ(Match("СмолГУ"), (Ids{"c"}));
  EXPECT_EQ(Match("смолгу"), (Ids{"c"}));  // typed in lower case
  EXPECT_EQ(Match("РЭЦ"), (Ids{"c"}));
}

TEST_F(QueryParserTest, CompoundWords) {
  EXPECT_EQ(Match("Санкт-Петербург"), (Ids{"c"}));
  EXPECT_EQ(Match("петербург"), (Ids{"c"}));
}

TEST_F(QueryParserTest, StopwordsAloneMatchNothing) {
  EXPECT_EQ(Match("и в на"), (Ids{}));
  EXPECT_EQ(Match("газета в"), (Ids{"a", "b"}));
}

TEST_F(QueryParserTest, MalformedQueriesAreErrors) {
  for (const char* q : {"NOT", "газета NOT", "(NOT)", "газета (NOT)"}) {
    Status s = Error(q);
    EXPECT_TRUE(s.IsInvalidArgument()) << q << " → " << s.ToString();
  }
}

// A passage pasted from the middle of an article: quotes and parentheses
// without their pairs, and operator words that are the text's own.
TEST_F(QueryParserTest, PastedTextIsSearchedAsItsWords) {
  const std::set<std::string> both = Match("российская газета");
  ASSERT_EQ(both, (std::set<std::string>{"a", "b"}));
  for (const char* q : {"«Российская газета", "Российская» газета", "\"Российская газета",
                        "Российская газета»", "(Российская газета", "Российская газета)",
                        "Российская) (газета", "И российская газета", "российская газета OR",
                        "OR российская газета", "Российская « газета", "российская | газета |",
                        "российская () газета", "(()) российская (газета ())"}) {
    EXPECT_EQ(Match(q), both) << q;
  }
  // A closed quote still makes a phrase, a paired parenthesis a group.
  EXPECT_EQ(Match("(«Российская газета»"), (std::set<std::string>{"a"}));
  EXPECT_EQ(Match("(Минский OR Лавров) завод)"), (std::set<std::string>{"f"}));
  // An unclosed quote after a field quotes nothing either.
  std::string asked;
  QueryParser parser(analyzer_.get(), &db_, [&](const std::string& f, const std::string& v) {
    asked = f + "=" + v;
    return Xapian::Query::MatchAll;
  });
  auto field = parser.Parse("газета org:«Российская");
  ASSERT_TRUE(field.ok()) << field.status().ToString();
  EXPECT_EQ(asked, "org=Российская");
}

TEST_F(QueryParserTest, OperatorWordsAtTheStartOfASentenceAreWords) {
  QueryParser parser(analyzer_.get(), &db_, nullptr);
  // Typed between two words, И requires both: no article may miss one.
  auto typed = parser.Parse("экспорт И газета");
  ASSERT_TRUE(typed.ok());
  EXPECT_FALSE(typed->relaxable);
  // After a sentence's end it is the text's conjunction, a stopword: the
  // query may still rank articles holding most of the words.
  for (const char* q : {"экспорт растёт. И газета", "экспорт растёт! И газета",
                        "экспорт растёт\u2026 И газета", "экспорт «растёт.» И газета"}) {
    auto pasted = parser.Parse(q);
    ASSERT_TRUE(pasted.ok()) << q;
    EXPECT_TRUE(pasted->relaxable) << q;
    EXPECT_TRUE(pasted->conjunctive) << q;
  }
  auto either = parser.Parse("экспорт. ИЛИ газета");
  ASSERT_TRUE(either.ok());
  EXPECT_TRUE(either->conjunctive);  // not an OR of the two
}

TEST_F(QueryParserTest, HighlightTermsArePositiveTermsOnly) {
  QueryParser parser(analyzer_.get(), &db_, nullptr);
  auto parsed = parser.Parse("экспортёры -газета");
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->has_free_text);
  EXPECT_EQ(parsed->highlight.size(), 1u);
}

TEST_F(QueryParserTest, FieldsUseTheFilterCallback) {
  std::vector<std::pair<std::string, std::string>> seen;
  QueryParser parser(analyzer_.get(), &db_, [&](const std::string& f, const std::string& v) {
    seen.emplace_back(f, v);
    return Xapian::Query("Qd");
  });
  auto parsed = parser.Parse("org:\"Российский экспортный центр\" person:анохин http://x");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], (std::pair<std::string, std::string>{"org", "Российский экспортный центр"}));
  EXPECT_EQ(seen[1], (std::pair<std::string, std::string>{"person", "анохин"}));
}

TEST_F(QueryParserTest, TopLevelItemsOfAConjunction) {
  QueryParser parser(analyzer_.get(), &db_, [](const std::string&, const std::string&) {
    return Xapian::Query("Qd");
  });
  const struct {
    const char* query;
    bool conjunctive;
    bool relaxable;
    size_t items, filters, exclusions;
  } cases[] = {
      {"газета экспорт", true, true, 2, 0, 0},
      {"\"российская газета\" экспорт", true, true, 2, 0, 0},
      {"газета -экспорт org:РЭЦ", true, true, 1, 1, 1},
      {"газета AND экспорт", true, false, 2, 0, 0},
      {"газета +экспорт", true, false, 2, 0, 0},
      {"газета OR мазь", false, false, 0, 0, 0},
      {"(газета OR мазь) экспорт", false, false, 0, 0, 0},
  };
  for (const auto& c : cases) {
    auto parsed = parser.Parse(c.query);
    ASSERT_TRUE(parsed.ok()) << c.query;
    EXPECT_EQ(parsed->conjunctive, c.conjunctive) << c.query;
    EXPECT_EQ(parsed->relaxable, c.relaxable) << c.query;
    if (!c.conjunctive) continue;
    EXPECT_EQ(parsed->items.size(), c.items) << c.query;
    EXPECT_EQ(parsed->field_filters.size(), c.filters) << c.query;
    EXPECT_EQ(parsed->exclusions.size(), c.exclusions) << c.query;
  }
  auto phrase = parser.Parse("\"российская газета\"");
  ASSERT_TRUE(phrase.ok());
  ASSERT_EQ(phrase->items.size(), 1u);
  EXPECT_TRUE(phrase->items[0].phrase);
  EXPECT_EQ(phrase->items[0].terms.size(), 2u);
}

}  // namespace
}  // namespace pressa
