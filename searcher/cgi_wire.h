// The framing between the thin front ends (pressa.cgi, pressa-search) and
// pressa-searchd: one request and one reply per connection on a Unix-domain
// stream socket. Depends on nothing but the standard library, so that the
// front ends can link it without Xapian.
#ifndef PRESSA_SEARCHER_CGI_WIRE_H_
#define PRESSA_SEARCHER_CGI_WIRE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace pressa::wire {

// A frame is 4 magic bytes, a 32-bit little-endian payload length, the payload.
inline constexpr size_t kHeaderBytes = 8;
inline constexpr char kRequestMagic[4] = {'P', 'Q', 'R', '1'};
inline constexpr char kReplyMagic[4] = {'P', 'Q', 'A', '1'};         // a CGI response
inline constexpr char kSearchReplyMagic[4] = {'P', 'S', 'A', '1'};  // a SearchReply
// Bounds the server enforces before reading a payload. A request over the
// limit is never sent: pressa.cgi answers it in-process (QUERY_STRING alone
// is refused beyond 32 KiB there).
inline constexpr size_t kMaxRequestBytes = 64 * 1024;
inline constexpr size_t kMaxMethodBytes = 16;
inline constexpr size_t kMaxArgs = 256;
inline constexpr size_t kMaxReplyBytes = 32u << 20;

enum class RequestKind {
  kCgi,     // pressa.cgi: answered with a CGI response (kReplyMagic)
  kSearch,  // pressa-search: answered with a SearchReply (kSearchReplyMagic)
};

// Which index a pressa-search request means: st_dev and st_ino of its --db
// path as stat(2) (following symlinks) sees them in the front end. A request
// never carries a path; the server compares this with its own index.
struct IndexIdentity {
  uint64_t dev = 0;
  uint64_t ino = 0;
  bool operator==(const IndexIdentity& o) const { return dev == o.dev && ino == o.ino; }
  bool operator!=(const IndexIdentity& o) const { return !(*this == o); }
};

// What decides the answer. The index path is not in it: the server takes it
// from its own command line only.
struct Request {
  std::string method;             // kCgi: REQUEST_METHOD; empty: command-line mode
  std::string query_string;       // kCgi: QUERY_STRING
  // kCgi: NAME=VALUE arguments in command-line mode; kSearch: pressa-search's
  // argv after argv[0].
  std::vector<std::string> args;
  RequestKind kind = RequestKind::kCgi;
  IndexIdentity index = {};    // kSearch only
  bool stdout_is_tty = false;  // kSearch only: text output in colour
};

// The whole request frame (header and payload). False, with `out` unchanged,
// if the request exceeds the bounds above (or, for kCgi, sets an index or a
// tty; for kSearch, a method or query string).
bool EncodeRequest(const Request& request, std::string* out);

// The payload length announced by a frame header, or -1 if `header` (of
// kHeaderBytes bytes) does not start with `magic` or announces more than
// `max_bytes`.
long DecodeHeader(const char* header, const char (&magic)[4], size_t max_bytes);

// Parses a request payload (without its header). A CGI request has exactly
// one method and one query string field; a search request exactly one
// search field (the index identity and the tty flag) and neither of those.
// InvalidArgument for any malformation: truncated or unknown fields,
// repeated or mixed fields, NUL bytes (neither a CGI environment nor argv
// can hold them), over-long fields, too many arguments, a tty flag other
// than 0 or 1. Never reads outside `payload`.
Status DecodeRequest(std::string_view payload, Request* out);

// The header of a reply frame carrying `body_bytes` (<= kMaxReplyBytes).
std::string ReplyHeader(size_t body_bytes);

// pressa-searchd's answer to a search request: what pressa-search would have
// written and returned, or "not mine" (the server serves another index, or
// cannot answer) so that the front end runs the search in its own process.
struct SearchReply {
  bool not_mine = false;
  int exit_code = 0;  // 0..255
  std::string out;    // stdout bytes
  std::string err;    // stderr bytes
};

// The whole reply frame (header and payload). False, with `frame` unchanged,
// if the reply exceeds kMaxReplyBytes or the exit code is not 0..255.
bool EncodeSearchReply(const SearchReply& reply, std::string* frame);

// Parses a search reply payload (without its header). InvalidArgument if it
// is malformed: unknown kind, truncated, trailing bytes after "not mine".
Status DecodeSearchReply(std::string_view payload, SearchReply* out);

}  // namespace pressa::wire

#endif  // PRESSA_SEARCHER_CGI_WIRE_H_
