// Request and reply frames of the pressa.cgi <-> pressa-searchd protocol.
#include "searcher/cgi_wire.h"

#include <cstring>

namespace pressa::wire {
namespace {

// Field tags of a request payload: each field is a tag byte, a 32-bit
// little-endian length and that many bytes.
constexpr char kTagMethod = 'M';
constexpr char kTagQuery = 'Q';
constexpr char kTagArg = 'A';
constexpr size_t kFieldHeader = 5;

void PutU32(uint32_t v, std::string* out) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

uint32_t GetU32(const char* p) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

void PutField(char tag, std::string_view value, std::string* out) {
  out->push_back(tag);
  PutU32(static_cast<uint32_t>(value.size()), out);
  out->append(value);
}

}  // namespace

bool EncodeRequest(const Request& request, std::string* out) {
  if (request.method.size() > kMaxMethodBytes || request.args.size() > kMaxArgs) return false;
  size_t bytes = 2 * kFieldHeader + request.method.size() + request.query_string.size();
  for (const std::string& arg : request.args) bytes += kFieldHeader + arg.size();
  if (bytes > kMaxRequestBytes) return false;
  std::string frame;
  frame.reserve(kHeaderBytes + bytes);
  frame.append(kRequestMagic, 4);
  PutU32(static_cast<uint32_t>(bytes), &frame);
  PutField(kTagMethod, request.method, &frame);
  PutField(kTagQuery, request.query_string, &frame);
  for (const std::string& arg : request.args) PutField(kTagArg, arg, &frame);
  *out = std::move(frame);
  return true;
}

long DecodeHeader(const char* header, const char (&magic)[4], size_t max_bytes) {
  if (std::memcmp(header, magic, 4) != 0) return -1;
  uint32_t n = GetU32(header + 4);
  if (n > max_bytes) return -1;
  return static_cast<long>(n);
}

Status DecodeRequest(std::string_view payload, Request* out) {
  Request request;
  bool have_method = false, have_query = false;
  size_t pos = 0;
  while (pos < payload.size()) {
    if (payload.size() - pos < kFieldHeader) {
      return Status::InvalidArgument("truncated field header");
    }
    char tag = payload[pos];
    uint32_t len = GetU32(payload.data() + pos + 1);
    pos += kFieldHeader;
    if (len > payload.size() - pos) return Status::InvalidArgument("field runs past the payload");
    std::string_view value = payload.substr(pos, len);
    pos += len;
    if (value.find('\0') != std::string_view::npos) {
      return Status::InvalidArgument("NUL byte in a field");
    }
    switch (tag) {
      case kTagMethod:
        if (have_method) return Status::InvalidArgument("repeated method");
        if (value.size() > kMaxMethodBytes) return Status::InvalidArgument("method too long");
        have_method = true;
        request.method = value;
        break;
      case kTagQuery:
        if (have_query) return Status::InvalidArgument("repeated query string");
        have_query = true;
        request.query_string = value;
        break;
      case kTagArg:
        if (request.args.size() >= kMaxArgs) return Status::InvalidArgument("too many arguments");
        request.args.emplace_back(value);
        break;
      default:
        return Status::InvalidArgument("unknown field tag");
    }
  }
  if (!have_method || !have_query) return Status::InvalidArgument("method or query string missing");
  if (!request.method.empty() && !request.args.empty()) {
    return Status::InvalidArgument("arguments in a CGI request");
  }
  *out = std::move(request);
  return Status::OK();
}

std::string ReplyHeader(size_t body_bytes) {
  std::string header(kReplyMagic, 4);
  PutU32(static_cast<uint32_t>(body_bytes), &header);
  return header;
}

}  // namespace pressa::wire
