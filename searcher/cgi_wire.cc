// Request and reply frames of the protocol between the front ends (pressa.cgi,
// pressa-search) and pressa-searchd.
#include "searcher/cgi_wire.h"

#include <cstring>

namespace pressa::wire {
namespace {

// Field tags of a request payload: each field is a tag byte, a 32-bit
// little-endian length and that many bytes.
constexpr char kTagMethod = 'M';
constexpr char kTagQuery = 'Q';
constexpr char kTagArg = 'A';
// A search request's index identity and tty flag: dev and ino as 64-bit
// little-endian integers, then one byte 0 or 1.
constexpr char kTagSearch = 'S';
constexpr size_t kSearchFieldBytes = 17;
constexpr size_t kFieldHeader = 5;
// A search reply payload starts with one of these.
constexpr char kReplyResult = 'R';   // exit code byte, u32 stdout length, stdout, stderr
constexpr char kReplyNotMine = 'N';  // nothing else

// Fixed-width little-endian integers (sizes in frames, dev and ino).
template <typename T>
void PutLE(T v, std::string* out) {
  for (size_t i = 0; i < sizeof(T); ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

template <typename T>
T GetLE(const char* p) {
  T v = 0;
  for (size_t i = sizeof(T); i-- > 0;) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

void PutU32(uint32_t v, std::string* out) { PutLE(v, out); }
uint32_t GetU32(const char* p) { return GetLE<uint32_t>(p); }

void PutField(char tag, std::string_view value, std::string* out) {
  out->push_back(tag);
  PutU32(static_cast<uint32_t>(value.size()), out);
  out->append(value);
}

}  // namespace

bool EncodeRequest(const Request& request, std::string* out) {
  const bool search = request.kind == RequestKind::kSearch;
  if (request.method.size() > kMaxMethodBytes || request.args.size() > kMaxArgs) return false;
  if (search ? !request.method.empty() || !request.query_string.empty()
             : request.index != IndexIdentity() || request.stdout_is_tty) {
    return false;
  }
  size_t bytes = search ? kFieldHeader + kSearchFieldBytes
                        : 2 * kFieldHeader + request.method.size() + request.query_string.size();
  for (const std::string& arg : request.args) bytes += kFieldHeader + arg.size();
  if (bytes > kMaxRequestBytes) return false;
  std::string frame;
  frame.reserve(kHeaderBytes + bytes);
  frame.append(kRequestMagic, 4);
  PutU32(static_cast<uint32_t>(bytes), &frame);
  if (search) {
    std::string field;
    PutLE<uint64_t>(request.index.dev, &field);
    PutLE<uint64_t>(request.index.ino, &field);
    field.push_back(request.stdout_is_tty ? '\1' : '\0');
    PutField(kTagSearch, field, &frame);
  } else {
    PutField(kTagMethod, request.method, &frame);
    PutField(kTagQuery, request.query_string, &frame);
  }
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
  bool have_method = false, have_query = false, have_search = false;
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
    if (tag == kTagSearch) {  // binary: checked before the NUL rule
      if (have_search) return Status::InvalidArgument("repeated search field");
      if (value.size() != kSearchFieldBytes) return Status::InvalidArgument("bad search field");
      unsigned char tty = static_cast<unsigned char>(value[16]);
      if (tty > 1) return Status::InvalidArgument("bad tty flag");
      have_search = true;
      request.kind = RequestKind::kSearch;
      request.index.dev = GetLE<uint64_t>(value.data());
      request.index.ino = GetLE<uint64_t>(value.data() + 8);
      request.stdout_is_tty = tty == 1;
      continue;
    }
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
  if (have_search) {
    if (have_method || have_query) {
      return Status::InvalidArgument("method or query string in a search request");
    }
    *out = std::move(request);
    return Status::OK();
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

bool EncodeSearchReply(const SearchReply& reply, std::string* frame) {
  size_t bytes = reply.not_mine ? 1 : 1 + 1 + 4 + reply.out.size() + reply.err.size();
  if (bytes > kMaxReplyBytes || reply.exit_code < 0 || reply.exit_code > 255) return false;
  std::string f(kSearchReplyMagic, 4);
  PutU32(static_cast<uint32_t>(bytes), &f);
  if (reply.not_mine) {
    f.push_back(kReplyNotMine);
  } else {
    f.reserve(kHeaderBytes + bytes);
    f.push_back(kReplyResult);
    f.push_back(static_cast<char>(reply.exit_code));
    PutU32(static_cast<uint32_t>(reply.out.size()), &f);
    f += reply.out;
    f += reply.err;
  }
  *frame = std::move(f);
  return true;
}

Status DecodeSearchReply(std::string_view payload, SearchReply* out) {
  if (payload.empty()) return Status::InvalidArgument("empty search reply");
  SearchReply reply;
  if (payload[0] == kReplyNotMine) {
    if (payload.size() != 1) return Status::InvalidArgument("bytes after not-mine");
    reply.not_mine = true;
  } else if (payload[0] == kReplyResult) {
    if (payload.size() < 6) return Status::InvalidArgument("truncated search reply");
    reply.exit_code = static_cast<unsigned char>(payload[1]);
    uint32_t out_bytes = GetU32(payload.data() + 2);
    if (out_bytes > payload.size() - 6) return Status::InvalidArgument("stdout runs past the reply");
    reply.out = payload.substr(6, out_bytes);
    reply.err = payload.substr(6 + out_bytes);
  } else {
    return Status::InvalidArgument("unknown search reply kind");
  }
  *out = std::move(reply);
  return Status::OK();
}

}  // namespace pressa::wire
