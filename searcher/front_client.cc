// The socket exchange and exec helpers of the thin front ends (pressa.cgi,
// pressa-search).
#include "searcher/front_client.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "searcher/cgi_wire.h"

namespace pressa::front {
namespace {

// Waits until `fd` is ready for `events` or the deadline passes.
bool WaitFor(int fd, short events, double deadline) {
  for (;;) {
    double left = deadline - Now();
    if (left <= 0) return false;
    pollfd p{fd, events, 0};
    int r = ::poll(&p, 1, static_cast<int>(left * 1000) + 1);
    if (r > 0) return true;
    if (r < 0 && errno != EINTR) return false;
  }
}

bool ReadFull(int fd, char* buf, size_t n, double deadline) {
  size_t done = 0;
  while (done < n) {
    ssize_t r = ::recv(fd, buf + done, n - done, 0);
    if (r > 0) {
      done += static_cast<size_t>(r);
    } else if (r < 0 && (errno == EAGAIN || errno == EINTR)) {
      if (!WaitFor(fd, POLLIN, deadline)) return false;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

double Now() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

void WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    data.remove_prefix(static_cast<size_t>(n));
  }
}

std::string ExePath(const char* argv0) {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n > 0) return std::string(buf, static_cast<size_t>(n));
  return argv0 ? argv0 : "";
}

std::string SiblingPath(const std::string& exe, const char* name) {
  size_t slash = exe.rfind('/');
  return (slash == std::string::npos ? std::string(".") : exe.substr(0, slash)) + "/" + name;
}

double TimeoutFromEnvironment(double fallback) {
  if (const char* v = std::getenv("PRESSA_TIMEOUT")) {
    char* end = nullptr;
    double d = std::strtod(v, &end);
    if (end != v && *end == '\0' && d > 0 && d <= 3600) return d;
  }
  return fallback;
}

Exchange ExchangeFrames(const std::string& socket_path, std::string_view frame,
                        const char (&reply_magic)[4], size_t max_reply, double deadline) {
  Exchange result;
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (socket_path.size() >= sizeof(addr.sun_path)) {
    result.outcome = Exchange::Outcome::kPathTooLong;
    return result;
  }
  std::memcpy(addr.sun_path, socket_path.data(), socket_path.size());
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) {
    result.outcome = Exchange::Outcome::kNotConnected;
    result.connect_errno = errno;
    return result;
  }
  int connected = ::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr));
  // EAGAIN: the server runs but its queue of waiting requests is full. A
  // search in this process would add a cold search's CPU to the load that
  // filled it (a 400-request burst on the 10x index sent a third of them
  // in-process): wait for room instead, up to the deadline.
  for (int pause_ms = 1; connected != 0 && errno == EAGAIN && Now() < deadline;) {
    ::poll(nullptr, 0, pause_ms);
    pause_ms = pause_ms < 16 ? pause_ms * 2 : 16;
    connected = ::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr));
  }
  if (connected != 0 && errno != EINPROGRESS) {
    // ECONNREFUSED/ENOENT: none runs. EAGAIN: still full at the deadline,
    // which is a server too busy to answer in time.
    result.outcome = errno == EAGAIN ? Exchange::Outcome::kTimedOut
                                     : Exchange::Outcome::kNotConnected;
    result.connect_errno = errno;
    ::close(fd);
    return result;
  }
  size_t sent = 0;
  while (sent < frame.size()) {
    ssize_t n = ::send(fd, frame.data() + sent, frame.size() - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EINTR || errno == EINPROGRESS)) {
      if (!WaitFor(fd, POLLOUT, deadline)) break;
    } else {
      break;
    }
  }
  char header[wire::kHeaderBytes];
  if (sent == frame.size() && ReadFull(fd, header, sizeof(header), deadline)) {
    long bytes = wire::DecodeHeader(header, reply_magic, max_reply);
    if (bytes > 0) {
      // Pages populated in one call: faulting in ~12 pages of a typical
      // reply one by one costs more on a paravirtualized VM.
      void* p = ::mmap(nullptr, static_cast<size_t>(bytes), PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
      if (p != MAP_FAILED &&
          ReadFull(fd, static_cast<char*>(p), static_cast<size_t>(bytes), deadline)) {
        result.reply = std::string_view(static_cast<char*>(p), static_cast<size_t>(bytes));
        result.outcome = Exchange::Outcome::kAnswered;
      }
    } else if (bytes == 0) {
      result.outcome = Exchange::Outcome::kAnswered;
    }
  }
  ::close(fd);
  if (result.outcome != Exchange::Outcome::kAnswered && Now() >= deadline) {
    result.outcome = Exchange::Outcome::kTimedOut;
  }
  return result;
}

void ExecWithArgs(const std::string& path, int argc, char** argv) {
  std::vector<char*> args{const_cast<char*>(path.c_str())};
  for (int i = 1; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);
  ::execv(path.c_str(), args.data());
}

}  // namespace pressa::front
