// Tests of CGI request parsing: decoding, every parameter, errors and limits.
#include "searcher/cgi_request.h"

#include <gtest/gtest.h>

#include <string>

namespace pressa {
namespace {

CgiParams Parse(const std::string& qs) {
  Result<CgiParams> r = ParseQueryString(qs);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r.value() : CgiParams{};
}

Result<CgiRequest> Build(const std::string& qs) { return BuildCgiRequest(Parse(qs)); }

TEST(CgiRequestTest, PercentDecodingAndPlus) {
  struct Case {
    const char* qs;
    const char* name;
    const char* value;
  } cases[] = {
      {"q=%D1%8D%D0%BA%D1%81%D0%BF%D0%BE%D1%80%D1%82", "q", "экспорт"},
      {"q=a+b", "q", "a b"},
      {"q=a%2Bb", "q", "a+b"},
      {"q=%26%3D%3F", "q", "&=?"},
      {"q=%zz", "q", "%zz"},  // malformed escapes stay literal
      {"q=abc%", "q", "abc%"},
      {"q=abc%4", "q", "abc%4"},
      {"q=%e2%80%94", "q", "—"},  // lower-case hex
      {"%71=x", "q", "x"},       // names are decoded too
      {"q", "q", ""},            // no '=': empty value
      {"q==x", "q", "=x"},
      {"q=экспорт", "q", "экспорт"},  // raw UTF-8 passes through
  };
  for (const Case& c : cases) {
    CgiParams p = Parse(c.qs);
    ASSERT_EQ(p.size(), 1u) << c.qs;
    EXPECT_EQ(p[0].first, c.name) << c.qs;
    EXPECT_EQ(p[0].second, c.value) << c.qs;
  }
}

TEST(CgiRequestTest, SplitsPairsAndSkipsEmptySegments) {
  CgiParams p = Parse("&q=a&&org=b&org=c&");
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0], (std::pair<std::string, std::string>("q", "a")));
  EXPECT_EQ(p[1], (std::pair<std::string, std::string>("org", "b")));
  EXPECT_EQ(p[2], (std::pair<std::string, std::string>("org", "c")));
  EXPECT_TRUE(Parse("").empty());
}

TEST(CgiRequestTest, LimitsOnQueryString) {
  std::string many;
  for (int i = 0; i < kMaxCgiParams; ++i) many += "x=1&";
  EXPECT_TRUE(ParseQueryString(many).ok());
  Result<CgiParams> r = ParseQueryString(many + "y=2");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsInvalidArgument());
  EXPECT_NE(r.status().message().find("Слишком много параметров"), std::string::npos);

  Result<CgiParams> long_qs = ParseQueryString("q=" + std::string(kMaxQueryStringBytes, 'a'));
  ASSERT_FALSE(long_qs.ok());
  EXPECT_NE(long_qs.status().message().find("слишком длинный"), std::string::npos);

  std::vector<std::string> args(kMaxCgiParams + 1, "org=x");
  EXPECT_FALSE(ParseArgs(args).ok());
}

TEST(CgiRequestTest, CommandLineArgsAreNotDecoded) {
  Result<CgiParams> r = ParseArgs({"q=a+b%20c", "org=ООО «Лазертаг»", "flag"});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].second, "a+b%20c");
  EXPECT_EQ((*r)[1].second, "ООО «Лазертаг»");
  EXPECT_EQ((*r)[2].first, "flag");
}

TEST(CgiRequestTest, EveryParameter) {
  Result<CgiRequest> r = Build(
      "q=%D1%8D%D0%BA%D1%81%D0%BF%D0%BE%D1%80%D1%82&from=2026-01-01&to=2026-12-31"
      "&org=%D0%A0%D0%AD%D0%A6&org=%D0%9C%D0%90%D0%97&person=%D0%90%D0%BD%D0%BE%D1%85%D0%B8%D0%BD"
      "&place=%D0%9C%D0%B8%D0%BD%D1%81%D0%BA&source=ria&sort=date&page=3&limit=5&format=json"
      "&utm_source=x");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const SearchRequest& s = r->search;
  EXPECT_EQ(s.query, "экспорт");
  EXPECT_EQ(s.from, "2026-01-01");
  EXPECT_EQ(s.to, "2026-12-31");
  EXPECT_EQ(s.orgs, (std::vector<std::string>{"РЭЦ", "МАЗ"}));
  EXPECT_EQ(s.persons, (std::vector<std::string>{"Анохин"}));
  EXPECT_EQ(s.places, (std::vector<std::string>{"Минск"}));
  EXPECT_EQ(s.sources, (std::vector<std::string>{"ria"}));
  EXPECT_EQ(s.sort, SearchRequest::Sort::kDate);
  EXPECT_EQ(r->page, 3);
  EXPECT_EQ(s.limit, 5);
  EXPECT_EQ(s.offset, 10);
  EXPECT_EQ(r->format, CgiRequest::Format::kJson);
  EXPECT_TRUE(r->HasSearch());
}

