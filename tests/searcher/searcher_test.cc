// Tests of the search API on a small on-disk index: aliases in queries,
// spelling and wrong layout, reprints collapsed, date sort, related articles,
// pagination.
#include "searcher/searcher.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/schema.h"
#include "indexer/document_builder.h"
#include "stemmers/analyzer.h"
#include "stemmers/entity_names.h"
#include "tests/temp_dir.h"

namespace pressa {
namespace {

struct Doc {
  const char* id;
  const char* date;
  const char* title;
  const char* text;
};

const char kWire[] =
    "Правительство региона утвердило программу поддержки экспортёров на три года. "
    "Компании получат субсидии на участие в международных выставках, сертификацию "
    "продукции и продвижение товаров на маркетплейсах. Первые заявки примут в марте.";

const Doc kDocs[] = {
    {"rec", "2024-01-10", "Российский экспортный центр провёл форум",
     "Российский экспортный центр собрал предпринимателей из двенадцати регионов."},
    {"rec-abbr", "2024-02-11", "РЭЦ подписал соглашение",
     "РЭЦ и администрация области подписали соглашение о сотрудничестве."},
    {"sanctions", "2024-03-01", "Новые санкции",
     "Евросоюз объявил новые санкции. Санкции затронут банки и экспорт металлов."},
    {"wire-1", "2024-04-01", "Экспортёрам помогут", kWire},
    {"wire-2", "2024-04-02", "Экспортёрам региона помогут",
     "Правительство региона утвердило программу поддержки экспортёров на три года. "
     "Компании получат субсидии на участие в международных выставках, сертификацию "
     "продукции и продвижение товаров на маркетплейсах. Первые заявки примут в апреле."},
    {"wire-3", "2024-04-03", "Экспортёрам помогут", kWire},
    {"hockey", "2023-12-30", "Хоккейный клуб выиграл кубок",
     "Хоккейный клуб выиграл кубок региона в овертайме, вратарь отразил сорок бросков."},
    {"hockey-2", "2024-01-05", "Хоккеисты вернулись с кубком",
     "Хоккеисты клуба вернулись домой с кубком; вратарь команды назван лучшим игроком."},
};

class SearcherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(std::filesystem::temp_directory_path() /
                           ("pressa_searcher_test_" + std::to_string(getpid())));
    std::filesystem::remove_all(*dir_);
    auto analyzer = Analyzer::Create();
    ASSERT_TRUE(analyzer.ok());
    Xapian::WritableDatabase db(*dir_, Xapian::DB_CREATE_OR_OVERWRITE);
    DocumentBuilder builder(analyzer->get());
    for (const Doc& d : kDocs) {
      Article a;
      a.id = d.id;
      a.date = d.date;
      a.title = d.title;
      a.text = d.text;
      db.replace_document(schema::IdTerm(a.id), builder.Build(a));
    }
    db.set_metadata(schema::kMetaSchema, std::to_string(schema::kSchemaVersion));
    db.set_metadata(schema::kMetaAliases, AliasTable::Default().Serialize());
    db.commit();
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  void SetUp() override {
    auto searcher = Searcher::Open(*dir_);
    ASSERT_TRUE(searcher.ok()) << searcher.status().ToString();
    searcher_ = std::move(*searcher);
  }

  SearchResults Search(SearchRequest request) {
    auto results = searcher_->Search(request);
    EXPECT_TRUE(results.ok()) << results.status().ToString();
    return results.ok() ? *results : SearchResults();
  }
  SearchResults Search(const std::string& query) {
    SearchRequest request;
    request.query = query;
    return Search(request);
  }
  static std::vector<std::string> Ids(const SearchResults& results) {
    std::vector<std::string> ids;
    for (const SearchHit& h : results.hits) ids.push_back(h.id);
    return ids;
  }
  static bool Has(const SearchResults& results, const std::string& id) {
    for (const SearchHit& h : results.hits) {
      if (h.id == id) return true;
    }
    return false;
  }

