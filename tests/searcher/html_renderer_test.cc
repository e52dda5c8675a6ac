// Tests of the CGI page renderer: escaping of every value, links, facets, pages.
#include "searcher/html_renderer.h"

#include <gtest/gtest.h>

#include <string>


namespace pressa {
namespace {

const char kXss[] = "<script>alert(\"x&y\")</script>'";

CgiRequest Request(const std::string& qs) {
  Result<CgiParams> p = ParseQueryString(qs);
  EXPECT_TRUE(p.ok());
  Result<CgiRequest> r = BuildCgiRequest(p.value());
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r.value() : CgiRequest{};
}

SearchHit Hit(int rank, const std::string& title, const std::string& url) {
  SearchHit h;
  h.rank = rank;
  h.id = "000_79f07d462ba013fb";
  h.title = title;
  h.headline = title;
  h.url = url;
  h.date = "2026-02-08";
  h.source = "Российская газета";
  h.snippet = {{"Центр ", false}, {"экспорта", true}, {" помог", false}};
  h.orgs = {"Центр поддержки экспорта"};
  h.persons = {"Василий Анохин"};
  h.places = {"Смоленская область"};
  return h;
}

SearchResults Results(long total) {
  SearchResults r;
  r.total = total;
  r.hits.push_back(Hit(1, "Экспортёр года", "https://example.org/a?x=1&y=2"));
  r.facets["org"] = {{"Центр поддержки экспорта", 3}, {"РЭЦ", 2}};
  r.facets["place"] = {{"Смоленская область", 4}};
  r.facets["year"] = {{"2026", 4}, {"2025", 1}};
  r.facets["source"] = {{"Российская газета", 1}};
  return r;
}

size_t Count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t pos = hay.find(needle); pos != std::string::npos; pos = hay.find(needle, pos + 1)) ++n;
  return n;
}

// No raw "<script" may appear anywhere: the page has no script of its own.
void ExpectNoScript(const std::string& html) {
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("alert(\""), std::string::npos);
}

