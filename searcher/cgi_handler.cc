// Request handling of pressa.cgi: method check, parsing, one search, response.
#include "searcher/cgi_handler.h"

#include <memory>

#include <nlohmann/json.hpp>

#include "core/config_lines.h"
#include "core/file_head.h"
#include "searcher/cgi_request.h"
#include "searcher/html_renderer.h"
#include "searcher/render.h"
#include "searcher/searcher.h"

namespace pressa {
namespace {

// No script at all; only the page's own stylesheet (by hash); forms may only
// go back to us; no framing.
std::string ContentSecurityPolicy() {
  return "default-src 'none'; style-src " + StyleCspHash() +
         "; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
}

const char* Reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    if (nl > pos) lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return lines;
}

CgiResponse ErrorResponse(int status, bool json, const std::string& heading,
                          const std::vector<std::string>& messages,
                          const CgiRequest* request = nullptr) {
  CgiResponse r;
  r.status = status;
  if (json) {
    r.content_type = "application/json; charset=utf-8";
    nlohmann::json doc = {{"error", heading}, {"messages", messages}};
    r.body = doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  } else {
    r.body = RenderErrorPage(heading, messages, request);
  }
  return r;
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::string CgiResponse::Serialize() const {
  std::string out;
  out += "Status: " + std::to_string(status) + " " + Reason(status) + "\r\n";
  out += "Content-Type: " + content_type + "\r\n";
  out += "Content-Security-Policy: " + ContentSecurityPolicy() + "\r\n";
  out += "X-Content-Type-Options: nosniff\r\n";
  out += "X-Frame-Options: DENY\r\n";
  out += "Referrer-Policy: no-referrer\r\n";
  for (const auto& [name, value] : extra_headers) out += name + ": " + value + "\r\n";
  out += "\r\n";
  if (!head_only) out += body;
  return out;
}

std::string RussianQueryError(const std::string& message) {
  static const std::pair<const char*, const char*> kExact[] = {
      {"the query ends where a word was expected", "Запрос обрывается там, где ожидалось слово."},
      {"NOT must be followed by a word, phrase or group",
       "После НЕ (NOT) должно идти слово, фраза или группа в скобках."},
      {"a closing parenthesis has no opening one", "У закрывающей скобки нет открывающей."},
      {"empty query or group", "Пустой запрос или пустые скобки."},
      {"the query is not valid UTF-8", "Запрос не в кодировке UTF-8."},
      {"the query has no word to search for: stopwords (и, в, на, не…) and punctuation are not "
       "indexed",
       "В запросе нет слов для поиска: служебные слова (и, в, на, не…) и знаки препинания не "
       "ищутся. Добавьте значимое слово."},
  };
  for (const auto& [en, ru] : kExact) {
    if (message == en) return ru;
  }
  if (message.rfind("the query's first word is longer than ", 0) == 0) {
    return "Первое слово запроса длиннее " + std::to_string(kMaxQueryBytes) +
           " байт или даёт больше " + std::to_string(kMaxQueryTerms) + " поисковых терминов.";
  }
  constexpr std::string_view kBetween = " must stand between two words";
  if (EndsWith(message, kBetween)) {
    return "«" + message.substr(0, message.size() - kBetween.size()) +
           "» должно стоять между двумя словами.";
  }
  constexpr std::string_view kNeedsValue = ": needs a value";
  if (EndsWith(message, kNeedsValue)) {
    return "После «" + message.substr(0, message.size() - kNeedsValue.size()) +
           ":» нужно значение, например org:РЭЦ или place:\"Смоленская область\".";
  }
  return message;
}

CgiResponse InternalErrorResponse() {
  CgiResponse r;
  r.status = 500;
  r.body = RenderErrorPage("Внутренняя ошибка", {"Поиск не смог ответить. Попробуйте позже."},
                           nullptr);
  return r;
}

Result<std::string> ReadDbPathFromConfig(const std::string& config_path) {
  std::string text;
  if (!ReadFileHead(config_path, kMaxConfigBytes, &text)) {
    return Status::NotFound("no config file " + config_path);
  }
  std::string db;
  ForEachConfigEntry(text, [&db](std::string_view name, std::string_view value) {
    if (name == "db" && !value.empty()) db = value;
    return db.empty();
  });
  if (!db.empty()) return db;
  return Status::InvalidArgument(config_path + " has no 'db = /path' line");
}

std::string ResolveDbPath(const char* env_value, const std::string& exe_path,
                          std::string* problem) {
  if (env_value && *env_value) return env_value;
  if (exe_path.empty()) {
    *problem = "PRESSA_DB is not set and the program path is unknown";
    return {};
  }
  Result<std::string> db = ReadDbPathFromConfig(exe_path + ".conf");
  if (!db.ok()) {
    *problem = "PRESSA_DB is not set and " + db.status().message();
    return {};
  }
  return db.value();
}

CgiResponse HandleCgiRequest(const CgiEnvironment& env, std::ostream& log) {
  return HandleCgiRequest(env, nullptr, log);
}

CgiResponse TimeoutResponse() {
  CgiResponse r;
  r.status = 503;
  r.extra_headers.emplace_back("Retry-After", "60");
  r.body = RenderErrorPage(
      "Поиск занял слишком много времени",
      {"Запрос оказался слишком сложным. Уточните его или попробуйте позже."}, nullptr);
  return r;
}

CgiResponse HandleCgiRequest(const CgiEnvironment& env, Searcher* open_searcher,
                             std::ostream& log) {
  const bool cli = env.request_method.empty();
  bool head = env.request_method == "HEAD";
  if (!cli && env.request_method != "GET" && !head) {
    CgiResponse r = ErrorResponse(405, false, "Метод не поддерживается",
                                  {"Поиск принимает только запросы GET."});
    r.extra_headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  Result<CgiParams> params = cli ? ParseArgs(env.args) : ParseQueryString(env.query_string);
  if (!params.ok()) {
    return ErrorResponse(400, false, "Неверный запрос", SplitLines(params.status().message()));
  }
  const bool json = WantsJson(params.value());
  Result<CgiRequest> parsed = BuildCgiRequest(params.value());
  if (!parsed.ok()) {
    CgiResponse r =
        ErrorResponse(400, json, "Неверный запрос", SplitLines(parsed.status().message()));
    r.head_only = head;
    return r;
  }
  CgiRequest& request = parsed.value();

  CgiResponse response;
  response.head_only = head;
  if (request.format == CgiRequest::Format::kHtml && !request.HasSearch()) {
    response.body = RenderSearchPage(request, nullptr);  // no index needed for the bare form
    return response;
  }

  auto unavailable = [&] {
    CgiResponse r = ErrorResponse(503, json, "Поиск временно недоступен",
                                  {"Индекс архива сейчас недоступен. Попробуйте позже."},
                                  &request);
    r.extra_headers.emplace_back("Retry-After", "60");
    r.head_only = head;
    return r;
  };
  std::unique_ptr<Searcher> owned;
  Searcher* searcher = open_searcher;
  if (searcher == nullptr) {
    if (env.db_path.empty()) {
      log << "pressa.cgi: no index configured: "
          << (env.db_problem.empty() ? "set PRESSA_DB or db = in pressa.cgi.conf" : env.db_problem)
          << "\n";
      return unavailable();
    }
    Result<std::unique_ptr<Searcher>> opened = Searcher::Open(env.db_path);
    if (!opened.ok()) {
      log << "pressa.cgi: cannot open index " << env.db_path << ": "
          << opened.status().ToString() << "\n";
      return unavailable();
    }
    owned = std::move(opened.value());
    searcher = owned.get();
  }
  request.search.facets = true;  // the sidebar (HTML) and `pressa-search --format json` both count
  Result<SearchResults> results = searcher->Search(request.search);
  if (!results.ok()) {
    const Status& st = results.status();
    if (st.IsInvalidArgument()) {
      std::vector<std::string> lines = SplitLines(st.message());
      for (std::string& line : lines) line = RussianQueryError(line);
      CgiResponse r = ErrorResponse(400, json, "Не удалось разобрать запрос", lines, &request);
      r.head_only = head;
      return r;
    }
    if (st.IsNotFound() && !request.search.like_id.empty()) {
      CgiResponse r = ErrorResponse(404, json, "Статья не найдена",
                                    {"В архиве нет статьи с идентификатором «" +
                                     request.search.like_id + "»."},
                                    &request);
      r.head_only = head;
      return r;
    }
    log << "pressa.cgi: search failed: " << st.ToString() << "\n";
    return unavailable();
  }
  if (request.format == CgiRequest::Format::kJson) {
    response.content_type = "application/json; charset=utf-8";
    response.body = RenderJson(results.value()) + "\n";
  } else {
    response.body = RenderSearchPage(request, &results.value());
  }
  return response;
}

}  // namespace pressa