TEST(CgiRequestTest, Defaults) {
  Result<CgiRequest> r = Build("q=&from=&to=&sort=&page=&format=&org=+");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->page, 1);
  EXPECT_EQ(r->search.offset, 0);
  EXPECT_EQ(r->search.limit, kDefaultPageSize);
  EXPECT_EQ(r->search.sort, SearchRequest::Sort::kRelevance);
  EXPECT_EQ(r->format, CgiRequest::Format::kHtml);
  EXPECT_TRUE(r->search.orgs.empty());
  EXPECT_FALSE(r->HasSearch());
  EXPECT_TRUE(Build("place=%D0%9C%D0%B8%D0%BD%D1%81%D0%BA")->HasSearch());
}

TEST(CgiRequestTest, TrimsAndDeduplicates) {
  Result<CgiRequest> r = Build("q=++a+b++&org=x&org=+x+&org=y&page=2&page=2");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->search.query, "a b");
  EXPECT_EQ(r->search.orgs, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(r->page, 2);
  Result<CgiRequest> nl = Build("q=a%0D%0Ab%09c");
  ASSERT_TRUE(nl.ok());
  EXPECT_EQ(nl->search.query, "a  b c");
}

// Each malformed request is refused with a message naming what is wrong.
TEST(CgiRequestTest, Errors) {
  struct Case {
    std::string qs;
    const char* message_part;
  } cases[] = {
      {"from=2026-02-30", "Неверная дата в параметре «from»"},
      {"to=2026-13-01", "Неверная дата в параметре «to»"},
      {"from=08.02.2026", "ГГГГ-ММ-ДД"},
      {"from=2026-2-8", "ГГГГ-ММ-ДД"},
      {"from=2025-02-29", "Неверная дата"},
      {"from=2026-03-01&to=2026-02-01", "позже даты конца"},
      {"page=-1", "Неверный номер страницы «-1»"},
      {"page=0", "Неверный номер страницы"},
      {"page=abc", "Неверный номер страницы"},
      {"page=1001", "от 1 до 1000"},
      {"page=99999999999999999999", "Неверный номер страницы"},
      {"limit=0", "на странице"},
      {"limit=101", "от 1 до 100"},
      {"sort=random", "Неизвестный порядок сортировки"},
      {"format=xml", "Неизвестный формат ответа «xml»"},
      {"q=%FF%FE", "UTF-8"},
      {"q=%C0%AF", "UTF-8"},               // overlong '/'
      {"q=%ED%A0%80", "UTF-8"},            // surrogate
      {"org=%D0", "UTF-8"},                // truncated sequence
      {"q=a%00b", "управляющие символы"},  // NUL
      {"person=" + std::string(kMaxFilterValueBytes + 1, 'x'), "слишком длинное"},
      {"page=1&page=2", "указан несколько раз"},
      {"like=" + std::string(kMaxFilterValueBytes + 1, 'x'), "идентификатор статьи"},
  };
  for (const Case& c : cases) {
    Result<CgiRequest> r = Build(c.qs);
    ASSERT_FALSE(r.ok()) << c.qs.substr(0, 80);
    EXPECT_TRUE(r.status().IsInvalidArgument());
    EXPECT_NE(r.status().message().find(c.message_part), std::string::npos)
        << c.qs.substr(0, 80) << " → " << r.status().message();
  }
}

