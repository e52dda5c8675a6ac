// The front ends' exchange with pressa-searchd when the server's queue of
// connections is full: they wait for room instead of giving up at once (and
// searching in their own process, adding to the load that filled it).
#include "searcher/front_client.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "searcher/cgi_wire.h"

namespace pressa {
namespace {

using front::Exchange;

class FrontClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("pressa_front_client_test_" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = dir_ + "/full.sock";
    listener_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr = Address();
    ASSERT_EQ(::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    ASSERT_EQ(::listen(listener_, 0), 0);
    // Connections nobody accepts, until the queue refuses one.
    for (;;) {
      int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
      if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
        ASSERT_EQ(errno, EAGAIN) << std::strerror(errno);
        ::close(fd);
        break;
      }
      queued_.push_back(fd);
      ASSERT_LT(queued_.size(), 1000u);
    }
    wire::Request request;
    request.method = "GET";
    request.query_string = "q=export";
    ASSERT_TRUE(wire::EncodeRequest(request, &frame_));
  }
  void TearDown() override {
    for (int fd : queued_) ::close(fd);
    ::close(listener_);
    std::filesystem::remove_all(dir_);
  }

  sockaddr_un Address() const {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path_.c_str(), sizeof(addr.sun_path) - 1);
    return addr;
  }

  std::string dir_, path_, frame_;
  int listener_ = -1;
  std::vector<int> queued_;
};

TEST_F(FrontClientTest, AFullQueueIsWaitedForUntilThereIsRoom) {
  Exchange result;
  std::thread asker([&] {
    result = front::ExchangeFrames(path_, frame_, wire::kReplyMagic, wire::kMaxReplyBytes,
                                   front::Now() + 60);
  });
  // The asker finds the queue full (it waits at most 16 ms between tries).
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  // The server takes the connections queued before the asker's, in order,
  // then the asker's, and answers it.
  for (size_t i = 0; i < queued_.size(); ++i) {
    int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    ASSERT_GE(fd, 0);
    ::close(fd);
  }
  // (An asker that gave up never connects: fail instead of waiting forever.)
  pollfd ready = {listener_, POLLIN, 0};
  if (::poll(&ready, 1, 10000) != 1) {
    asker.join();
    FAIL() << "the asker never connected; outcome " << static_cast<int>(result.outcome);
  }
  int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
  ASSERT_GE(fd, 0);
  std::string got(frame_.size(), '\0');
  size_t have = 0;
  for (ssize_t n; have < got.size() && (n = ::recv(fd, &got[have], got.size() - have, 0)) > 0;) {
    have += static_cast<size_t>(n);
  }
  EXPECT_EQ(got, frame_);
  const std::string body = "Status: 200 OK\r\n\r\nanswered";
  const std::string reply = wire::ReplyHeader(body.size()) + body;
  ASSERT_EQ(::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(reply.size()));
  ::close(fd);
  asker.join();
  EXPECT_EQ(result.outcome, Exchange::Outcome::kAnswered);
  EXPECT_EQ(result.reply, body);
}

TEST_F(FrontClientTest, AQueueStillFullAtTheDeadlineIsATimeout) {
  // A busy server, not a missing one: the CGI answers 503 "took too long"
  // instead of searching in-process.
  const double deadline = front::Now() + 0.05;
  Exchange result =
      front::ExchangeFrames(path_, frame_, wire::kReplyMagic, wire::kMaxReplyBytes, deadline);
  EXPECT_GE(front::Now(), deadline) << "gave up before its deadline";
  EXPECT_EQ(result.outcome, Exchange::Outcome::kTimedOut);
  EXPECT_EQ(result.connect_errno, EAGAIN);
}

}  // namespace
}  // namespace pressa
