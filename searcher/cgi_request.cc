// Parsing and validation of CGI parameters; every message is for the user.
#include "searcher/cgi_request.h"

#include <algorithm>
#include <cstdint>

#include "core/utf8.h"

namespace pressa {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < in.size() && HexValue(in[i + 1]) >= 0 &&
               HexValue(in[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(in[i + 1]) * 16 + HexValue(in[i + 2]));
      i += 2;
    } else {
      out += c;  // a malformed escape stays literal, as browsers would show it
    }
  }
  return out;
}

Status TooManyParams() {
  return Status::InvalidArgument("Слишком много параметров в запросе: допускается не более " +
                                 std::to_string(kMaxCgiParams) + ".");
}

Status TooLong(size_t bytes) {
  return Status::InvalidArgument("Адрес запроса слишком длинный (" + std::to_string(bytes) +
                                 " байт): допускается не более " +
                                 std::to_string(kMaxQueryStringBytes) + ".");
}

std::string_view Trim(std::string_view s) {
  const char* kSpace = " \t\r\n\f\v";
  size_t b = s.find_first_not_of(kSpace);
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(kSpace);
  return s.substr(b, e - b + 1);
}

// Quotes a value for an error message, shortened so the page stays readable.
std::string Quote(std::string_view value) {
  constexpr size_t kShown = 60;
  std::string v(value.substr(0, kShown));
  while (!v.empty() && !utf8::IsValid(v)) v.pop_back();  // don't cut a letter in half
  if (value.size() > kShown) v += "…";
  return "«" + v + "»";
}

bool HasControl(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7f;
  });
}

// Parses a decimal in [lo, hi]; no sign, no spaces, no leading '+'.
bool ParseBoundedInt(std::string_view s, int lo, int hi, int* out) {
  if (s.empty() || s.size() > 9) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v < lo || v > hi) return false;
  *out = v;
  return true;
}

// Adds `value` to a filter list, validated and without duplicates.
void AddFilter(const std::string& name, std::string_view raw, std::vector<std::string>* list,
               std::vector<std::string>* errors) {
  std::string_view value = Trim(raw);
  if (value.empty()) return;
  if (value.size() > kMaxFilterValueBytes) {
    errors->push_back("Значение параметра «" + name + "» слишком длинное: допускается не более " +
                      std::to_string(kMaxFilterValueBytes) + " байт.");
    return;
  }
  if (std::find(list->begin(), list->end(), value) == list->end()) list->emplace_back(value);
}

}  // namespace

bool CgiRequest::HasSearch() const {
  return !search.query.empty() || !search.like_id.empty() || !search.from.empty() ||
         !search.to.empty() ||
         !search.orgs.empty() || !search.persons.empty() || !search.places.empty() ||
         !search.sources.empty();
}

bool IsValidIsoDate(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  int y, m, day;
  if (!ParseBoundedInt(d.substr(0, 4), 1, 9999, &y)) return false;
  if (d.substr(5, 2).find_first_not_of("0123456789") != std::string_view::npos ||
      d.substr(8, 2).find_first_not_of("0123456789") != std::string_view::npos)
    return false;
  if (!ParseBoundedInt(d.substr(5, 2), 1, 12, &m)) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max_day = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  return ParseBoundedInt(d.substr(8, 2), 1, max_day, &day);
}

Result<CgiParams> ParseQueryString(std::string_view qs) {
  if (qs.size() > kMaxQueryStringBytes) return TooLong(qs.size());
  CgiParams params;
  size_t pos = 0;
  while (pos <= qs.size()) {
    size_t amp = qs.find('&', pos);
    if (amp == std::string_view::npos) amp = qs.size();
    std::string_view segment = qs.substr(pos, amp - pos);
    pos = amp + 1;
    if (segment.empty()) continue;
    if (static_cast<int>(params.size()) >= kMaxCgiParams) return TooManyParams();
    size_t eq = segment.find('=');
    if (eq == std::string_view::npos) {
      params.emplace_back(PercentDecode(segment), "");
    } else {
      params.emplace_back(PercentDecode(segment.substr(0, eq)),
                          PercentDecode(segment.substr(eq + 1)));
    }
  }
  return params;
}

Result<CgiParams> ParseArgs(const std::vector<std::string>& args) {
  if (static_cast<int>(args.size()) > kMaxCgiParams) return TooManyParams();
  size_t total = 0;
  CgiParams params;
  for (const std::string& arg : args) {
    total += arg.size() + 1;
    if (total > kMaxQueryStringBytes) return TooLong(total);
    size_t eq = arg.find('=');
    if (eq == std::string::npos) {
      params.emplace_back(arg, "");
    } else {
      params.emplace_back(arg.substr(0, eq), arg.substr(eq + 1));
    }
  }
  return params;
}

bool WantsJson(const CgiParams& params) {
  for (const auto& [name, value] : params)
    if (name == "format" && Trim(value) == "json") return true;
  return false;
}

