// Shared by the pressa-searchd tests: a small index of test articles in a
// temporary directory beside the server's socket, and one raw exchange.
#ifndef PRESSA_TESTS_SEARCHER_SERVER_TEST_UTIL_H_
#define PRESSA_TESTS_SEARCHER_SERVER_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <xapian.h>

#include <cstring>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>

#include "core/schema.h"
#include "indexer/document_builder.h"
#include "searcher/query_server.h"
#include "stemmers/analyzer.h"
#include "stemmers/entity_names.h"

namespace pressa {

struct TestDoc {
  const char* id;
  const char* date;
  const char* source;  // "" for none
  const char* title;
  const char* text;
};

inline void AddTestDoc(Xapian::WritableDatabase* db, DocumentBuilder* builder, const TestDoc& d) {
  Article a;
  a.id = d.id;
  a.date = d.date;
  a.source = d.source;
  a.title = d.title;
  a.text = d.text;
  db->replace_document(schema::IdTerm(a.id), builder->Build(a));
}

// A socket connected to `socket_path`, or -1.
inline int ConnectTo(const std::string& socket_path) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, socket_path.c_str(), sizeof(addr.sun_path) - 1);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// One connection: sends `bytes` (none: connect and close), reads until the
// server closes.
inline std::string ExchangeBytes(const std::string& socket_path, const std::string& bytes) {
  int fd = ConnectTo(socket_path);
  if (fd < 0) return "<connect failed>";
  if (!bytes.empty()) ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  ::shutdown(fd, SHUT_WR);
  std::string out;
  char buf[16384];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof(buf), 0)) > 0;) {
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

// A temporary directory holding an index of test articles and, once
// started, a server on a socket beside it.
class ServerTestBase : public ::testing::Test {
 protected:
  // `name` keeps concurrent test programs apart.
  template <size_t N>
  void MakeIndex(const std::string& name, const TestDoc (&docs)[N]) {
    dir_ = std::filesystem::temp_directory_path() / (name + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_path_ = dir_ + "/db";
    socket_path_ = dir_ + "/searchd.sock";
    auto analyzer = Analyzer::Create();
    ASSERT_TRUE(analyzer.ok());
    analyzer_ = std::move(*analyzer);
    Xapian::WritableDatabase db(db_path_, Xapian::DB_CREATE_OR_OVERWRITE);
    DocumentBuilder builder(analyzer_.get());
    for (const TestDoc& d : docs) AddTestDoc(&db, &builder, d);
    db.set_metadata(schema::kMetaSchema, std::to_string(schema::kSchemaVersion));
    db.set_metadata(schema::kMetaAliases, AliasTable::Default().Serialize());
    db.commit();
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Serves db_path_ on socket_path_ with the rest of `options`.
  void StartServerWith(QueryServerOptions options) {
    options.db_path = db_path_;
    options.socket_path = socket_path_;
    auto server = QueryServer::Start(options, &log_);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
  }

  std::string dir_, db_path_, socket_path_;
  std::unique_ptr<Analyzer> analyzer_;
  std::ostringstream log_;
  std::unique_ptr<QueryServer> server_;
};

}  // namespace pressa

#endif  // PRESSA_TESTS_SEARCHER_SERVER_TEST_UTIL_H_
