// pressa-cgi-inproc: the search page as a CGI program answering in its own
// process (or `NAME=VALUE...` from a shell when REQUEST_METHOD is unset).
// pressa.cgi (cgi_front.cc) runs it when no pressa-searchd answers.
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>

#include "core/open_files.h"
#include "searcher/cgi_front_pages.inc"  // kTimeoutPage (generated)
#include "searcher/cgi_handler.h"
#include "searcher/front_client.h"
#include "searcher/process_heap.h"

namespace {

// /proc/self/exe finds the binary even when started through a symlink or
// a relative path; argv[0] is the fallback. Started by pressa.cgi (the thin
// front end), the config beside pressa.cgi is the one that counts.
std::string ExePath(const char* argv0) {
  if (const char* front = std::getenv("PRESSA_CGI_FRONT"); front && *front) return front;
  return pressa::front::ExePath(argv0);
}

// The whole request is bounded: a query crafted to run long is cut off with
// a 503 page saying so, instead of holding a server process. PRESSA_TIMEOUT
// (seconds, from the server configuration) overrides the default.
constexpr double kRequestSeconds = 10;
std::atomic<bool> g_answered{false};

extern "C" void OnRequestTimeout(int) {
  if (g_answered.exchange(true)) return;  // the real answer is being written
  // Rendered at build time (TimeoutResponse), not at each start; WriteAll
  // only calls write(2), safe in a signal handler.
  pressa::front::WriteAll(STDOUT_FILENO,
                          std::string_view(kTimeoutPage, sizeof(kTimeoutPage) - 1));
  _exit(0);
}

void StartRequestTimer() {
  double seconds = pressa::front::TimeoutFromEnvironment(kRequestSeconds);
  std::signal(SIGALRM, OnRequestTimeout);
  itimerval timer{};
  timer.it_value.tv_sec = static_cast<time_t>(seconds);
  timer.it_value.tv_usec = static_cast<suseconds_t>((seconds - timer.it_value.tv_sec) * 1e6);
  if (timer.it_value.tv_sec == 0 && timer.it_value.tv_usec == 0) timer.it_value.tv_usec = 1;
  setitimer(ITIMER_REAL, &timer, nullptr);
}

void WriteAll(const std::string& data) {
  if (g_answered.exchange(true)) return;  // the timeout answered already
  std::cout.write(data.data(), static_cast<std::streamsize>(data.size()));
  std::cout.flush();
}

}  // namespace

int main(int argc, char** argv) try {
  pressa::UseHugePagesForHeap();
  pressa::RaiseOpenFileLimit();  // a stub of many shards
  std::ios::sync_with_stdio(false);
  StartRequestTimer();
  pressa::CgiEnvironment env;
  if (const char* method = std::getenv("REQUEST_METHOD")) env.request_method = method;
  if (const char* qs = std::getenv("QUERY_STRING")) env.query_string = qs;
  if (env.request_method.empty()) {
    for (int i = 1; i < argc; ++i) {
      if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
        std::cout << "usage: pressa.cgi [NAME=VALUE...]\n"
                     "Runs one search request from the command line and prints the CGI\n"
                     "response (headers and body). Names: q from to org person place source\n"
                     "sort page limit format. The index comes from PRESSA_DB or from\n"
                     "`db = /path` in pressa.cgi.conf beside the binary. With PRESSA_SOCKET\n"
                     "or `socket = /path` there, pressa.cgi asks pressa-searchd first.\n";
        return 0;
      }
      env.args.emplace_back(argv[i]);
    }
  }
  // The program's own path only matters without PRESSA_DB (the config file
  // beside it); servers set PRESSA_DB, and readlink is a system call.
  const char* db_env = std::getenv("PRESSA_DB");
  env.db_path = pressa::ResolveDbPath(
      db_env, db_env && *db_env ? std::string() : ExePath(argc > 0 ? argv[0] : nullptr),
      &env.db_problem);
  WriteAll(pressa::HandleCgiRequest(env, std::cerr).Serialize());
  return 0;
} catch (const std::exception& e) {
  std::cerr << "pressa.cgi: internal error: " << e.what() << "\n";
  WriteAll(pressa::InternalErrorResponse().Serialize());
  return 0;
} catch (...) {
  std::cerr << "pressa.cgi: internal error (unknown exception)\n";
  WriteAll(pressa::InternalErrorResponse().Serialize());
  return 0;
}
