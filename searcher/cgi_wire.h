// The framing between pressa.cgi and pressa-searchd: one request and one reply
// per connection on a Unix-domain stream socket. Depends on nothing but the
// standard library, so that the thin pressa.cgi can link it without Xapian.
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
inline constexpr char kReplyMagic[4] = {'P', 'Q', 'A', '1'};
// Bounds the server enforces before reading a payload. A request over the
// limit is never sent: pressa.cgi answers it in-process (QUERY_STRING alone
// is refused beyond 32 KiB there).
inline constexpr size_t kMaxRequestBytes = 64 * 1024;
inline constexpr size_t kMaxMethodBytes = 16;
inline constexpr size_t kMaxArgs = 256;
inline constexpr size_t kMaxReplyBytes = 32u << 20;

// The part of the CGI environment that decides the response. The index path
// is not in it: the server takes it from its own command line only.
struct Request {
  std::string method;             // REQUEST_METHOD; empty: command-line mode
  std::string query_string;       // QUERY_STRING
  std::vector<std::string> args;  // NAME=VALUE arguments in command-line mode
};

// The whole request frame (header and payload). False, with `out` unchanged,
// if the request exceeds the bounds above.
bool EncodeRequest(const Request& request, std::string* out);

// The payload length announced by a frame header, or -1 if `header` (of
// kHeaderBytes bytes) does not start with `magic` or announces more than
// `max_bytes`.
long DecodeHeader(const char* header, const char (&magic)[4], size_t max_bytes);

// Parses a request payload (without its header). InvalidArgument for any
// malformation: truncated or unknown fields, repeated method or query
// string, NUL bytes (a CGI environment cannot hold them), over-long fields,
// too many arguments. Never reads outside `payload`.
Status DecodeRequest(std::string_view payload, Request* out);

// The header of a reply frame carrying `body_bytes` (<= kMaxReplyBytes).
std::string ReplyHeader(size_t body_bytes);

}  // namespace pressa::wire

#endif  // PRESSA_SEARCHER_CGI_WIRE_H_
