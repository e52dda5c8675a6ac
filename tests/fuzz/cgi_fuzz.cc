// Fuzz target: a whole CGI request (QUERY_STRING) through parsing, search and
// rendering, checking that nothing the request carries escapes into markup or
// the header block.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>
#include <string_view>

#include "searcher/cgi_handler.h"
#include "tests/fuzz/fuzz_index.h"

namespace {

bool ContainsNoCase(std::string_view hay, std::string_view needle) {
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    if (strncasecmp(hay.data() + i, needle.data(), needle.size()) == 0) return true;
  }
  return false;
}

// The header block is ours alone: known names, no line the request made.
void CheckHeaders(std::string_view head) {
  static const char* const kNames[] = {"Status: ", "Content-Type: ", "Content-Security-Policy: ",
                                       "X-Content-Type-Options: ", "X-Frame-Options: ",
                                       "Referrer-Policy: ", "Allow: ", "Retry-After: "};
  size_t pos = 0;
  while (pos < head.size()) {
    size_t eol = head.find("\r\n", pos);
    if (eol == std::string_view::npos) std::abort();
    std::string_view line = head.substr(pos, eol - pos);
    bool known = false;
    for (const char* name : kNames) known |= line.rfind(name, 0) == 0;
    if (!known || line.find_first_of("\r\n") != std::string_view::npos) std::abort();
    pos = eol + 2;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string db = pressa::fuzz::CorpusIndexPath();
  pressa::CgiEnvironment env;
  env.request_method = "GET";
  env.query_string.assign(reinterpret_cast<const char*>(data), size);
  env.db_path = db;
  std::ostringstream log;
  pressa::CgiResponse response = pressa::HandleCgiRequest(env, log);
  if (response.status != 200 && response.status != 400) std::abort();

  std::string out = response.Serialize();
  size_t blank = out.find("\r\n\r\n");
  if (blank == std::string::npos) std::abort();
  CheckHeaders(std::string_view(out).substr(0, blank + 2));
  std::string_view body = std::string_view(out).substr(blank + 4);
  // The page carries no script, image or frame of its own and links only to
  // itself or to http(s) article URLs, so any of these came from the request.
  if (response.content_type.rfind("text/html", 0) == 0) {
    for (const char* bad : {"<script", "<img", "<svg", "<iframe", "<object", "<embed",
                            "href=\"javascript:", "href=\"data:", "href=\"vbscript:"}) {
      if (ContainsNoCase(body, bad)) std::abort();
    }
  }
  return 0;
}