  static std::string* dir_;
  std::unique_ptr<Searcher> searcher_;
};

std::string* SearcherTest::dir_ = nullptr;

TEST_F(SearcherTest, AbbreviationFindsFullNameAndBack) {
  for (const char* q : {"РЭЦ", "рэц", "Российский экспортный центр", "российского экспортного центра"}) {
    SearchResults r = Search(q);
    EXPECT_TRUE(Has(r, "rec")) << q;
    EXPECT_TRUE(Has(r, "rec-abbr")) << q;
  }
}

TEST_F(SearcherTest, WrongKeyboardLayoutIsSuggestedAndSearched) {
  SearchResults r = Search("cfyrwbb");
  EXPECT_EQ(r.suggestion, "санкции");
  EXPECT_TRUE(r.searched_suggestion);
  EXPECT_EQ(Ids(r), (std::vector<std::string>{"sanctions"}));
}

TEST_F(SearcherTest, TypoIsSuggestedFromTheIndexVocabulary) {
  SearchResults r = Search("хоккейный клуп");
  EXPECT_EQ(r.suggestion, "хоккейный клуб");
  EXPECT_TRUE(r.searched_suggestion);
  EXPECT_TRUE(Has(r, "hockey"));
}

TEST_F(SearcherTest, KnownWordsGetNoSuggestion) {
  SearchResults r = Search("санкции");
  EXPECT_EQ(r.suggestion, "");
  EXPECT_FALSE(r.searched_suggestion);
}

TEST_F(SearcherTest, ReprintsCollapseIntoOneResult) {
  SearchResults r = Search("программа поддержки экспортёров");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].more_like_this, 2);
  EXPECT_EQ(r.hits[0].duplicate_ids.size(), 2u);
  EXPECT_EQ(r.total, 3);  // the total counts every matching article

  SearchRequest request;
  request.query = "программа поддержки экспортёров";
  request.collapse = false;
  EXPECT_EQ(Search(request).hits.size(), 3u);
}

TEST_F(SearcherTest, DateSortIsNewestFirst) {
  SearchRequest request;
  request.query = "вратарь";
  request.sort = SearchRequest::Sort::kDate;
  EXPECT_EQ(Ids(Search(request)), (std::vector<std::string>{"hockey-2", "hockey"}));
}

TEST_F(SearcherTest, LikeFindsRelatedArticlesNotItself) {
  SearchRequest request;
  request.like_id = "hockey";
  SearchResults r = Search(request);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].id, "hockey-2");
  EXPECT_FALSE(Has(r, "hockey"));

  request.like_id = "no-such-id";
  EXPECT_TRUE(searcher_->Search(request).status().IsNotFound());
}

TEST_F(SearcherTest, PagesAreStableAndTotalIsExact) {
  SearchRequest all;
  all.query = "регион";
  all.limit = 10;
  all.collapse = false;
  SearchResults whole = Search(all);
  EXPECT_TRUE(whole.total_exact);
  std::vector<std::string> paged;
  for (int offset = 0; offset < static_cast<int>(whole.hits.size()); offset += 2) {
    SearchRequest page = all;
    page.offset = offset;
    page.limit = 2;
    for (const std::string& id : Ids(Search(page))) paged.push_back(id);
  }
  EXPECT_EQ(paged, Ids(whole));
}

TEST_F(SearcherTest, MostWordsRankWhenNoArticleHasAll) {
  // "гидроцикл" is in no article: the others still find the story.
  SearchResults r = Search("хоккейный клуб кубок гидроцикл");
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].id, "hockey");
}

