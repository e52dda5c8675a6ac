// Tests of the frames between the front ends (pressa.cgi, pressa-search) and
// pressa-searchd: round trips, bounds, and a fuzz-style run of the decoders
// over random and mutated payloads.
#include "searcher/cgi_wire.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <string>

namespace pressa::wire {
namespace {

std::string Payload(const std::string& frame) { return frame.substr(kHeaderBytes); }

TEST(CgiWireTest, RoundTrip) {
  const Request cases[] = {
      {"GET", "q=%D1%8D%D0%BA%D1%81%D0%BF%D0%BE%D1%80%D1%82&format=json", {}},
      {"HEAD", "", {}},
      {"", "", {"q=экспорт", "place=Смоленская область", "format=json"}},
      {"GET", std::string(32 * 1024, 'a'), {}},
  };
  for (const Request& request : cases) {
    std::string frame;
    ASSERT_TRUE(EncodeRequest(request, &frame));
    long bytes = DecodeHeader(frame.data(), kRequestMagic, kMaxRequestBytes);
    ASSERT_EQ(bytes, static_cast<long>(frame.size() - kHeaderBytes));
    Request decoded;
    ASSERT_TRUE(DecodeRequest(Payload(frame), &decoded).ok());
    EXPECT_EQ(decoded.method, request.method);
    EXPECT_EQ(decoded.query_string, request.query_string);
    EXPECT_EQ(decoded.args, request.args);
  }
}

TEST(CgiWireTest, EncodeRefusesWhatTheServerWouldRefuse) {
  std::string frame = "unchanged";
  EXPECT_FALSE(EncodeRequest({"GET", std::string(kMaxRequestBytes, 'a'), {}}, &frame));
  EXPECT_FALSE(EncodeRequest({"", "", std::vector<std::string>(kMaxArgs + 1, "a=b")}, &frame));
  EXPECT_FALSE(EncodeRequest({std::string(kMaxMethodBytes + 1, 'G'), "", {}}, &frame));
  EXPECT_EQ(frame, "unchanged");
}

TEST(CgiWireTest, Headers) {
  std::string reply = ReplyHeader(1234);
  EXPECT_EQ(DecodeHeader(reply.data(), kReplyMagic, kMaxReplyBytes), 1234);
  EXPECT_EQ(DecodeHeader(reply.data(), kRequestMagic, kMaxRequestBytes), -1);  // wrong magic
  const char huge[] = {'P', 'Q', 'R', '1', '\xff', '\xff', '\xff', '\xff'};
  EXPECT_EQ(DecodeHeader(huge, kRequestMagic, kMaxRequestBytes), -1);
  const char limit[] = {'P', 'Q', 'R', '1', '\x00', '\x00', '\x01', '\x00'};  // 64 KiB
  EXPECT_EQ(DecodeHeader(limit, kRequestMagic, kMaxRequestBytes), 65536);
  const char over[] = {'P', 'Q', 'R', '1', '\x01', '\x00', '\x01', '\x00'};
  EXPECT_EQ(DecodeHeader(over, kRequestMagic, kMaxRequestBytes), -1);
}

TEST(CgiWireTest, MalformedPayloads) {
  auto field = [](char tag, const std::string& value) {
    std::string f(1, tag);
    uint32_t n = static_cast<uint32_t>(value.size());
    for (int i = 0; i < 4; ++i) f.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
    return f + value;
  };
  const std::string ok = field('M', "GET") + field('Q', "q=a");
  const struct {
    const char* what;
    std::string payload;
  } cases[] = {
      {"empty", ""},
      {"no query string", field('M', "GET")},
      {"no method", field('Q', "q=a")},
      {"truncated field header", ok + "A\x01"},
      {"length past the end", field('M', "GET") + std::string("Q\x10\x00\x00\x00q=a", 8)},
      {"length near 4 GiB", field('M', "GET") + std::string("Q\xff\xff\xff\xff", 5)},
      {"unknown tag", ok + field('Z', "x")},
      {"repeated method", ok + field('M', "GET")},
      {"repeated query", ok + field('Q', "q=b")},
      {"NUL in the query", field('M', "GET") + field('Q', std::string("q=a\0b", 5))},
      {"long method", field('M', std::string(kMaxMethodBytes + 1, 'G')) + field('Q', "")},
      {"arguments in CGI mode", ok + field('A', "q=a")},
  };
  for (const auto& c : cases) {
    Request out;
    out.method = "kept";
    EXPECT_TRUE(DecodeRequest(c.payload, &out).IsInvalidArgument()) << c.what;
    EXPECT_EQ(out.method, "kept") << c.what;
  }
  std::string too_many = field('M', "") + field('Q', "");
  for (size_t i = 0; i <= kMaxArgs; ++i) too_many += field('A', "a=b");
  Request out;
  EXPECT_FALSE(DecodeRequest(too_many, &out).ok());
  Request good;
  EXPECT_TRUE(DecodeRequest(ok, &good).ok());
}

// One to four random edits of `payload`: a byte changed, bytes cut out, a
// byte inserted, or the tail cut off.
void Mutate(std::string* payload, std::mt19937* rng) {
  int edits = 1 + static_cast<int>((*rng)() % 4);
  for (int e = 0; e < edits && !payload->empty(); ++e) {
    size_t at = (*rng)() % payload->size();
    switch ((*rng)() % 4) {
      case 0:
        (*payload)[at] = static_cast<char>((*rng)() % 256);
        break;
      case 1:
        payload->erase(at, 1 + (*rng)() % 8);
        break;
      case 2:
        payload->insert(at, 1, static_cast<char>((*rng)() % 256));
        break;
      default:
        payload->resize(at);
        break;
    }
  }
}

// Random bytes and random mutations of valid payloads: the decoder either
// accepts (and then the fields are within bounds) or refuses; it never reads
// out of bounds (run under ASan: cmake -DPRESSA_SANITIZE=ON).
TEST(CgiWireTest, FuzzDecoder) {
  std::mt19937 rng(20261123);
  std::string seed;
  ASSERT_TRUE(EncodeRequest({"GET", "q=%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0&page=2", {}}, &seed));
  std::string cli_seed;
  ASSERT_TRUE(EncodeRequest({"", "", {"q=a", "format=json"}}, &cli_seed));
  const std::string seeds[] = {Payload(seed), Payload(cli_seed)};
  int accepted = 0;
  for (int i = 0; i < 200000; ++i) {
    std::string payload;
    if (i % 4 == 0) {
      payload.resize(rng() % 64);
      for (char& c : payload) c = static_cast<char>(rng() % 256);
    } else {
      payload = seeds[i % 2];
      Mutate(&payload, &rng);
    }
    // A copy of exactly the payload's size, so that ASan sees any overread.
    std::unique_ptr<char[]> exact(new char[payload.size() + 1]);
    std::copy(payload.begin(), payload.end(), exact.get());
    Request out;
    if (DecodeRequest(std::string_view(exact.get(), payload.size()), &out).ok()) {
      ++accepted;
      EXPECT_LE(out.method.size(), kMaxMethodBytes);
      EXPECT_LE(out.args.size(), kMaxArgs);
      EXPECT_TRUE(out.method.empty() || out.args.empty());
      EXPECT_EQ(out.query_string.find('\0'), std::string::npos);
    }
    if (payload.size() >= kHeaderBytes) {
      long n = DecodeHeader(exact.get(), kRequestMagic, kMaxRequestBytes);
      EXPECT_TRUE(n == -1 || (n >= 0 && static_cast<size_t>(n) <= kMaxRequestBytes));
    }
  }
  EXPECT_GT(accepted, 0);  // some mutations keep a valid request (e.g. a changed query byte)
}

Request SearchRequestFor(std::vector<std::string> args, uint64_t dev, uint64_t ino, bool tty) {
  Request r;
  r.kind = RequestKind::kSearch;
  r.args = std::move(args);
  r.index.dev = dev;
  r.index.ino = ino;
  r.stdout_is_tty = tty;
  return r;
}

TEST(CgiWireTest, SearchRequestRoundTrip) {
  const Request cases[] = {
      SearchRequestFor({"--db", "/srv/db", "экспорт", "-зерно"}, 0x803, 1234567, false),
      SearchRequestFor({}, 0, 0, true),
      SearchRequestFor({"", "--format=json", "\x01\xff"}, ~0ull, ~0ull - 1, false),
  };
  for (const Request& request : cases) {
    std::string frame;
    ASSERT_TRUE(EncodeRequest(request, &frame));
    ASSERT_EQ(DecodeHeader(frame.data(), kRequestMagic, kMaxRequestBytes),
              static_cast<long>(frame.size() - kHeaderBytes));
    Request decoded;
    ASSERT_TRUE(DecodeRequest(Payload(frame), &decoded).ok());
    EXPECT_EQ(decoded.kind, RequestKind::kSearch);
    EXPECT_EQ(decoded.args, request.args);
    EXPECT_EQ(decoded.index, request.index);
    EXPECT_EQ(decoded.stdout_is_tty, request.stdout_is_tty);
    EXPECT_TRUE(decoded.method.empty());
    EXPECT_TRUE(decoded.query_string.empty());
  }
  // A CGI request decodes as one, with no index.
  std::string frame;
  ASSERT_TRUE(EncodeRequest({"GET", "q=a", {}}, &frame));
  Request decoded;
  ASSERT_TRUE(DecodeRequest(Payload(frame), &decoded).ok());
  EXPECT_EQ(decoded.kind, RequestKind::kCgi);
  EXPECT_EQ(decoded.index, IndexIdentity());
}

TEST(CgiWireTest, EncodeRefusesMixedKinds) {
  std::string frame = "unchanged";
  Request search = SearchRequestFor({"--db", "x"}, 1, 2, false);
  search.method = "GET";
  EXPECT_FALSE(EncodeRequest(search, &frame));
  search.method.clear();
  search.query_string = "q=a";
  EXPECT_FALSE(EncodeRequest(search, &frame));
  Request cgi{"GET", "q=a", {}};
  cgi.index.ino = 5;
  EXPECT_FALSE(EncodeRequest(cgi, &frame));
  cgi.index = {};
  cgi.stdout_is_tty = true;
  EXPECT_FALSE(EncodeRequest(cgi, &frame));
  EXPECT_FALSE(EncodeRequest(
      SearchRequestFor(std::vector<std::string>(kMaxArgs + 1, "a"), 1, 2, false), &frame));
  EXPECT_FALSE(
      EncodeRequest(SearchRequestFor({std::string(kMaxRequestBytes, 'a')}, 1, 2, false), &frame));
  EXPECT_EQ(frame, "unchanged");
}

TEST(CgiWireTest, MalformedSearchPayloads) {
  auto field = [](char tag, const std::string& value) {
    std::string f(1, tag);
    uint32_t n = static_cast<uint32_t>(value.size());
    for (int i = 0; i < 4; ++i) f.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
    return f + value;
  };
  const std::string identity(16, '\x07');
  const std::string search = field('S', identity + '\0');
  const struct {
    const char* what;
    std::string payload;
  } cases[] = {
      {"short search field", field('S', identity)},
      {"long search field", field('S', identity + std::string(2, '\0'))},
      {"tty flag 2", field('S', identity + '\x02')},
      {"tty flag '1'", field('S', identity + '1')},
      {"repeated search field", search + search},
      {"search and method", search + field('M', "")},
      {"search and query string", field('Q', "") + search},
      {"search, method and query", field('M', "GET") + field('Q', "q=a") + search},
      {"NUL in an argument", search + field('A', std::string("a\0b", 3))},
      {"truncated search field", search.substr(0, search.size() - 1)},
  };
  for (const auto& c : cases) {
    Request out;
    out.method = "kept";
    EXPECT_TRUE(DecodeRequest(c.payload, &out).IsInvalidArgument()) << c.what;
    EXPECT_EQ(out.method, "kept") << c.what;
  }
  std::string too_many = search;
  for (size_t i = 0; i <= kMaxArgs; ++i) too_many += field('A', "x");
  Request out;
  EXPECT_FALSE(DecodeRequest(too_many, &out).ok());
  Request good;
  ASSERT_TRUE(DecodeRequest(search + field('A', "--db") + field('A', ""), &good).ok());
  EXPECT_EQ(good.kind, RequestKind::kSearch);
  EXPECT_EQ(good.args, (std::vector<std::string>{"--db", ""}));
  EXPECT_EQ(good.index.dev, 0x0707070707070707ull);
}

TEST(CgiWireTest, SearchReplyRoundTrip) {
  SearchReply replies[4];
  replies[0].out = "3 results\n";
  replies[1].exit_code = 1;
  replies[1].err = "pressa-search: --format must be text or json\n";
  replies[2].exit_code = 255;
  replies[2].out = std::string("a\0b", 3);
  replies[2].err = "c";
  replies[3].not_mine = true;
  for (const SearchReply& reply : replies) {
    std::string frame;
    ASSERT_TRUE(EncodeSearchReply(reply, &frame));
    ASSERT_EQ(DecodeHeader(frame.data(), kSearchReplyMagic, kMaxReplyBytes),
              static_cast<long>(frame.size() - kHeaderBytes));
    EXPECT_EQ(DecodeHeader(frame.data(), kReplyMagic, kMaxReplyBytes), -1);  // not a CGI reply
    SearchReply decoded;
    ASSERT_TRUE(DecodeSearchReply(Payload(frame), &decoded).ok());
    EXPECT_EQ(decoded.not_mine, reply.not_mine);
    EXPECT_EQ(decoded.exit_code, reply.exit_code);
    EXPECT_EQ(decoded.out, reply.out);
    EXPECT_EQ(decoded.err, reply.err);
  }
  std::string frame = "unchanged";
  SearchReply bad;
  bad.exit_code = 256;
  EXPECT_FALSE(EncodeSearchReply(bad, &frame));
  bad.exit_code = -1;
  EXPECT_FALSE(EncodeSearchReply(bad, &frame));
  bad.exit_code = 0;
  bad.out.assign(kMaxReplyBytes, 'x');
  EXPECT_FALSE(EncodeSearchReply(bad, &frame));
  EXPECT_EQ(frame, "unchanged");
}

TEST(CgiWireTest, MalformedSearchReplies) {
  const struct {
    const char* what;
    std::string payload;
  } cases[] = {
      {"empty", ""},
      {"unknown kind", "X"},
      {"not mine with bytes", "Nx"},
      {"truncated result", std::string("R\x00\x01\x00\x00", 5)},
      {"stdout past the end", std::string("R\x00\x05\x00\x00\x00" "abc", 9)},
      {"stdout length near 4 GiB", std::string("R\x00\xff\xff\xff\xff", 6)},
  };
  for (const auto& c : cases) {
    SearchReply out;
    out.out = "kept";
    EXPECT_TRUE(DecodeSearchReply(c.payload, &out).IsInvalidArgument()) << c.what;
    EXPECT_EQ(out.out, "kept") << c.what;
  }
  SearchReply ok;
  ASSERT_TRUE(DecodeSearchReply(std::string("R\x02\x03\x00\x00\x00" "abcde", 11), &ok).ok());
  EXPECT_EQ(ok.exit_code, 2);
  EXPECT_EQ(ok.out, "abc");
  EXPECT_EQ(ok.err, "de");
}

// The fuzz-style run of FuzzDecoder for search requests and search replies.
TEST(CgiWireTest, FuzzSearchDecoders) {
  std::mt19937 rng(20261124);
  std::string request_frame, reply_frame;
  ASSERT_TRUE(EncodeRequest(SearchRequestFor({"--db", "/d", "-x", "экспорт"}, 9, 77, true),
                            &request_frame));
  SearchReply reply;
  reply.exit_code = 1;
  reply.out = "out";
  reply.err = "err";
  ASSERT_TRUE(EncodeSearchReply(reply, &reply_frame));
  const std::string seeds[] = {Payload(request_frame), Payload(reply_frame)};
  int accepted = 0;
  for (int i = 0; i < 100000; ++i) {
    std::string payload = seeds[i % 2];
    Mutate(&payload, &rng);
    std::unique_ptr<char[]> exact(new char[payload.size() + 1]);
    std::copy(payload.begin(), payload.end(), exact.get());
    std::string_view view(exact.get(), payload.size());
    Request request;
    if (DecodeRequest(view, &request).ok()) {
      ++accepted;
      EXPECT_LE(request.args.size(), kMaxArgs);
      if (request.kind == RequestKind::kSearch) {
        EXPECT_TRUE(request.method.empty() && request.query_string.empty());
      }
    }
    SearchReply decoded;
    if (DecodeSearchReply(view, &decoded).ok()) {
      ++accepted;
      EXPECT_LE(decoded.out.size() + decoded.err.size(), payload.size());
      EXPECT_TRUE(decoded.exit_code >= 0 && decoded.exit_code <= 255);
    }
  }
  EXPECT_GT(accepted, 0);
}

}  // namespace
}  // namespace pressa::wire