TEST(HtmlRendererTest, EscapesQueryInFormTitleAndLinks) {
  CgiRequest req = Request("q=%3Cscript%3Ealert(%22x%26y%22)%3C%2Fscript%3E%27");
  ASSERT_EQ(req.search.query, kXss);
  SearchResults res = Results(1);
  res.query = kXss;
  res.suggestion = kXss;
  std::string html = RenderSearchPage(req, &res);
  ExpectNoScript(html);
  EXPECT_NE(html.find("value=\"&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt;&#39;\""),
            std::string::npos);
  EXPECT_NE(html.find("<title>&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("Возможно, вы имели в виду"), std::string::npos);
  // In URLs the query is percent-encoded, and '&' between parameters is &amp;.
  EXPECT_NE(html.find("?q=%3Cscript%3Ealert%28%22x%26y%22%29%3C%2Fscript%3E%27&amp;org="),
            std::string::npos);
}

TEST(HtmlRendererTest, EscapesHitFields) {
  CgiRequest req = Request("q=a");
  SearchResults res;
  res.total = 1;
  SearchHit h = Hit(1, kXss, "https://example.org/\"onmouseover=\"x");
  h.source = "<b>src</b>";
  h.date = "<i>";
  h.id = "id<1>";
  h.snippet = {{"<img src=x onerror=alert(1)>", false}, {"A&B", true}};
  h.orgs = {"ООО \"<x>\""};
  h.persons = {"'><svg>"};
  res.hits.push_back(h);
  res.facets["person"] = {{"<svg onload=1>", 2}};
  res.facets["year"] = {{"<y>", 1}};
  std::string html = RenderSearchPage(req, &res);
  ExpectNoScript(html);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("<b>src"), std::string::npos);
  EXPECT_EQ(html.find("<i>"), std::string::npos);
  EXPECT_EQ(html.find("<x>"), std::string::npos);
  EXPECT_EQ(html.find("<y>"), std::string::npos);
  EXPECT_EQ(html.find("\"onmouseover"), std::string::npos);
  EXPECT_NE(html.find("&lt;img src=x onerror=alert(1)&gt;<mark>A&amp;B</mark>"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;src&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(html.find("id&lt;1&gt;"), std::string::npos);
}

TEST(HtmlRendererTest, OnlyHttpUrlsBecomeLinks) {
  struct Case {
    const char* url;
    bool link;
  } cases[] = {
      {"https://www.rg.ru/2026/02/08/a.html", true},
      {"http://smolensk.ru/x", true},
      {"HTTPS://EXAMPLE.ORG/", true},
      {"javascript:alert(1)", false},
      {"JaVaScRiPt:alert(1)", false},
      {" javascript:alert(1)", false},
      {"data:text/html,<b>", false},
      {"vbscript:x", false},
      {"//evil.example/x", false},
      {"/relative/path", false},
      {"https:///nohost", false},
      {"https://", false},
      {"https://a.example/x y", false},
      {"https://a.example/\nx", false},
      {"ftp://a.example/", false},
      {"", false},
  };
  for (const Case& c : cases) EXPECT_EQ(IsSafeLinkUrl(c.url), c.link) << c.url;

  CgiRequest req = Request("q=a");
  SearchResults res;
  res.total = 2;
  res.hits.push_back(Hit(1, "Первая", "javascript:alert(1)"));
  res.hits.push_back(Hit(2, "Вторая", "https://example.org/a?x=1&y=2"));
  std::string html = RenderSearchPage(req, &res);
  EXPECT_EQ(html.find("javascript:"), std::string::npos);
  EXPECT_NE(html.find("<h3>Первая</h3>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"https://example.org/a?x=1&amp;y=2\" rel=\"noopener noreferrer "
                      "nofollow\">Вторая</a>"),
            std::string::npos);
}

TEST(HtmlRendererTest, ShowsResultDetails) {
  CgiRequest req = Request("q=%D1%8D%D0%BA%D1%81%D0%BF%D0%BE%D1%80%D1%82");
  SearchResults res = Results(25);
  std::string html = RenderSearchPage(req, &res);
  EXPECT_NE(html.find("25 результатов"), std::string::npos);
  EXPECT_NE(html.find("<time datetime=\"2026-02-08\">8 февраля 2026</time>"), std::string::npos);
  EXPECT_NE(html.find("Российская газета"), std::string::npos);
  EXPECT_NE(html.find("Центр <mark>экспорта</mark> помог"), std::string::npos);
  // Entity chips add their filter.
  EXPECT_NE(html.find("href=\"?q=%D1%8D%D0%BA%D1%81%D0%BF%D0%BE%D1%80%D1%82&amp;person=%D0%92"),
            std::string::npos);
  EXPECT_NE(html.find("lang=\"ru\""), std::string::npos);
  EXPECT_NE(html.find("name=\"viewport\""), std::string::npos);
}

TEST(HtmlRendererTest, RussianPluralAndDates) {
  struct Case {
    long n;
    const char* word;
  } cases[] = {{0, "результатов"},  {1, "результат"},    {2, "результата"},  {4, "результата"},
               {5, "результатов"},  {11, "результатов"}, {12, "результатов"}, {14, "результатов"},
               {21, "результат"},   {22, "результата"},  {101, "результат"},  {111, "результатов"},
               {1000, "результатов"}, {1002, "результата"}};
  for (const Case& c : cases)
    EXPECT_EQ(RussianPlural(c.n, "результат", "результата", "результатов"), c.word) << c.n;
  EXPECT_EQ(RussianDate("2026-02-08"), "8 февраля 2026");
  EXPECT_EQ(RussianDate("2025-12-31"), "31 декабря 2025");
  EXPECT_EQ(RussianDate("2026-05-01"), "1 мая 2026");
  EXPECT_EQ(RussianDate("nonsense"), "nonsense");
}

TEST(HtmlRendererTest, FacetsAddFiltersAndActiveOnesRemove) {
  CgiRequest req = Request("q=a&org=%D0%A0%D0%AD%D0%A6&page=2");
  SearchResults res = Results(30);
  std::string html = RenderSearchPage(req, &res);
  // Clicking "Центр поддержки экспорта" keeps РЭЦ, adds the new org, goes to page 1.
  EXPECT_NE(html.find("href=\"?q=a&amp;org=%D0%A0%D0%AD%D0%A6&amp;org=%D0%A6%D0%B5%D0%BD"),
            std::string::npos);
  // The active value is marked, and its chip links to the request without it.
  EXPECT_NE(html.find("<li class=\"on\"><a href=\"?q=a\">РЭЦ</a>"), std::string::npos);
  EXPECT_NE(html.find("class=\"chip\" href=\"?q=a\" title=\"Убрать фильтр\">РЭЦ ×</a>"),
            std::string::npos);
  // The active filter rides along with a new query as a hidden field.
  EXPECT_NE(html.find("<input type=\"hidden\" name=\"org\" value=\"РЭЦ\">"), std::string::npos);
  // A year facet sets the date range.
  EXPECT_NE(html.find("from=2026-01-01&amp;to=2026-12-31"), std::string::npos);
  for (const char* heading : {"Организации", "Места", "Источники", "Годы"})
    EXPECT_NE(html.find(heading), std::string::npos) << heading;
  EXPECT_EQ(html.find("Персоны</h2>"), std::string::npos);  // no person facet given
}

TEST(HtmlRendererTest, YearRangeShowsAsOneChip) {
  CgiRequest req = Request("q=a&from=2026-01-01&to=2026-12-31");
  SearchResults res = Results(3);
  std::string html = RenderSearchPage(req, &res);
  EXPECT_NE(html.find("title=\"Убрать фильтр\">2026 год ×</a>"), std::string::npos);
  EXPECT_NE(html.find("<li class=\"on\"><a href=\"?q=a\">2026</a>"), std::string::npos);
  CgiRequest partial = Request("q=a&from=2026-02-01");
  html = RenderSearchPage(partial, &res);
  EXPECT_NE(html.find("с 1 февраля 2026 ×"), std::string::npos);
}

TEST(HtmlRendererTest, Pagination) {
  CgiRequest req = Request("q=a&limit=2&page=3");
  SearchResults res = Results(20);  // 10 pages
  std::string html = RenderSearchPage(req, &res);
  EXPECT_NE(html.find("<a rel=\"prev\" href=\"?q=a&amp;limit=2&amp;page=2\">← Назад</a>"),
            std::string::npos);
  EXPECT_NE(html.find("<a rel=\"next\" href=\"?q=a&amp;limit=2&amp;page=4\">Вперёд →</a>"),
            std::string::npos);
  EXPECT_NE(html.find("<span aria-current=\"page\">3</span>"), std::string::npos);
  EXPECT_NE(html.find(">10</a>"), std::string::npos);  // last page
  EXPECT_EQ(html.find(">7</a>"), std::string::npos);   // outside the window
  CgiRequest one = Request("q=a");
  html = RenderSearchPage(one, &res);  // 20 results, 10 a page: no "Назад"
  EXPECT_EQ(html.find("← Назад"), std::string::npos);
  EXPECT_NE(html.find("Вперёд →"), std::string::npos);
  SearchResults few = Results(3);
  html = RenderSearchPage(one, &few);
  EXPECT_EQ(html.find("class=\"pages\""), std::string::npos);
}

TEST(HtmlRendererTest, EmptyResultsAndBarePage) {
  CgiRequest req = Request("q=zzz");
  SearchResults res;
  std::string html = RenderSearchPage(req, &res);
  EXPECT_NE(html.find("Ничего не найдено"), std::string::npos);
  html = RenderSearchPage(CgiRequest{}, nullptr);
  EXPECT_NE(html.find("<form class=\"search\" method=\"get\""), std::string::npos);
  EXPECT_EQ(html.find("результат"), std::string::npos);
}

TEST(HtmlRendererTest, ReprintsAndRelatedArticles) {
  CgiRequest req = Request("q=a&org=X");
  SearchResults res;
  res.total = 3;
  SearchHit h = Hit(1, "Экспортёр года", "");
  h.id = "ria/1&2";
  h.more_like_this = 2;
  h.duplicate_ids = {"<dup1>", "dup2"};
  res.hits.push_back(h);
  std::string html = RenderSearchPage(req, &res);
  EXPECT_NE(html.find("<summary>ещё 2 перепечатки</summary><ul><li>&lt;dup1&gt;</li><li>dup2</li>"),
            std::string::npos);
  // "Похожие статьи" drops the query, keeps the filters.
  EXPECT_NE(html.find("<a href=\"?like=ria%2F1%262&amp;org=X\">Похожие статьи</a>"),
            std::string::npos);

  CgiRequest like = Request("like=ria%2F1");
  EXPECT_TRUE(like.HasSearch());
  html = RenderSearchPage(like, &res);
  EXPECT_NE(html.find("<title>Похожие статьи"), std::string::npos);
  EXPECT_NE(html.find("title=\"Убрать фильтр\">похожие на «ria/1» ×</a>"), std::string::npos);
}

TEST(HtmlRendererTest, ResultsOfTheSuggestion) {
  CgiRequest req = Request("q=%D1%8D%D0%BA%D1%81%D0%BF%D0%BE%D1%80%D0%B4");  // экспорд
  SearchResults res = Results(4);
  res.suggestion = "экспорт";
  res.searched_suggestion = true;
  std::string html = RenderSearchPage(req, &res);
  EXPECT_NE(html.find("По запросу «экспорд» ничего не найдено. Показаны результаты по запросу "
                      "<a href=\"?q=%D1%8D%D0%BA%D1%81%D0%BF%D0%BE%D1%80%D1%82\">экспорт</a>"),
            std::string::npos);
  EXPECT_EQ(html.find("Возможно, вы имели в виду"), std::string::npos);
}

TEST(HtmlRendererTest, SaysWhenOnlyTheBeginningOfALongQueryWasSearched) {
  SearchResults res = Results(3);
  res.query_words = res.searched_words = 2;
  std::string html = RenderSearchPage(Request("q=a+b"), &res);
  EXPECT_EQ(html.find("Запрос длинный"), std::string::npos);
  res.query_words = 412;
  for (const auto& [searched, words] : {std::pair{143, "143 слова"}, std::pair{141, "141 слово"},
                                        std::pair{111, "111 слов"}}) {
    res.searched_words = searched;
    html = RenderSearchPage(Request("q=a+b"), &res);
    EXPECT_NE(html.find(std::string("Запрос длинный, поиск шёл по его началу: ") + words +
                        " из 412."),
              std::string::npos)
        << searched;
  }
}

TEST(HtmlRendererTest, HitsAreHeadedByTheirHeadlineElseTheirId) {
  SearchResults res = Results(2);
  res.hits[0].title.clear();
  res.hits[0].headline = "РЖД повысит тарифы с 1 декабря.";
  res.hits.push_back(Hit(2, "", ""));
  res.hits[1].id = "tg-1-2";
  std::string html = RenderSearchPage(Request("q=a"), &res);
  EXPECT_NE(html.find("rel=\"noopener noreferrer nofollow\">РЖД повысит тарифы с 1 декабря.</a></h3>"),
            std::string::npos);
  EXPECT_NE(html.find("<h3>tg-1-2</h3>"), std::string::npos);
}

TEST(HtmlRendererTest, ErrorPageEscapesMessages) {
  std::string html = RenderErrorPage("Неверный запрос", {std::string("плохо: ") + kXss}, nullptr);
  ExpectNoScript(html);
  EXPECT_NE(html.find("<li>плохо: &lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("<h1>Неверный запрос</h1>"), std::string::npos);
}

TEST(HtmlRendererTest, NoExternalResources) {
  SearchResults res = Results(5);
  std::string html = RenderSearchPage(Request("q=a"), &res);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(Count(html, "<style>"), 1u);
}

}  // namespace
}  // namespace pressa