TEST_F(SearcherTest, AQueryOfStopwordsOnlySaysThereIsNothingToSearchFor) {
  for (const char* query : {"и в на", "???", "не"}) {
    SearchRequest request;
    request.query = query;
    request.places = {"Смоленская область"};
    auto r = searcher_->Search(request);
    ASSERT_FALSE(r.ok()) << query;
    EXPECT_TRUE(r.status().IsInvalidArgument());
    EXPECT_EQ(r.status().message().rfind("the query has no word to search for", 0), 0u);
  }
  // Nothing typed: filters alone list their articles, no filter no search.
  SearchRequest filters_only;
  filters_only.query = "  ";
  EXPECT_EQ(Search(filters_only).total, 0);
  filters_only.from = "2024-04-01";
  EXPECT_EQ(Search(filters_only).total, 3);
}

TEST_F(SearcherTest, AQueryWithinTheBoundsIsSearchedWhole) {
  SearchResults r = Search("  хоккейный клуб\n кубок ");
  EXPECT_EQ(r.query_words, 3);
  EXPECT_EQ(r.searched_words, 3);
  EXPECT_EQ(Search(SearchRequest()).query_words, 0);
}

// A pasted passage longer than a query may be is searched by as many of its
// first words as the bounds allow, and the results say how many.
TEST_F(SearcherTest, ALongPasteIsSearchedByItsFirstWords) {
  // Over the terms' bound: an article's sentence, then 300 words no article has.
  std::string paste = "Хоккейный клуб выиграл кубок региона в овертайме, вратарь отразил";
  for (int i = 0; i < 300; ++i) paste += " нетслова" + std::to_string(i);
  SearchResults r = Search(paste);
  EXPECT_EQ(r.query_words, 309);
  EXPECT_GT(r.searched_words, 100);
  EXPECT_LT(r.searched_words, 300);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.hits[0].id, "hockey");
  EXPECT_EQ(r.query, paste);
  // What was searched is that many first words, searched alike.
  size_t end = 0;
  for (int w = 0; w < r.searched_words; ++w) end = paste.find(' ', end + 1);
  SearchResults first = Search(paste.substr(0, end));
  EXPECT_EQ(first.searched_words, r.searched_words);
  EXPECT_EQ(Ids(first), Ids(r));
  EXPECT_EQ(first.total, r.total);
  // One word more is over the bound.
  SearchResults more = Search(paste.substr(0, paste.find(' ', end + 1)));
  EXPECT_EQ(more.query_words, r.searched_words + 1);
  EXPECT_EQ(more.searched_words, r.searched_words);

  // Over the bytes' bound: 200 long words, 62 bytes each with the space.
  std::string words;
  for (int i = 0; i < 200; ++i) {
    words += (i == 0 ? "" : " ") + std::string("вратарь") + std::string(44, 'x') +
             std::to_string(100 + i);
  }
  r = Search(words);
  EXPECT_EQ(r.query_words, 200);
  EXPECT_EQ(r.searched_words, static_cast<int>((kMaxQueryBytes + 1) / 62));

  // A first word over the bound is an error, and so is a mistake in it.
  SearchRequest request;
  request.query = std::string(kMaxQueryBytes + 1, 'x') + " клуб";
  auto refused = searcher_->Search(request);
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().IsInvalidArgument());
  EXPECT_EQ(refused.status().message().rfind("the query's first word is longer than 4096", 0), 0u);
  request.query = "(NOT) " + words;
  refused = searcher_->Search(request);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(), "a closing parenthesis has no opening one");
}

// Writes `articles` (dated 2024-06-01) into a new index at `dir` and opens a
// searcher on it.
std::unique_ptr<Searcher> SmallIndex(const std::string& dir, std::vector<Article> articles) {
  auto analyzer = Analyzer::Create();
  EXPECT_TRUE(analyzer.ok());
  if (!analyzer.ok()) return nullptr;
  {
    Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OVERWRITE);
    DocumentBuilder builder(analyzer->get());
    for (Article& a : articles) {
      a.date = "2024-06-01";
      db.replace_document(schema::IdTerm(a.id), builder.Build(a));
    }
    db.set_metadata(schema::kMetaSchema, std::to_string(schema::kSchemaVersion));
    db.commit();
  }
  auto searcher = Searcher::Open(dir);
  EXPECT_TRUE(searcher.ok()) << searcher.status().ToString();
  return searcher.ok() ? std::move(*searcher) : nullptr;
}

