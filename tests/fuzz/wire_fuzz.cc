// Fuzz target: pressa-searchd's request decoder on arbitrary bytes (a frame
// header and payload as they arrive on the socket), both kinds of request
// (pressa.cgi's and pressa-search's), the decoder of the search replies the
// pressa-search front end reads, and the round trip of whatever they accept.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "searcher/cgi_wire.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace pressa::wire;
  const char* bytes = reinterpret_cast<const char*>(data);
  const std::string_view input(bytes, size);
  if (size >= kHeaderBytes) {
    long n = DecodeHeader(bytes, kRequestMagic, kMaxRequestBytes);
    if (n > static_cast<long>(kMaxRequestBytes)) std::abort();
  }

  // A search reply (what the front end trusts to write out and exit with).
  SearchReply reply;
  if (DecodeSearchReply(input, &reply).ok()) {
    if (reply.exit_code < 0 || reply.exit_code > 255 ||
        reply.out.size() + reply.err.size() > size) {
      std::abort();
    }
    std::string frame;
    SearchReply again;
    if (!EncodeSearchReply(reply, &frame) ||
        !DecodeSearchReply(std::string_view(frame).substr(kHeaderBytes), &again).ok() ||
        again.not_mine != reply.not_mine || again.exit_code != reply.exit_code ||
        again.out != reply.out || again.err != reply.err ||
        (!reply.not_mine && frame.substr(kHeaderBytes) != input)) {
      std::abort();
    }
  }

  Request request;
  if (!DecodeRequest(input, &request).ok()) return 0;
  if (request.method.size() > kMaxMethodBytes || request.args.size() > kMaxArgs ||
      (!request.method.empty() && !request.args.empty())) {
    std::abort();
  }
  if (request.kind == RequestKind::kSearch &&
      (!request.method.empty() || !request.query_string.empty())) {
    std::abort();
  }
  if (request.kind == RequestKind::kCgi &&
      (request.index != IndexIdentity() || request.stdout_is_tty)) {
    std::abort();
  }
  // What the decoder accepts encodes again to a frame that decodes the same.
  std::string frame;
  if (!EncodeRequest(request, &frame)) std::abort();
  Request again;
  if (!DecodeRequest(std::string_view(frame).substr(kHeaderBytes), &again).ok() ||
      again.kind != request.kind || again.method != request.method ||
      again.query_string != request.query_string || again.args != request.args ||
      again.index != request.index || again.stdout_is_tty != request.stdout_is_tty) {
    std::abort();
  }
  return 0;
}
