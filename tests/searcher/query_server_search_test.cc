// Tests of pressa-searchd answering pressa-search: the same exit code, stdout
// and stderr bytes as RunSearchCli in the client's own process, "not mine"
// for another index, and the "took too long" failure at the time limit.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/schema.h"
#include "indexer/document_builder.h"
#include "searcher/cgi_handler.h"
#include "searcher/cgi_wire.h"
#include "searcher/query_server.h"
#include "searcher/search_cli.h"
#include "stemmers/analyzer.h"
#include "stemmers/entity_names.h"
#include "tests/searcher/server_test_util.h"

namespace pressa {
namespace {

const TestDoc kDocs[] = {
    {"export-1", "2024-01-10", "Рабочий путь", "Российский экспортный центр провёл форум",
     "Российский экспортный центр собрал в Смоленске предпринимателей из двенадцати регионов."},
    {"export-2", "2024-02-11", "Смоленская газета", "Экспортёрам помогут",
     "Правительство Смоленской области утвердило программу поддержки экспортёров зерна."},
    {"grain", "2024-03-01", "Смоленская газета", "Экспорт зерна вырос",
     "Экспорт зерна из Смоленской области вырос на треть."},
    {"hockey", "2023-12-30", "Рабочий путь", "Хоккейный клуб выиграл кубок",
     "Хоккейный клуб выиграл кубок региона в овертайме, вратарь отразил сорок бросков."},
};

// What pressa-search writes and returns.
struct Outcome {
  int exit_code = -1;
  std::string out, err;
  bool not_mine = false;
};

class QueryServerSearchTest : public ServerTestBase {
 protected:
  void SetUp() override { MakeIndex("pressa_query_server_search_test_", kDocs); }

  void StartServer(double request_seconds = 10) {
    QueryServerOptions options;
    options.threads = 2;
    options.request_seconds = request_seconds;
    StartServerWith(options);
  }

  wire::IndexIdentity IdentityOf(const std::string& path) {
    struct stat st;
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return {static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino)};
  }

  // pressa-search through the server, as the front end asks it.
  Outcome Ask(const std::vector<std::string>& args, bool tty, wire::IndexIdentity index) {
    Outcome outcome;
    wire::Request request;
    request.kind = wire::RequestKind::kSearch;
    request.args = args;
    request.index = index;
    request.stdout_is_tty = tty;
    std::string frame;
    if (!wire::EncodeRequest(request, &frame)) {
      outcome.err = "<not encodable>";
      return outcome;
    }
    std::string reply = ExchangeBytes(socket_path_, frame);
    long n = reply.size() < wire::kHeaderBytes
                 ? -1
                 : wire::DecodeHeader(reply.data(), wire::kSearchReplyMagic, wire::kMaxReplyBytes);
    wire::SearchReply decoded;
    if (n < 0 || reply.size() != wire::kHeaderBytes + static_cast<size_t>(n) ||
        !wire::DecodeSearchReply(std::string_view(reply).substr(wire::kHeaderBytes), &decoded)
             .ok()) {
      outcome.err = "<bad reply>";
      return outcome;
    }
    outcome.exit_code = decoded.exit_code;
    outcome.out = decoded.out;
    outcome.err = decoded.err;
    outcome.not_mine = decoded.not_mine;
    return outcome;
  }