Result<CgiRequest> BuildCgiRequest(const CgiParams& params) {
  CgiRequest req;
  std::vector<std::string> errors;
  int limit = kDefaultPageSize;
  // Single-valued parameters may repeat only with the same value.
  std::vector<std::pair<std::string, std::string>> seen;

  for (const auto& [name, raw] : params) {
    static const char* const kKnown[] = {"q",    "from", "to",   "org",  "person", "place",
                                         "source", "sort", "page", "limit", "format", "like"};
    if (std::find(std::begin(kKnown), std::end(kKnown), name) == std::end(kKnown)) continue;
    if (!utf8::IsValid(raw)) {
      errors.push_back("Параметр «" + name +
                       "» содержит недопустимые байты: текст должен быть в кодировке UTF-8.");
      continue;
    }
    if (HasControl(raw)) {
      errors.push_back("Параметр «" + name + "» содержит недопустимые управляющие символы.");
      continue;
    }
    std::string_view value = Trim(raw);
    if (name == "org") {
      AddFilter(name, value, &req.search.orgs, &errors);
      continue;
    } else if (name == "person") {
      AddFilter(name, value, &req.search.persons, &errors);
      continue;
    } else if (name == "place") {
      AddFilter(name, value, &req.search.places, &errors);
      continue;
    } else if (name == "source") {
      AddFilter(name, value, &req.search.sources, &errors);
      continue;
    }
    if (value.empty()) continue;
    auto prev = std::find_if(seen.begin(), seen.end(),
                             [&key = name](const auto& p) { return p.first == key; });
    if (prev != seen.end()) {
      if (prev->second != value)
        errors.push_back("Параметр «" + name + "» указан несколько раз с разными значениями.");
      continue;
    }
    seen.emplace_back(name, std::string(value));

    if (name == "like") {
      if (value.size() > kMaxFilterValueBytes) {
        errors.push_back("Слишком длинный идентификатор статьи в параметре «like».");
      } else {
        req.search.like_id = std::string(value);
      }
    } else if (name == "q") {
      // However long (a pasted passage), the searcher takes its first words
      // and says so; QUERY_STRING's own bound holds the rest.
      req.search.query = std::string(value);
      // Line breaks from a pasted text are plain spaces to the query parser.
      std::replace_if(req.search.query.begin(), req.search.query.end(),
                      [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
    } else if (name == "from" || name == "to") {
      if (!IsValidIsoDate(value)) {
        errors.push_back("Неверная дата в параметре «" + name + "»: " + Quote(value) +
                         ". Нужна существующая дата в виде ГГГГ-ММ-ДД, например 2026-02-08.");
      } else {
        (name == "from" ? req.search.from : req.search.to) = std::string(value);
      }
    } else if (name == "sort") {
      if (value == "relevance") {
        req.search.sort = SearchRequest::Sort::kRelevance;
      } else if (value == "date") {
        req.search.sort = SearchRequest::Sort::kDate;
      } else {
        errors.push_back("Неизвестный порядок сортировки " + Quote(value) +
                         ": допустимы «relevance» (по релевантности) и «date» (по дате).");
      }
    } else if (name == "page") {
      if (!ParseBoundedInt(value, 1, kMaxPage, &req.page)) {
        errors.push_back("Неверный номер страницы " + Quote(value) +
                         ": нужно целое число от 1 до " + std::to_string(kMaxPage) + ".");
      }
    } else if (name == "limit") {
      if (!ParseBoundedInt(value, 1, kMaxLimit, &limit)) {
        errors.push_back("Неверное число результатов на странице " + Quote(value) +
                         ": нужно целое число от 1 до " + std::to_string(kMaxLimit) + ".");
      }
    } else if (name == "format") {
      if (value == "html") {
        req.format = CgiRequest::Format::kHtml;
      } else if (value == "json") {
        req.format = CgiRequest::Format::kJson;
      } else {
        errors.push_back("Неизвестный формат ответа " + Quote(value) +
                         ": допустимы «html» и «json».");
      }
    }
  }

  if (!req.search.from.empty() && !req.search.to.empty() && req.search.from > req.search.to) {
    errors.push_back("Дата начала (" + req.search.from + ") позже даты конца (" + req.search.to +
                     ").");
  }
  if (!errors.empty()) {
    std::string message;
    for (const std::string& e : errors) {
      if (!message.empty()) message += '\n';
      message += e;
    }
    return Status::InvalidArgument(message);
  }
  req.search.limit = limit;
  req.search.offset = (req.page - 1) * limit;
  return req;
}

namespace {

// UrlEncode appended to `out`, written into room for the largest size, then
// cut: no per-byte append, and no string per parameter of a URL.
void AppendUrlEncoded(std::string_view text, std::string* out) {
  static const char kHex[] = "0123456789ABCDEF";
  const size_t start = out->size();
  out->resize(start + text.size() * 3);
  char* o = out->data() + start;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      *o++ = c;
    } else if (c == ' ') {
      *o++ = '+';
    } else {
      *o++ = '%';
      *o++ = kHex[u >> 4];
      *o++ = kHex[u & 15];
    }
  }
  out->resize(static_cast<size_t>(o - out->data()));
}

}  // namespace

std::string UrlEncode(std::string_view text) {
  std::string out;
  AppendUrlEncoded(text, &out);
  return out;
}

std::string RequestUrl(const CgiRequest& request, int page) {
  const SearchRequest& s = request.search;
  std::string url;
  url.reserve(64 + s.query.size() * 3);
  auto add = [&url](const char* name, std::string_view value) {
    url += url.empty() ? '?' : '&';
    url += name;
    url += '=';
    AppendUrlEncoded(value, &url);
  };
  if (!s.query.empty()) add("q", s.query);
  if (!s.like_id.empty()) add("like", s.like_id);
  if (!s.from.empty()) add("from", s.from);
  if (!s.to.empty()) add("to", s.to);
  for (const auto& v : s.orgs) add("org", v);
  for (const auto& v : s.persons) add("person", v);
  for (const auto& v : s.places) add("place", v);
  for (const auto& v : s.sources) add("source", v);
  if (s.sort == SearchRequest::Sort::kDate) add("sort", "date");
  if (s.limit != kDefaultPageSize) add("limit", std::to_string(s.limit));
  if (page > 1) add("page", std::to_string(page));
  if (request.format == CgiRequest::Format::kJson) add("format", "json");
  return url.empty() ? "?" : url;
}

}  // namespace pressa
