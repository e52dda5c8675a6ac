// One CGI request from start to end: environment in, HTTP response out. The
// main() of pressa.cgi only gathers the environment and writes the response.
#ifndef PRESSA_SEARCHER_CGI_HANDLER_H_
#define PRESSA_SEARCHER_CGI_HANDLER_H_

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace pressa {

class Searcher;

// What the web server (or the command line) hands the CGI program.
struct CgiEnvironment {
  // REQUEST_METHOD; empty means command-line mode, where `args` holds the
  // NAME=VALUE pairs (not percent-decoded) instead of `query_string`.
  std::string request_method;
  std::string query_string;
  std::vector<std::string> args;
  // The index, from the server's configuration; never from the request.
  // Empty when none is configured; `db_problem` then says why (logged only
  // when a request needs the index).
  std::string db_path;
  std::string db_problem;
};

struct CgiResponse {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> extra_headers;  // e.g. Allow
  std::string body;
  bool head_only = false;  // HEAD: headers only

  // The CGI header block (Status, Content-Type, security headers) followed
  // by a blank line and the body.
  std::string Serialize() const;
};

// Answers one request. Never throws; details of server-side failures (paths,
// Xapian messages) go to `log` (stderr), never into the response.
CgiResponse HandleCgiRequest(const CgiEnvironment& env, std::ostream& log);

// The same with an index already open (pressa-searchd keeps one Searcher per
// worker thread): `searcher` is used instead of opening env.db_path, which
// is then unused. A null `searcher` means: open env.db_path, as above. The
// caller keeps ownership; calls sharing one `searcher` must not overlap.
CgiResponse HandleCgiRequest(const CgiEnvironment& env, Searcher* searcher, std::ostream& log);

// The 503 page for a request that ran past its time limit.
CgiResponse TimeoutResponse();

// The response for an exception that escaped everything else: a plain 500
// page with no detail of the failure.
CgiResponse InternalErrorResponse();

// The Russian text of a query error from the searcher (whose messages are
// English, for the command line); an unknown message is returned as it is.
std::string RussianQueryError(const std::string& message);

// Reads `db = /path` from a config file (lines `name = value`, '#' comments).
// NotFound if the file does not exist; InvalidArgument if it has no `db`.
Result<std::string> ReadDbPathFromConfig(const std::string& config_path);

// The index path: `env_value` (PRESSA_DB) when set and non-empty, else the
// `db` of `<exe_path>.conf`; empty if neither, with the reason in `problem`.
std::string ResolveDbPath(const char* env_value, const std::string& exe_path,
                          std::string* problem);

}  // namespace pressa

#endif  // PRESSA_SEARCHER_CGI_HANDLER_H_
