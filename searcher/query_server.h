// The resident search server behind pressa.cgi and pressa-search
// (pressa-searchd): long-lived Searchers answer CGI requests and pressa-search
// command lines that arrive on a Unix-domain socket, so a request pays
// neither loading Xapian nor opening a cold index. A pressa-search request
// names its index by identity (st_dev, st_ino); one that means another index
// is answered "not mine" and runs in the client's own process.
#ifndef PRESSA_SEARCHER_QUERY_SERVER_H_
#define PRESSA_SEARCHER_QUERY_SERVER_H_

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>

#include "core/status.h"

namespace pressa {

inline constexpr int kMaxServerThreads = 64;

struct QueryServerOptions {
  // The index (a directory or a Xapian stub file). Only ever from the
  // server's own configuration: a request never names a path.
  std::string db_path;
  // Where to listen. Created with mode 0660 (connecting needs write
  // permission: run the server in the web server's group); a stale socket
  // file left by a dead server is replaced.
  std::string socket_path;
  // Worker threads, each with its own Searcher: 1..kMaxServerThreads.
  int threads = 2;
  // A request still running after this long is answered with the CGI's 503
  // "took too long" page, or for pressa-search with exit code 2 and a
  // one-line message (the search itself runs on to its end, its result is
  // dropped).
  double request_seconds = 10;
  // Reading a request and writing a reply each give up after this long.
  double io_seconds = 5;
};

// What the server has done since it started.
struct QueryServerStats {
  uint64_t served = 0;     // replies written
  uint64_t malformed = 0;  // requests refused: bad frame, bad fields, too large, too slow to arrive
  uint64_t timed_out = 0;  // answered "took too long" at request_seconds
  uint64_t failed = 0;     // replies that could not be written, handler exceptions
  uint64_t abandoned = 0;  // requests not run: the client hung up before a worker took them
};

class QueryServer {
 public:
  // Opens one Searcher per thread, binds the socket and starts serving.
  // InvalidArgument for bad options; IOError if `socket_path` exists and is
  // not a socket, another server answers there, or it cannot be bound; the
  // Searcher's own error if the index cannot be opened. Problems found while
  // serving (a request that fails, the index gone) go to `log`, which must
  // outlive the server; nothing is logged while all goes well.
  static Result<std::unique_ptr<QueryServer>> Start(const QueryServerOptions& options,
                                                    std::ostream* log);

  QueryServer(const QueryServer&) = delete;
  QueryServer& operator=(const QueryServer&) = delete;
  // Stop()s.
  ~QueryServer();

  // Stops accepting, lets running requests finish, joins the threads and
  // removes the socket file (if it is still the one this server created).
  // Idempotent; call from one thread (not from a signal handler: the
  // caller waits for signals with sigwait, see searchd_main.cc).
  void Stop();

  // Thread-safe.
  QueryServerStats stats() const;

 private:
  struct Impl;
  explicit QueryServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace pressa

#endif  // PRESSA_SEARCHER_QUERY_SERVER_H_
