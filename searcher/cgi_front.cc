// pressa.cgi: forwards the request to pressa-searchd when one is configured
// and answers, else runs pressa-cgi-inproc (beside this binary) to answer in
// this process. Linked statically and without Xapian: it starts in a fraction
// of the time the in-process program needs to load its libraries.
#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/cgi_front_pages.inc"  // kTimeoutPage, kInternalErrorPage (generated)
#include "searcher/cgi_wire.h"

namespace {

constexpr char kInProcessName[] = "pressa-cgi-inproc";
constexpr double kRequestSeconds = 10;  // as pressa-cgi-inproc's own limit
constexpr size_t kMaxConfigBytes = 64 * 1024;

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

void LogLine(const std::string& line) { WriteAll(STDERR_FILENO, "pressa.cgi: " + line + "\n"); }

std::string ExePath(const char* argv0) {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n > 0) return std::string(buf, static_cast<size_t>(n));
  return argv0 ? argv0 : "";
}

std::string_view Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// `socket = PATH` from the config file (the format of ReadDbPathFromConfig);
// empty if there is no file or no such line.
std::string SocketFromConfig(const std::string& config_path) {
  int fd = ::open(config_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "";
  std::string text(kMaxConfigBytes, '\0');
  size_t len = 0;
  while (len < text.size()) {
    ssize_t n = ::read(fd, text.data() + len, text.size() - len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    len += static_cast<size_t>(n);
  }
  ::close(fd);
  std::string_view rest(text.data(), len);
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view line = Trim(rest.substr(0, nl));
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (line.empty() || line[0] == '#') continue;
    size_t eq = line.find('=');
    if (eq != std::string_view::npos && Trim(line.substr(0, eq)) == "socket") {
      return std::string(Trim(line.substr(eq + 1)));
    }
  }
  return "";
}

double RequestSeconds() {
  if (const char* v = std::getenv("PRESSA_TIMEOUT")) {
    char* end = nullptr;
    double d = std::strtod(v, &end);
    if (end != v && *end == '\0' && d > 0 && d <= 3600) return d;
  }
  return kRequestSeconds;
}

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

enum class Outcome { kAnswered, kTimedOut, kNoAnswer };

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

// One exchange with the server; the reply is written to stdout only once it
// has arrived whole, so that a server dying mid-reply leaves stdout clean for
// the in-process answer.
Outcome AskServer(const std::string& socket_path, const std::string& frame, double deadline) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (socket_path.size() >= sizeof(addr.sun_path)) {
    LogLine("socket path too long: " + socket_path);
    return Outcome::kNoAnswer;
  }
  std::memcpy(addr.sun_path, socket_path.data(), socket_path.size());
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return Outcome::kNoAnswer;
  Outcome outcome = Outcome::kNoAnswer;
  std::string_view reply;  // in pages that live until exit
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) != 0 &&
      errno != EINPROGRESS) {
    // EAGAIN: the server's queue is full; ECONNREFUSED/ENOENT: none runs.
    LogLine("no answer from pressa-searchd on " + socket_path + " (" + std::strerror(errno) +
            "); answering in-process");
    ::close(fd);
    return Outcome::kNoAnswer;
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
  char header[pressa::wire::kHeaderBytes];
  if (sent == frame.size() && ReadFull(fd, header, sizeof(header), deadline)) {
    long bytes =
        pressa::wire::DecodeHeader(header, pressa::wire::kReplyMagic, pressa::wire::kMaxReplyBytes);
    if (bytes > 0) {
      // Pages populated in one call: faulting in ~12 pages of a typical
      // reply one by one costs more on a paravirtualized VM.
      void* p = ::mmap(nullptr, static_cast<size_t>(bytes), PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
      if (p != MAP_FAILED) {
        reply = std::string_view(static_cast<char*>(p), static_cast<size_t>(bytes));
        if (ReadFull(fd, static_cast<char*>(p), reply.size(), deadline)) {
          outcome = Outcome::kAnswered;
        }
      }
    } else if (bytes == 0) {
      outcome = Outcome::kAnswered;
    }
  }
  ::close(fd);
  if (outcome == Outcome::kAnswered) {
    WriteAll(STDOUT_FILENO, reply);
  } else if (Now() >= deadline) {
    outcome = Outcome::kTimedOut;
  } else {
    LogLine("pressa-searchd on " + socket_path + " gave no answer; answering in-process");
  }
  return outcome;
}

// Replaces this process with pressa-cgi-inproc from this binary's directory
// (never a path from the request), which answers exactly as pressa.cgi did
// before the server existed. Returns only if that fails.
void RunInProcess(int argc, char** argv, const std::string& exe, double seconds_left) {
  size_t slash = exe.rfind('/');
  std::string full =
      (slash == std::string::npos ? std::string(".") : exe.substr(0, slash)) + "/" + kInProcessName;
  // Its pressa.cgi.conf is ours: it reads the config beside this path.
  if (!exe.empty()) setenv("PRESSA_CGI_FRONT", exe.c_str(), 1);
  if (seconds_left > 0) {
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.3f", seconds_left < 0.001 ? 0.001 : seconds_left);
    setenv("PRESSA_TIMEOUT", buf, 1);
  }
  // A fresh argument vector: argc may be 0 (then argv holds only its NULL).
  std::vector<char*> args{full.data()};
  for (int i = 1; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);
  ::execv(full.c_str(), args.data());
  LogLine("cannot run " + full + ": " + std::strerror(errno));
}

}  // namespace

int main(int argc, char** argv) {
  const double start = Now();
  const char* method = std::getenv("REQUEST_METHOD");
  const char* query = std::getenv("QUERY_STRING");
  pressa::wire::Request request;
  request.method = method ? method : "";
  bool forward = true;
  if (request.method.empty()) {
    for (int i = 1; i < argc; ++i) {
      if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) forward = false;
      request.args.emplace_back(argv[i]);
    }
  } else {
    request.query_string = query ? query : "";
  }

  std::string exe;  // read only when needed: servers set PRESSA_SOCKET
  std::string socket_path;
  if (const char* s = std::getenv("PRESSA_SOCKET"); s && *s) {
    socket_path = s;
  } else {
    exe = ExePath(argc > 0 ? argv[0] : nullptr);
    if (!exe.empty()) socket_path = SocketFromConfig(exe + ".conf");
  }

  double seconds = RequestSeconds(), deadline = start + seconds;
  bool asked = false;
  std::string frame;
  if (forward && !socket_path.empty() && pressa::wire::EncodeRequest(request, &frame)) {
    asked = true;
    switch (AskServer(socket_path, frame, deadline)) {
      case Outcome::kAnswered:
        return 0;
      case Outcome::kTimedOut:
        LogLine("pressa-searchd did not answer within " + std::to_string(seconds) + " s");
        WriteAll(STDOUT_FILENO, std::string_view(kTimeoutPage, sizeof(kTimeoutPage) - 1));
        return 0;
      case Outcome::kNoAnswer:
        break;
    }
  }
  if (exe.empty()) exe = ExePath(argc > 0 ? argv[0] : nullptr);
  RunInProcess(argc, argv, exe, asked ? deadline - Now() : 0);
  WriteAll(STDOUT_FILENO, std::string_view(kInternalErrorPage, sizeof(kInternalErrorPage) - 1));
  return 0;
}