  // pressa-search in this process, opening --db itself.
  static Outcome InProcess(const std::vector<std::string>& args, bool tty) {
    std::ostringstream out, err;
    Outcome outcome;
    outcome.exit_code = RunSearchCli(args, tty, nullptr, out, err);
    outcome.out = out.str();
    outcome.err = err.str();
    return outcome;
  }
};

TEST_F(QueryServerSearchTest, AnswersTheSameBytesAsInProcess) {
  StartServer();
  const std::string& db = db_path_;
  const std::vector<std::string> cases[] = {
      {"--db", db, "экспорт"},                                       // text
      {"--db", db, "--format", "json", "экспорт"},                   // JSON with facets
      {"--db=" + db, "--facets", "Смоленской", "области"},           // text with facets
      {"--db", db, "--limit", "1", "--offset", "1", "экспорт"},      // paging
      {"--db", db, "--from", "2024-02-01", "--to", "2024-12-31", "экспорт", "--format=json"},
      {"--db", db, "--source", "Смоленская газета", "--sort", "date", "зерна"},
      {"--db", db, "--org", "Российский экспортный центр", "--format", "json"},
      {"--db", db, "экспорт", "-зерна"},                             // "-word" excludes
      {"--db", db, "--no-collapse", "--like", "export-1"},
      {"--db", db, "--like", "no-such-id"},                          // unknown id: exit 1
      {"--db", db, "\"незакрытая кавычка"},                          // a query error
      {"--db", db, "--format", "xml", "экспорт"},                    // bad --format
      {"--db", db, "--sort", "price", "экспорт"},                    // bad --sort
      {"--db", db, "--limit", "many", "экспорт"},                    // not a number
      {"--db", db, "--limit", "1000", "экспорт"},                    // out of range
      {"--db", db, "--colour", "экспорт"},                           // unknown option
      {"--db", db, "--from"},                                        // missing value
      {"--db", db, "--help"},
      {"--db", db, "-h", "экспорт"},
      {"--db", db},                                                  // no query words
  };
  int failures = 0, usage = 0;
  for (int round = 0; round < 2; ++round) {  // both workers
    for (const auto& args : cases) {
      for (bool tty : {false, true}) {
        Outcome served = Ask(args, tty, IdentityOf(db_path_));
        Outcome direct = InProcess(args, tty);
        std::string what = args.back() + (tty ? " (tty)" : "");
        EXPECT_FALSE(served.not_mine) << what;
        EXPECT_EQ(served.exit_code, direct.exit_code) << what;
        EXPECT_EQ(served.out, direct.out) << what;
        EXPECT_EQ(served.err, direct.err) << what;
        failures += direct.exit_code != 0;
        usage += direct.exit_code == 1;
      }
    }
  }
  // The table covers successes and usage errors alike, and colour matters.
  EXPECT_GT(failures, 0);
  EXPECT_EQ(usage, failures);
  EXPECT_NE(InProcess(cases[0], true).out, InProcess(cases[0], false).out);
  EXPECT_NE(InProcess(cases[17], false).out.find("Usage: pressa-search"), std::string::npos);
  EXPECT_EQ(server_->stats().served, 2 * 2 * std::size(cases));
  EXPECT_EQ(server_->stats().malformed, 0u);
  EXPECT_EQ(log_.str(), "");
}

TEST_F(QueryServerSearchTest, AnotherIndexIsNotMine) {
  StartServer();
  const std::vector<std::string> args = {"--db", db_path_, "экспорт"};
  wire::IndexIdentity other = IdentityOf(dir_);  // the parent directory
  Outcome served = Ask(args, false, other);
  EXPECT_TRUE(served.not_mine);
  EXPECT_EQ(served.out, "");
  EXPECT_EQ(served.err, "");
  wire::IndexIdentity mine = IdentityOf(db_path_);
  EXPECT_TRUE(Ask(args, false, {mine.dev, mine.ino + 1}).not_mine);
  EXPECT_TRUE(Ask(args, false, {mine.dev + 1, mine.ino}).not_mine);
  // The path in the arguments plays no part: only the identity does.
  Outcome elsewhere = Ask({"--db", "/nonexistent", "экспорт"}, false, mine);
  EXPECT_FALSE(elsewhere.not_mine);
  EXPECT_EQ(elsewhere.out, InProcess(args, false).out);
}

TEST_F(QueryServerSearchTest, ASearchPastItsTimeLimitFailsWithExitCode2) {
  StartServer(1e-9);  // every request runs past it
  for (const char* format : {"text", "json"}) {
    Outcome served = Ask({"--db", db_path_, "--format", format, "экспорт"}, false,
                         IdentityOf(db_path_));
    EXPECT_FALSE(served.not_mine);
    EXPECT_EQ(served.exit_code, 2);
    EXPECT_EQ(served.out, "");
    EXPECT_EQ(served.err.rfind("pressa-search: the search took too long", 0), 0u) << served.err;
    EXPECT_EQ(served.err.find('\n'), served.err.size() - 1) << "one line";
  }
  EXPECT_EQ(server_->stats().timed_out, 2u);
  EXPECT_EQ(server_->stats().served, 0u);
}

// pressa-search and pressa.cgi clients at once, on every worker: each gets
// its own answer, of its own kind.
TEST_F(QueryServerSearchTest, ConcurrentSearchAndCgiClients) {
  StartServer();
  const std::vector<std::string> searches[] = {
      {"--db", db_path_, "--format", "json", "экспорт"},
      {"--db", db_path_, "кубок"},
      {"--db", db_path_, "--format", "xml"},
  };
  std::vector<Outcome> expected;
  for (const auto& args : searches) expected.push_back(InProcess(args, false));
  wire::Request cgi{"GET", "q=%D1%8D%D0%BA%D1%81%D0%BF%D0%BE%D1%80%D1%82&format=json", {}};
  std::string cgi_frame;
  ASSERT_TRUE(wire::EncodeRequest(cgi, &cgi_frame));
  CgiEnvironment env;
  env.request_method = cgi.method;
  env.query_string = cgi.query_string;
  env.db_path = db_path_;
  std::ostringstream ignored;
  const std::string cgi_expected = HandleCgiRequest(env, ignored).Serialize();
  const wire::IndexIdentity mine = IdentityOf(db_path_);

  std::atomic<int> wrong{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 6; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; i < 10; ++i) {
        size_t k = static_cast<size_t>(c + i) % (std::size(searches) + 1);
        if (k == std::size(searches)) {
          std::string reply = ExchangeBytes(socket_path_, cgi_frame);
          if (reply.size() < wire::kHeaderBytes ||
              reply.substr(wire::kHeaderBytes) != cgi_expected) {
            ++wrong;
          }
          continue;
        }
        Outcome got = Ask(searches[k], false, mine);
        if (got.not_mine || got.exit_code != expected[k].exit_code ||
            got.out != expected[k].out || got.err != expected[k].err) {
          ++wrong;
        }
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(server_->stats().served, 60u);
}

}  // namespace
}  // namespace pressa
