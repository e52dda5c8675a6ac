// What the thin front ends pressa.cgi and pressa-search share: one exchange
// of frames with pressa-searchd, and running the in-process program that sits
// beside them. Depends on nothing but libc and the standard library, so that
// both link statically without Xapian, ICU or Boost.
#ifndef PRESSA_SEARCHER_FRONT_CLIENT_H_
#define PRESSA_SEARCHER_FRONT_CLIENT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace pressa::front {

// Monotonic seconds.
double Now();

// Writes all of `data` to `fd`, retrying on EINTR; stops silently at an error.
void WriteAll(int fd, std::string_view data);

// This program's path from /proc/self/exe, else `argv0` (may be null), else "".
std::string ExePath(const char* argv0);

// The file named `name` in the directory of `exe` ("." if it has no slash).
std::string SiblingPath(const std::string& exe, const char* name);

// Seconds from PRESSA_TIMEOUT when it is a number in (0, 3600], else `fallback`.
double TimeoutFromEnvironment(double fallback);

struct Exchange {
  enum class Outcome {
    kAnswered,      // `reply` holds the whole reply payload
    kPathTooLong,   // the socket path does not fit a Unix-domain address
    kNotConnected,  // connect failed: `connect_errno` says why
    kNoAnswer,      // connected, but no well-formed reply frame came back
    kTimedOut,      // the deadline passed first
  };
  Outcome outcome = Outcome::kNoAnswer;
  int connect_errno = 0;
  // Valid for the life of the process (pages mapped once and never freed:
  // the front ends answer one request and exit).
  std::string_view reply;
};

// Connects to `socket_path` without blocking, sends `frame` and reads one
// reply frame that starts with `reply_magic` and carries at most `max_reply`
// bytes, giving up at `deadline` (a Now() value). A server whose queue of
// connections is full is waited for, up to the deadline. Nothing is written to
// stdout or stderr: the caller decides what an outcome means.
Exchange ExchangeFrames(const std::string& socket_path, std::string_view frame,
                        const char (&reply_magic)[4], size_t max_reply, double deadline);

// Replaces this process with `path`, given argv[1..argc) of this one (argc
// may be 0, leaving argv only its NULL) and `path` as its argv[0]. Returns
// only if execv fails, with errno set.
void ExecWithArgs(const std::string& path, int argc, char** argv);

}  // namespace pressa::front

#endif  // PRESSA_SEARCHER_FRONT_CLIENT_H_