TEST(CgiRequestTest, ReportsEveryProblemOnItsOwnLine) {
  Result<CgiRequest> r = Build("from=x&page=-1&format=pdf");
  ASSERT_FALSE(r.ok());
  const std::string m = r.status().message();
  EXPECT_EQ(std::count(m.begin(), m.end(), '\n'), 2);
}

// The searcher searches a long query's first words and says so: the request
// passes it on whole, its line breaks made spaces (the last ones trimmed).
TEST(CgiRequestTest, ALongQueryIsPassedOnWhole) {
  std::string words;
  for (int i = 0; i < 2000; ++i) words += "w" + std::to_string(i) + "%0D%0A";
  Result<CgiRequest> r = Build("q=" + words);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GT(r->search.query.size(), kMaxQueryBytes);
  EXPECT_EQ(std::count(r->search.query.begin(), r->search.query.end(), ' '), 3998);
  EXPECT_EQ(r->search.query.substr(r->search.query.size() - 7), "  w1999");
}

TEST(CgiRequestTest, InvalidUtf8InUnknownParameterIsIgnored) {
  EXPECT_TRUE(Build("x=%FF&q=a").ok());
  EXPECT_TRUE(WantsJson(Parse("q=a&format=json")));
  EXPECT_FALSE(WantsJson(Parse("q=a&format=html")));
}

TEST(CgiRequestTest, DateValidation) {
  EXPECT_TRUE(IsValidIsoDate("2024-02-29"));
  EXPECT_TRUE(IsValidIsoDate("2000-02-29"));
  EXPECT_FALSE(IsValidIsoDate("1900-02-29"));
  EXPECT_FALSE(IsValidIsoDate("2026-04-31"));
  EXPECT_FALSE(IsValidIsoDate("2026-00-10"));
  EXPECT_FALSE(IsValidIsoDate("0000-01-01"));
  EXPECT_FALSE(IsValidIsoDate("2026-01-1x"));
  EXPECT_FALSE(IsValidIsoDate("2026/01/10"));
  EXPECT_FALSE(IsValidIsoDate("2026-01-10 "));
}

TEST(CgiRequestTest, UrlEncodeRoundTrips) {
  const std::string text = "ООО «Лазертаг» & co = 100% +1 <x>";
  std::string encoded = UrlEncode(text);
  EXPECT_EQ(encoded.find_first_of(" &=<>\"'+"), encoded.find('+'));  // only '+' for spaces
  CgiParams p = Parse("q=" + encoded);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].second, text);
}

TEST(CgiRequestTest, RequestUrlRoundTrips) {
  Result<CgiRequest> r = Build(
      "q=%22%D0%A0%D0%BE%D1%81%D1%81%D0%B8%D0%B9%D1%81%D0%BA%D0%B0%D1%8F+%D0%B3%D0%B0%D0%B7%D0%B5"
      "%D1%82%D0%B0%22&from=2026-02-01&org=A%26B&org=C&place=x&sort=date&limit=2&page=4");
  ASSERT_TRUE(r.ok());
  std::string url = RequestUrl(*r, 2);
  ASSERT_EQ(url[0], '?');
  Result<CgiRequest> back = Build(url.substr(1));
  ASSERT_TRUE(back.ok()) << url;
  EXPECT_EQ(back->search.query, "\"Российская газета\"");
  EXPECT_EQ(back->search.from, "2026-02-01");
  EXPECT_EQ(back->search.orgs, (std::vector<std::string>{"A&B", "C"}));
  EXPECT_EQ(back->search.places, (std::vector<std::string>{"x"}));
  EXPECT_EQ(back->search.sort, SearchRequest::Sort::kDate);
  EXPECT_EQ(back->search.limit, 2);
  EXPECT_EQ(back->page, 2);
  EXPECT_EQ(RequestUrl(CgiRequest{}, 1), "?");
  Result<CgiRequest> like = Build("like=ria%2F190&place=x");
  ASSERT_TRUE(like.ok());
  EXPECT_EQ(like->search.like_id, "ria/190");
  EXPECT_EQ(RequestUrl(*like, 1), "?like=ria%2F190&place=x");
  EXPECT_EQ(RequestUrl(*Build("q=a&page=3"), 1), "?q=a");  // page 1 is the default
}

}  // namespace
}  // namespace pressa
