// pressa-search: asks pressa-searchd (PRESSA_SOCKET) to run the search when
// it serves the index named by --db, else runs pressa-search-inproc (beside
// this binary) with the same arguments. Linked statically and without
// Xapian, ICU or Boost, it starts in a fraction of the time the in-process
// program needs to load them; either way the output is the same bytes. A
// server that was asked and did not answer is named on stderr only when
// stderr is a terminal: scripts and cron see the same bytes either way.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "searcher/cgi_wire.h"
#include "searcher/db_argument.h"
#include "searcher/front_client.h"

namespace {

constexpr char kInProcessName[] = "pressa-search-inproc";
// Waiting for the server: its own limit (pressa-searchd --timeout, 10 s by
// default, or PRESSA_TIMEOUT here) plus time for its "took too long" reply
// to arrive. A server that stays silent longer is treated as absent.
constexpr double kServerSeconds = 10;
constexpr double kReplyGraceSeconds = 1;
constexpr int kExitFailure = 2;

// The search through the server; false (nothing written) if it cannot or
// will not answer for this index, so that the caller runs it in-process.
// `why` then says why the server did not answer, or stays empty when it was
// not asked (no --db it can tell for sure, or no such directory: the
// in-process program reports that itself).
bool AskServer(const char* socket_path, int argc, char** argv, double start, int* exit_code,
               std::string* why) {
  std::string db = pressa::DbArgument(argc, argv);
  struct stat st;
  if (db.empty() || ::stat(db.c_str(), &st) != 0) return false;
  pressa::wire::Request request;
  request.kind = pressa::wire::RequestKind::kSearch;
  request.index.dev = static_cast<uint64_t>(st.st_dev);
  request.index.ino = static_cast<uint64_t>(st.st_ino);
  request.stdout_is_tty = ::isatty(STDOUT_FILENO) == 1;
  for (int i = 1; i < argc; ++i) request.args.emplace_back(argv[i]);
  std::string frame;
  if (!pressa::wire::EncodeRequest(request, &frame)) return false;
  double deadline =
      start + pressa::front::TimeoutFromEnvironment(kServerSeconds) + kReplyGraceSeconds;
  pressa::front::Exchange exchange =
      pressa::front::ExchangeFrames(socket_path, frame, pressa::wire::kSearchReplyMagic,
                                    pressa::wire::kMaxReplyBytes, deadline);
  using Outcome = pressa::front::Exchange::Outcome;
  switch (exchange.outcome) {
    case Outcome::kAnswered:
      break;
    case Outcome::kPathTooLong:
      *why = "the socket path is too long";
      return false;
    case Outcome::kNotConnected:
      *why = std::strerror(exchange.connect_errno);
      return false;
    case Outcome::kNoAnswer:
      *why = "no reply";
      return false;
    case Outcome::kTimedOut:
      *why = "no reply in time";
      return false;
  }
  pressa::wire::SearchReply reply;
  if (!pressa::wire::DecodeSearchReply(exchange.reply, &reply).ok()) {
    *why = "a reply it cannot read";
    return false;
  }
  if (reply.not_mine) {
    *why = "it serves another index";
    return false;
  }
  pressa::front::WriteAll(STDOUT_FILENO, reply.out);
  pressa::front::WriteAll(STDERR_FILENO, reply.err);
  *exit_code = reply.exit_code;
  return true;
}

// `text` for a terminal: control bytes as \xNN, so that an environment value
// cannot move the cursor or recolour the screen.
std::string ForTerminal(std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const double start = pressa::front::Now();
  if (const char* socket_path = std::getenv("PRESSA_SOCKET"); socket_path && *socket_path) {
    int exit_code = 0;
    std::string why;
    if (AskServer(socket_path, argc, argv, start, &exit_code, &why)) return exit_code;
    if (!why.empty() && ::isatty(STDERR_FILENO) == 1) {
      pressa::front::WriteAll(STDERR_FILENO, std::string("pressa-search: pressa-searchd at ") +
                                                 ForTerminal(socket_path) +
                                                 " did not answer (" + why +
                                                 "); searching in-process\n");
    }
  }
  std::string full = pressa::front::SiblingPath(
      pressa::front::ExePath(argc > 0 ? argv[0] : nullptr), kInProcessName);
  pressa::front::ExecWithArgs(full, argc, argv);
  pressa::front::WriteAll(STDERR_FILENO,
                          "pressa-search: cannot run " + full + ": " + std::strerror(errno) + "\n");
  return kExitFailure;
}
