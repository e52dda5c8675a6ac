// Tests of pressa-searchd's server: the same bytes as the in-process handler,
// a commit in place seen at the next request, garbage and hostile requests
// survived, and the socket path claimed and released with care.
#include "searcher/query_server.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/schema.h"
#include "indexer/document_builder.h"
#include "searcher/cgi_handler.h"
#include "searcher/cgi_wire.h"
#include "stemmers/analyzer.h"
#include "stemmers/entity_names.h"
#include "tests/searcher/server_test_util.h"

namespace pressa {
namespace {

const TestDoc kDocs[] = {
    {"export-1", "2024-01-10", "", "Российский экспортный центр провёл форум",
     "Российский экспортный центр собрал в Смоленске предпринимателей из двенадцати регионов."},
    {"export-2", "2024-02-11", "", "Экспортёрам помогут",
     "Правительство Смоленской области утвердило программу поддержки экспортёров."},
    {"hockey", "2023-12-30", "", "Хоккейный клуб выиграл кубок",
     "Хоккейный клуб выиграл кубок региона в овертайме, вратарь отразил сорок бросков."},
};
const TestDoc kLateDoc = {"export-late", "2024-03-01", "", "Экспорт зерна вырос",
                          "Экспорт зерна из Смоленской области вырос на треть."};

// The CGI response the server sends for `request`, without the frame header;
// "<no reply>" if the frame is missing or wrong.
std::string Ask(const std::string& socket_path, const wire::Request& request) {
  std::string frame;
  if (!wire::EncodeRequest(request, &frame)) return "<not encodable>";
  std::string reply = ExchangeBytes(socket_path, frame);
  if (reply.size() < wire::kHeaderBytes) return "<no reply>";
  long n = wire::DecodeHeader(reply.data(), wire::kReplyMagic, wire::kMaxReplyBytes);
  if (n < 0 || reply.size() != wire::kHeaderBytes + static_cast<size_t>(n)) return "<bad reply>";
  return reply.substr(wire::kHeaderBytes);
}

class QueryServerTest : public ServerTestBase {
 protected:
  void SetUp() override { MakeIndex("pressa_query_server_test_", kDocs); }

  void StartServer(int threads = 2) {
    QueryServerOptions options;
    options.threads = threads;
    StartServerWith(options);
  }

