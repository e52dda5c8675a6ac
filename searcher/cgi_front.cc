// pressa.cgi: forwards the request to pressa-searchd when one is configured
// and answers, else runs pressa-cgi-inproc (beside this binary) to answer in
// this process. Linked statically and without Xapian: it starts in a fraction
// of the time the in-process program needs to load its libraries.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "core/config_lines.h"
#include "core/file_head.h"
#include "searcher/cgi_front_pages.inc"  // kTimeoutPage, kInternalErrorPage (generated)
#include "searcher/cgi_wire.h"
#include "searcher/front_client.h"

namespace {

using pressa::front::Exchange;
using pressa::front::WriteAll;

constexpr char kInProcessName[] = "pressa-cgi-inproc";
constexpr double kRequestSeconds = 10;  // as pressa-cgi-inproc's own limit

void LogLine(const std::string& line) { WriteAll(STDERR_FILENO, "pressa.cgi: " + line + "\n"); }

// `socket = PATH` from the config file (the format of ReadDbPathFromConfig);
// empty if there is no file or no such line.
std::string SocketFromConfig(const std::string& config_path) {
  std::string text, socket;
  if (!pressa::ReadFileHead(config_path, pressa::kMaxConfigBytes, &text)) return "";
  pressa::ForEachConfigEntry(text, [&socket](std::string_view name, std::string_view value) {
    if (name != "socket") return true;
    socket = value;  // the first `socket` line decides, even an empty one
    return false;
  });
  return socket;
}

enum class Outcome { kAnswered, kTimedOut, kNoAnswer };

// One exchange with the server; the reply is written to stdout only once it
// has arrived whole, so that a server dying mid-reply leaves stdout clean for
// the in-process answer.
Outcome AskServer(const std::string& socket_path, const std::string& frame, double deadline) {
  Exchange exchange = pressa::front::ExchangeFrames(
      socket_path, frame, pressa::wire::kReplyMagic, pressa::wire::kMaxReplyBytes, deadline);
  switch (exchange.outcome) {
    case Exchange::Outcome::kAnswered:
      WriteAll(STDOUT_FILENO, exchange.reply);
      return Outcome::kAnswered;
    case Exchange::Outcome::kTimedOut:
      return Outcome::kTimedOut;
    case Exchange::Outcome::kPathTooLong:
      LogLine("socket path too long: " + socket_path);
      return Outcome::kNoAnswer;
    case Exchange::Outcome::kNotConnected:
      LogLine("no answer from pressa-searchd on " + socket_path + " (" +
              std::strerror(exchange.connect_errno) + "); answering in-process");
      return Outcome::kNoAnswer;
    case Exchange::Outcome::kNoAnswer:
      break;
  }
  LogLine("pressa-searchd on " + socket_path + " gave no answer; answering in-process");
  return Outcome::kNoAnswer;
}

// Replaces this process with pressa-cgi-inproc from this binary's directory
// (never a path from the request), which answers exactly as pressa.cgi did
// before the server existed. Returns only if that fails.
void RunInProcess(int argc, char** argv, const std::string& exe, double seconds_left) {
  std::string full = pressa::front::SiblingPath(exe, kInProcessName);
  // Its pressa.cgi.conf is ours: it reads the config beside this path.
  if (!exe.empty()) setenv("PRESSA_CGI_FRONT", exe.c_str(), 1);
  if (seconds_left > 0) {
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.3f", seconds_left < 0.001 ? 0.001 : seconds_left);
    setenv("PRESSA_TIMEOUT", buf, 1);
  }
  pressa::front::ExecWithArgs(full, argc, argv);
  LogLine("cannot run " + full + ": " + std::strerror(errno));
}

}  // namespace

int main(int argc, char** argv) {
  const double start = pressa::front::Now();
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
    exe = pressa::front::ExePath(argc > 0 ? argv[0] : nullptr);
    if (!exe.empty()) socket_path = SocketFromConfig(exe + ".conf");
  }

  double seconds = pressa::front::TimeoutFromEnvironment(kRequestSeconds);
  double deadline = start + seconds;
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
  if (exe.empty()) exe = pressa::front::ExePath(argc > 0 ? argv[0] : nullptr);
  RunInProcess(argc, argv, exe, asked ? deadline - pressa::front::Now() : 0);
  WriteAll(STDOUT_FILENO, std::string_view(kInternalErrorPage, sizeof(kInternalErrorPage) - 1));
  return 0;
}
