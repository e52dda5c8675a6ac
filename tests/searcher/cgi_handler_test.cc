// Tests of the CGI request handler without an index: statuses, headers, the
// config file, and error pages that reveal nothing.
#include "searcher/cgi_handler.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "searcher/html_renderer.h"
#include "searcher/sha256.h"

namespace pressa {
namespace {

// The handler without an index: headers, statuses and safe error pages.
CgiResponse Handle(const std::string& method, const std::string& qs, const std::string& db = "") {
  CgiEnvironment env;
  env.request_method = method;
  env.query_string = qs;
  env.db_path = db;
  std::ostringstream log;
  return HandleCgiRequest(env, log);
}

TEST(CgiHandlerTest, HeadersOnEveryResponse) {
  std::string out = Handle("GET", "").Serialize();
  EXPECT_EQ(out.rfind("Status: 200 OK\r\n", 0), 0u);
  EXPECT_NE(out.find("Content-Type: text/html; charset=utf-8\r\n"), std::string::npos);
  EXPECT_NE(out.find("Content-Security-Policy: default-src 'none'; style-src 'sha256-"),
            std::string::npos);
  EXPECT_EQ(out.find("unsafe-inline"), std::string::npos);
  EXPECT_NE(out.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_NE(out.find("X-Content-Type-Options: nosniff\r\n"), std::string::npos);
  EXPECT_NE(out.find("Referrer-Policy: no-referrer\r\n"), std::string::npos);
  EXPECT_NE(out.find("\r\n\r\n<!DOCTYPE html>"), std::string::npos);
}

TEST(CgiHandlerTest, BadRequestsGet400) {
  for (const char* qs : {"page=-1", "from=2026-02-30", "q=%FF", "format=xml", "sort=x"}) {
    CgiResponse r = Handle("GET", qs);
    EXPECT_EQ(r.status, 400) << qs;
    EXPECT_NE(r.body.find("Неверный запрос"), std::string::npos) << qs;
  }
  CgiResponse json = Handle("GET", "format=json&page=0");
  EXPECT_EQ(json.status, 400);
  EXPECT_EQ(json.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(json.body.rfind("{\"error\":", 0), 0u);
  EXPECT_EQ(Handle("GET", std::string(kMaxQueryStringBytes + 1, 'a')).status, 400);
}

TEST(CgiHandlerTest, MissingIndexIs503WithoutPath) {
  CgiEnvironment env;
  env.request_method = "GET";
  env.query_string = "q=a";
  env.db_path = "/nonexistent/secret-place/db";
  std::ostringstream log;
  CgiResponse r = HandleCgiRequest(env, log);
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.body.find("secret-place"), std::string::npos);
  EXPECT_NE(r.body.find("Поиск временно недоступен"), std::string::npos);
  EXPECT_NE(log.str().find("secret-place"), std::string::npos);  // the admin learns where
  EXPECT_EQ(Handle("GET", "q=a").status, 503);                    // nothing configured
}

TEST(CgiHandlerTest, MethodsAndHead) {
  CgiResponse post = Handle("POST", "q=a");
  EXPECT_EQ(post.status, 405);
  EXPECT_NE(post.Serialize().find("Allow: GET, HEAD\r\n"), std::string::npos);
  CgiResponse head = Handle("HEAD", "");
  EXPECT_EQ(head.status, 200);
  std::string out = head.Serialize();
  EXPECT_EQ(out.substr(out.size() - 4), "\r\n\r\n");
}

TEST(CgiHandlerTest, CommandLineMode) {
  CgiEnvironment env;
  env.args = {"page=-1"};
  std::ostringstream log;
  EXPECT_EQ(HandleCgiRequest(env, log).status, 400);
  env.args = {};
  EXPECT_EQ(HandleCgiRequest(env, log).status, 200);
}

TEST(CgiHandlerTest, InternalErrorRevealsNothing) {
  CgiResponse r = InternalErrorResponse();
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(r.Serialize().find("Status: 500 Internal Server Error\r\n"), std::string::npos);
  EXPECT_NE(r.body.find("Внутренняя ошибка"), std::string::npos);
}

TEST(CgiHandlerTest, ConfigFile) {
  std::string dir = ::testing::TempDir();
  std::string conf = dir + "/pressa-test.cgi.conf";
  {
    std::ofstream out(conf);
    out << "# Pressa CGI\n\n  db =  /srv/pressa/db  \n";
  }
  Result<std::string> db = ReadDbPathFromConfig(conf);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(db.value(), "/srv/pressa/db");
  std::string problem;
  EXPECT_EQ(ResolveDbPath(nullptr, dir + "/pressa-test.cgi", &problem), "/srv/pressa/db");
  EXPECT_EQ(ResolveDbPath("/env/db", dir + "/pressa-test.cgi", &problem), "/env/db");
  EXPECT_TRUE(problem.empty());
  EXPECT_EQ(ResolveDbPath("", dir + "/nothing.cgi", &problem), "");
  EXPECT_NE(problem.find("nothing.cgi.conf"), std::string::npos);
  EXPECT_TRUE(ReadDbPathFromConfig(dir + "/nothing.conf").status().IsNotFound());
  {
    std::ofstream out(conf);
    out << "dbx = /a\n";
  }
  EXPECT_TRUE(ReadDbPathFromConfig(conf).status().IsInvalidArgument());
}

TEST(CgiHandlerTest, QueryErrorsInRussian) {
  struct Case {
    const char* en;
    const char* ru;
  } cases[] = {
      {"AND must stand between two words", "«AND» должно стоять между двумя словами."},
      {"ИЛИ must stand between two words", "«ИЛИ» должно стоять между двумя"},
      {"org: needs a value", "После «org:» нужно значение"},
      {"empty query or group", "Пустой запрос"},
      {"something new", "something new"},
  };
  for (const Case& c : cases) {
    EXPECT_NE(RussianQueryError(c.en).find(c.ru), std::string::npos) << c.en;
  }
}

// The CSP hash must cover the stylesheet exactly as the page carries it, or
// browsers drop all styling.
TEST(CgiHandlerTest, CspHashMatchesTheInlineStylesheet) {
  std::string page = RenderSearchPage(CgiRequest{}, nullptr);
  size_t open = page.find("<style>");
  size_t close = page.find("</style>");
  ASSERT_NE(open, std::string::npos);
  ASSERT_NE(close, std::string::npos);
  std::string css = page.substr(open + 7, close - open - 7);
  EXPECT_EQ(StyleCspHash(), "'sha256-" + Sha256Base64(css) + "'");
  std::string out = Handle("GET", "").Serialize();
  EXPECT_NE(out.find("style-src " + StyleCspHash() + ";"), std::string::npos);
}

}  // namespace
}  // namespace pressa
