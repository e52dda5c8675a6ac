// pressa.cgi: the search page as a CGI program (or `pressa.cgi NAME=VALUE...`
// from a shell when REQUEST_METHOD is unset).
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "searcher/cgi_handler.h"

namespace {

// /proc/self/exe finds the binary even when started through a symlink or
// a relative path; argv[0] is the fallback.
std::string ExePath(const char* argv0) {
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n > 0) return std::string(buf, static_cast<size_t>(n));
  return argv0 ? argv0 : "";
}

void WriteAll(const std::string& data) {
  std::cout.write(data.data(), static_cast<std::streamsize>(data.size()));
  std::cout.flush();
}

}  // namespace

int main(int argc, char** argv) try {
  std::ios::sync_with_stdio(false);
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
                     "`db = /path` in pressa.cgi.conf beside the binary.\n";
        return 0;
      }
      env.args.emplace_back(argv[i]);
    }
  }
  env.db_path = pressa::ResolveDbPath(std::getenv("PRESSA_DB"),
                                      ExePath(argc > 0 ? argv[0] : nullptr), &env.db_problem);
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