// The ids of a search's hits, best first.
std::vector<std::string> HitIds(Searcher* searcher, const std::string& query) {
  SearchRequest request;
  request.query = query;
  auto r = searcher->Search(request);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  std::vector<std::string> out;
  if (r.ok()) {
    for (const SearchHit& h : r->hits) out.push_back(h.id);
  }
  return out;
}

Article Text(const char* id, std::string text) {
  Article a;
  a.id = id;
  a.text = std::move(text);
  return a;
}

// An abbreviation typed in lower case stands for the names articles define
// for it, but a word whose stem only looks like an abbreviation does not:
// "идеи" (stem "ид") is not ИД, which one article writes for its publisher.
TEST(AbbreviationTest, OnlyWhereArticlesWriteItInCapitalsAsOftenAsTheWord) {
  TempDir tmp("pressa-abbreviation");
  ASSERT_FALSE(tmp.path().empty());
  // The extractor's organization, if any.
  auto with_org = [](const char* id, const char* text, const char* org) {
    Article a = Text(id, text);
    Entity e;
    e.type = Entity::Type::kOrg;
    e.name = org;
    a.entities.push_back(e);
    return a;
  };
  auto searcher = SmallIndex(
      tmp.path() + "/db",
      {with_org("cpe", "ЦПЭ провёл семинар для экспортёров.", "Центр поддержки экспорта"),
       Text("cpe-full", "Центр поддержки экспорта открыл приёмную."),
       with_org("publisher", "ИД выпустил новую книгу.", "Издательский дом"),
       Text("publisher-full", "Издательский дом открыл магазин."),
       Text("ideas-1", "Жители предложили идеи для парка."),
       Text("ideas-2", "Новые идеи для набережной обсудили на форуме.")});
  ASSERT_NE(searcher, nullptr);
  auto ids = [&](const std::string& query) {
    std::vector<std::string> out = HitIds(searcher.get(), query);
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(ids("цпэ"), (std::vector<std::string>{"cpe", "cpe-full"}));
  EXPECT_EQ(ids("идеи"), (std::vector<std::string>{"ideas-1", "ideas-2"}));
  EXPECT_EQ(ids("ИД"), (std::vector<std::string>{"publisher", "publisher-full"}));
}

// A pasted passage that no article holds whole: the article holding most of
// its words leads, not one repeating a few of them, however short.
TEST(PassageTest, TheArticleWithMostOfItsWordsLeads) {
  TempDir tmp("pressa-passage");
  ASSERT_FALSE(tmp.path().empty());
  std::string filler;
  for (int i = 0; i < 12; ++i) filler += " Жители города собрались на площади и обсудили новости.";
  std::string repeated;
  for (int i = 0; i < 10; ++i) repeated += " Танкер, причал, лоцман и фарватер.";
  auto searcher = SmallIndex(
      tmp.path() + "/db",
      {Text("source", "Ледокол прошёл по маршруту: навигация в Арктике, порт и контейнеры." + filler),
       Text("repeater", repeated), Text("other-1", "Жители города обсудили новости на площади."),
       Text("other-2", "Новости города: праздник на площади.")});
  ASSERT_NE(searcher, nullptr);
  auto first = [&](const std::string& query) {
    std::vector<std::string> ids = HitIds(searcher.get(), query);
    return ids.empty() ? std::string() : ids[0];
  };
  // Twelve words, six in the source, four in the repeater.
  EXPECT_EQ(first("ледокол навигация арктика порт контейнер маршрут танкер причал лоцман "
                  "фарватер якорь шлюз"),
            "source");
  // A typed query keeps BM25: the repeater holds its words more often.
  EXPECT_EQ(first("ледокол маршрут танкер причал лоцман"), "repeater");
}

}  // namespace
}  // namespace pressa