  // What pressa.cgi would answer in its own process.
  std::string InProcess(const wire::Request& request) {
    CgiEnvironment env;
    env.request_method = request.method;
    env.query_string = request.query_string;
    env.args = request.args;
    env.db_path = db_path_;
    std::ostringstream log;
    return HandleCgiRequest(env, log).Serialize();
  }

};

TEST_F(QueryServerTest, AnswersTheSameBytesAsInProcess) {
  StartServer();
  const wire::Request requests[] = {
      {"GET", "q=%D1%8D%D0%BA%D1%81%D0%BF%D0%BE%D1%80%D1%82", {}},              // экспорт
      {"GET", "q=%D1%8D%D0%BA%D1%81%D0%BF%D0%BE%D1%80%D1%82&format=json", {}},  // JSON + facets
      {"GET", "q=%D1%8D%D0%BA%D1%81%D0%BF%D0%BE%D1%80%D1%82&limit=1&page=2", {}},
      {"GET", "q=%D0%BA%D1%83%D0%B1%D0%BE%D0%BA&sort=date&from=2023-01-01", {}},  // кубок
      {"HEAD", "q=%D0%BA%D1%83%D0%B1%D0%BE%D0%BA", {}},
      {"GET", "", {}},                         // the bare form
      {"GET", "page=-1&from=2026-02-30", {}},  // 400
      {"POST", "q=a", {}},                     // 405
      {"GET", "like=nonexistent-id", {}},      // 404
      {"GET", "q=%22unclosed", {}},            // a query error
      {"", "", {"q=экспорт", "format=json"}},  // command-line mode
  };
  for (int round = 0; round < 2; ++round) {  // both workers, warm and cold
    for (const wire::Request& r : requests) {
      EXPECT_EQ(Ask(socket_path_, r), InProcess(r)) << r.method << " " << r.query_string;
    }
  }
  EXPECT_EQ(server_->stats().malformed, 0u);
  EXPECT_EQ(server_->stats().served, 2 * std::size(requests));
}

TEST_F(QueryServerTest, ConcurrentClientsGetTheirOwnAnswers) {
  StartServer(4);
  const wire::Request requests[] = {
      {"GET", "q=%D1%8D%D0%BA%D1%81%D0%BF%D0%BE%D1%80%D1%82&format=json", {}},
      {"GET", "q=%D0%BA%D1%83%D0%B1%D0%BE%D0%BA", {}},
      {"GET", "q=%D0%A1%D0%BC%D0%BE%D0%BB%D0%B5%D0%BD%D1%81%D0%BA&sort=date", {}},
      {"GET", "page=-1", {}},
  };
  std::vector<std::string> expected;
  for (const wire::Request& r : requests) expected.push_back(InProcess(r));
  std::vector<std::thread> clients;
  std::atomic<int> wrong{0};
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; i < 10; ++i) {
        size_t k = static_cast<size_t>(c + i) % std::size(requests);
        if (Ask(socket_path_, requests[k]) != expected[k]) ++wrong;
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(server_->stats().served, 80u);
}

TEST_F(QueryServerTest, SeesACommitInPlaceAtTheNextRequest) {
  StartServer(1);
  const wire::Request grain = {"GET", "q=%D0%B7%D0%B5%D1%80%D0%BD%D0%B0&format=json", {}};  // зерна
  std::string before = Ask(socket_path_, grain);
  EXPECT_EQ(before.find("export-late"), std::string::npos);
  {
    Xapian::WritableDatabase db(db_path_, Xapian::DB_OPEN);
    DocumentBuilder builder(analyzer_.get());
    AddTestDoc(&db, &builder, kLateDoc);
    db.commit();
  }
  std::string after = Ask(socket_path_, grain);
  EXPECT_NE(after.find("export-late"), std::string::npos);
  EXPECT_EQ(after, InProcess(grain));
}

TEST_F(QueryServerTest, SurvivesGarbageAndHostileRequests) {
  StartServer(1);
  std::string frame;
  ASSERT_TRUE(wire::EncodeRequest({"GET", "q=a", {}}, &frame));
  const std::string garbage[] = {
      "GET / HTTP/1.0\r\n\r\n",
      std::string("PQR1\xff\xff\xff\x7f", 8),  // announces 2 GiB
      std::string("PQR1\x10\x00\x00\x00", 8) + "short",
      frame.substr(0, frame.size() - 1),  // one byte missing
      std::string("PQR1\x05\x00\x00\x00Z\x00\x00\x00\x00", 13),
      std::string(100000, '\0'),
  };
  for (const std::string& g : garbage) EXPECT_EQ(ExchangeBytes(socket_path_, g), "");
  EXPECT_EQ(server_->stats().malformed, std::size(garbage));
  EXPECT_EQ(ExchangeBytes(socket_path_, ""), "");  // connect and close: not counted
  EXPECT_EQ(server_->stats().malformed, std::size(garbage));

  const wire::Request hostile[] = {
      {"GET", "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&org=%22%3E%3Cimg&format=html", {}},
      {"GET", "q=" + std::string(5000, 'a'), {}},
      {"GET", "q=%FF%FE&db=/etc&PRESSA_DB=/etc", {}},
      {"GET", std::string(40000, '&'), {}},
      {"GET", "q=(((((((((((((((((((((a", {}},
  };
  for (const wire::Request& r : hostile) {
    std::string reply = Ask(socket_path_, r);
    EXPECT_EQ(reply, InProcess(r));
    EXPECT_EQ(reply.find("<script>"), std::string::npos);
  }
  EXPECT_NE(log_.str().find("malformed"), std::string::npos);
}

TEST_F(QueryServerTest, ARequestPastItsTimeLimitGetsThe503Page) {
  QueryServerOptions options;
  options.db_path = db_path_;
  options.socket_path = socket_path_;
  options.threads = 1;
  options.request_seconds = 1e-9;  // every request runs past it
  auto server = QueryServer::Start(options, &log_);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const std::string expected = TimeoutResponse().Serialize();
  EXPECT_NE(expected.find("503 Service Unavailable"), std::string::npos);
  for (const char* qs : {"q=%D1%8D%D0%BA%D1%81%D0%BF%D0%BE%D1%80%D1%82", "format=json&q=a"}) {
    EXPECT_EQ(Ask(socket_path_, {"GET", qs, {}}), expected) << qs;
  }
  EXPECT_EQ((*server)->stats().timed_out, 2u);
  EXPECT_EQ((*server)->stats().served, 0u);
}

TEST_F(QueryServerTest, ARequestWhoseClientHungUpIsNotRun) {
  StartServer(1);
  const wire::Request request = {"GET", "q=%D1%8D%D0%BA%D1%81%D0%BF%D0%BE%D1%80%D1%82", {}};
  std::string frame;
  ASSERT_TRUE(wire::EncodeRequest(request, &frame));
  // The only worker waits on a client that has not sent its request yet;
  // the connections behind it wait in the listen queue, in order.
  int holder = ConnectTo(socket_path_);
  ASSERT_GE(holder, 0);
  // This client sends its request and gives up before a worker takes it.
  int gone = ConnectTo(socket_path_);
  ASSERT_GE(gone, 0);
  ASSERT_EQ(::send(gone, frame.data(), frame.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(frame.size()));
  ::close(gone);
  // This one waits for its answer, having shut down only its writing half.
  std::string answer;
  std::thread waiting([&] { answer = Ask(socket_path_, request); });
  ::close(holder);  // the worker sees a probe, then the two requests
  waiting.join();
  EXPECT_EQ(answer, InProcess(request));
  EXPECT_EQ(server_->stats().abandoned, 1u);
  EXPECT_EQ(server_->stats().served, 1u);
  EXPECT_EQ(server_->stats().failed, 0u);
}

TEST_F(QueryServerTest, ClaimsTheSocketPathCarefully) {
  // A regular file is never replaced.
  { std::ofstream(socket_path_) << "not a socket"; }
  QueryServerOptions options;
  options.db_path = db_path_;
  options.socket_path = socket_path_;
  auto refused = QueryServer::Start(options, &log_);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("not a socket"), std::string::npos);
  std::filesystem::remove(socket_path_);

  StartServer();
  struct stat st;
  ASSERT_EQ(::stat(socket_path_.c_str(), &st), 0);
  EXPECT_TRUE(S_ISSOCK(st.st_mode));
  EXPECT_EQ(st.st_mode & 0777, 0660u);
  // A second server on a live socket is refused and leaves it alone.
  auto second = QueryServer::Start(options, &log_);
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("another server"), std::string::npos);
  EXPECT_NE(Ask(socket_path_, {"GET", "", {}}).find("200 OK"), std::string::npos);

  server_->Stop();
  EXPECT_NE(::stat(socket_path_.c_str(), &st), 0);  // removed on shutdown

  // A stale socket (bound, nobody listening) is replaced.
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, socket_path_.c_str(), sizeof(addr.sun_path) - 1);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  ::close(fd);
  StartServer();
  EXPECT_NE(Ask(socket_path_, {"GET", "", {}}).find("200 OK"), std::string::npos);
}

TEST_F(QueryServerTest, RefusesBadOptions) {
  QueryServerOptions options;
  options.db_path = db_path_;
  options.socket_path = socket_path_;
  options.threads = kMaxServerThreads + 1;
  EXPECT_TRUE(QueryServer::Start(options, &log_).status().IsInvalidArgument());
  options.threads = 1;
  options.socket_path = dir_ + "/" + std::string(200, 's');
  EXPECT_TRUE(QueryServer::Start(options, &log_).status().IsInvalidArgument());
  options.socket_path = socket_path_;
  options.db_path = dir_ + "/no-such-index";
  EXPECT_FALSE(QueryServer::Start(options, &log_).ok());
  EXPECT_FALSE(std::filesystem::exists(socket_path_));
}

}  // namespace
}  // namespace pressa
