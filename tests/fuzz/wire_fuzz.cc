// Fuzz target: pressa-searchd's request decoder on arbitrary bytes (a frame
// header and payload as they arrive on the socket), and the round trip of
// whatever it accepts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "searcher/cgi_wire.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace pressa::wire;
  const char* bytes = reinterpret_cast<const char*>(data);
  if (size >= kHeaderBytes) {
    long n = DecodeHeader(bytes, kRequestMagic, kMaxRequestBytes);
    if (n > static_cast<long>(kMaxRequestBytes)) std::abort();
  }
  Request request;
  if (!DecodeRequest(std::string_view(bytes, size), &request).ok()) return 0;
  if (request.method.size() > kMaxMethodBytes || request.args.size() > kMaxArgs ||
      (!request.method.empty() && !request.args.empty())) {
    std::abort();
  }
  // What the decoder accepts encodes again to a frame that decodes the same.
  std::string frame;
  if (!EncodeRequest(request, &frame)) std::abort();
  Request again;
  if (!DecodeRequest(std::string_view(frame).substr(kHeaderBytes), &again).ok() ||
      again.method != request.method || again.query_string != request.query_string ||
      again.args != request.args) {
    std::abort();
  }
  return 0;
}
