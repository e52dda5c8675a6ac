// HTML pages of pressa.cgi: the search form, results, facets and pagination.
#include "searcher/html_renderer.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "searcher/html_style.h"
#include "searcher/render.h"
#include "searcher/sha256.h"

namespace pressa {
namespace {

// The bytes HtmlEscape replaces.
constexpr std::array<bool, 256> kEscaped = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : {'&', '<', '>', '"', '\''}) t[c] = true;
  return t;
}();

// HtmlEscape, appended in runs: a page holds a few hundred links and texts
// (~50 KB, mostly URLs and Cyrillic: one table lookup a byte).
void AppendEscaped(std::string_view text, std::string* out) {
  size_t run = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (!kEscaped[static_cast<unsigned char>(text[i])]) continue;
    const char* entity;
    switch (text[i]) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      case '"': entity = "&quot;"; break;
      case '\'': entity = "&#39;"; break;
      default: continue;
    }
    out->append(text.data() + run, i - run).append(entity);
    run = i + 1;
  }
  out->append(text.data() + run, text.size() - run);
}

std::string Esc(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  AppendEscaped(text, &out);
  return out;
}

std::string Link(const std::string& href, std::string_view text, std::string_view cls = {}) {
  std::string out;
  out.reserve(href.size() + text.size() + cls.size() + 40);
  out += "<a href=\"";
  AppendEscaped(href, &out);
  out += '"';
  if (!cls.empty()) out.append(" class=\"").append(cls).append("\"");
  out += '>';
  AppendEscaped(text, &out);
  out += "</a>";
  return out;
}

// Facet kinds in sidebar order, with their parameter lists.
struct Kind {
  const char* facet;  // key in SearchResults::facets
  const char* title;  // sidebar heading
  std::vector<std::string> SearchRequest::*list;
};
const Kind kKinds[] = {
    {"org", "Организации", &SearchRequest::orgs},
    {"person", "Персоны", &SearchRequest::persons},
    {"place", "Места", &SearchRequest::places},
    {"source", "Источники", &SearchRequest::sources},
};

// A link to the request changed by `edit`, back on page 1.
template <typename Edit>
std::string UrlWith(const CgiRequest& request, Edit edit) {
  CgiRequest copy = request;
  edit(copy.search);
  return RequestUrl(copy, 1);
}

// Links to the request with one more filter value, back on page 1: one copy
// of the request for many links (a results page has ~150 of them), the
// value pushed and popped around each URL.
class AddingUrls {
 public:
  explicit AddingUrls(const CgiRequest& request) : scratch_(request) {}
  std::string With(std::vector<std::string> SearchRequest::*list, const std::string& value) {
    std::vector<std::string>& values = scratch_.search.*list;
    values.push_back(value);
    std::string url = RequestUrl(scratch_, 1);
    values.pop_back();
    return url;
  }

 private:
  CgiRequest scratch_;
};

bool YearRange(const SearchRequest& s, std::string* year) {
  if (s.from.size() == 10 && s.to.size() == 10 && s.from.compare(0, 4, s.to, 0, 4) == 0 &&
      s.from.compare(4, 6, "-01-01") == 0 && s.to.compare(4, 6, "-12-31") == 0) {
    *year = s.from.substr(0, 4);
    return true;
  }
  return false;
}

void AppendHead(std::string* out, std::string_view title) {
  *out += "<!DOCTYPE html>\n<html lang=\"ru\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
          "<meta name=\"referrer\" content=\"no-referrer\"><title>";
  *out += Esc(title);
  *out += "</title><style>";
  *out += kPageCss;
  *out += "</style></head><body>\n";
}

void AppendForm(std::string* out, const CgiRequest* request) {
  SearchRequest empty;
  const SearchRequest& s = request ? request->search : empty;
  *out += "<header class=\"top\"><div class=\"top-in\"><a class=\"logo\" href=\"?\">Пресса</a>"
          "<span class=\"meta\">поиск по архиву региональной прессы</span>"
          "<form class=\"search\" method=\"get\" role=\"search\">"
          "<input class=\"q\" type=\"search\" name=\"q\" maxlength=\"4096\" value=\"";
  *out += Esc(s.query);
  *out += "\" placeholder=\"Слова, «фраза», ИЛИ, НЕ, -слово\" aria-label=\"Запрос\">"
          "<button type=\"submit\">Найти</button><div class=\"opts\">"
          "<label>с <input type=\"date\" name=\"from\" value=\"";
  *out += Esc(s.from);
  *out += "\"></label><label>по <input type=\"date\" name=\"to\" value=\"";
  *out += Esc(s.to);
  *out += "\"></label><label>сортировка <select name=\"sort\"><option value=\"relevance\">"
          "по релевантности</option><option value=\"date\"";
  if (s.sort == SearchRequest::Sort::kDate) *out += " selected";
  *out += ">по дате</option></select></label>";
  // Active filters ride along with a new query; their chips remove them.
  for (const Kind& kind : kKinds) {
    for (const std::string& v : s.*kind.list) {
      *out += "<input type=\"hidden\" name=\"" + std::string(kind.facet) + "\" value=\"" + Esc(v) +
              "\">";
    }
  }
  if (request && s.limit != kDefaultPageSize)
    *out += "<input type=\"hidden\" name=\"limit\" value=\"" + std::to_string(s.limit) + "\">";
  *out += "</div></form></div></header>\n";
}

void AppendFoot(std::string* out) {
  *out += "<footer class=\"foot\">Пресса — полнотекстовый поиск по региональной прессе. "
          "Ответ в JSON: добавьте к адресу <code>&amp;format=json</code>.</footer>\n"
          "</body></html>\n";
}

void AppendActiveFilters(std::string* out, const CgiRequest& request) {
  const SearchRequest& s = request.search;
  std::string chips;
  auto chip = [&chips](const std::string& href, const std::string& label) {
    chips += "<a class=\"chip\" href=\"" + Esc(href) + "\" title=\"Убрать фильтр\">" + Esc(label) +
             " ×</a>";
  };
  if (!s.like_id.empty()) {
    chip(UrlWith(request, [](SearchRequest& r) { r.like_id.clear(); }),
         "похожие на «" + s.like_id + "»");
  }
  std::string year;
  if (YearRange(s, &year)) {
    chip(UrlWith(request, [](SearchRequest& r) { r.from.clear(), r.to.clear(); }), year + " год");
  } else {
    if (!s.from.empty())
      chip(UrlWith(request, [](SearchRequest& r) { r.from.clear(); }), "с " + RussianDate(s.from));
    if (!s.to.empty())
      chip(UrlWith(request, [](SearchRequest& r) { r.to.clear(); }), "по " + RussianDate(s.to));
  }
  for (const Kind& kind : kKinds) {
    for (const std::string& v : s.*kind.list) {
      chip(UrlWith(request,
                   [&](SearchRequest& r) {
                     auto& list = r.*kind.list;
                     list.erase(std::remove(list.begin(), list.end(), v), list.end());
                   }),
           v);
    }
  }
  if (chips.empty()) return;
  *out += "<div class=\"active\"><span class=\"meta\">Фильтры:</span>" + chips;
  CgiRequest bare;
  bare.search.query = s.query;
  bare.search.sort = s.sort;
  bare.search.limit = s.limit;
  *out += Link(RequestUrl(bare, 1), "сбросить все") + "</div>\n";
}

void AppendFacetList(std::string* out, const char* title, const std::vector<std::string>& labels,
                     const std::vector<std::string>& hrefs, const std::vector<long>& counts,
                     const std::vector<bool>& on) {
  if (labels.empty()) return;
  constexpr size_t kShown = 8;  // the rest folds away under "ещё"
  *out += "<section><h2>" + std::string(title) + "</h2><ul>";
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i == kShown) *out += "</ul><details><summary>ещё " + std::to_string(labels.size() - i) +
                             "</summary><ul>";
    *out += on[i] ? "<li class=\"on\">" : "<li>";
    *out += Link(hrefs[i], labels[i]);
    *out += "<span class=\"n\">" + std::to_string(counts[i]) + "</span></li>";
  }
  *out += labels.size() > kShown ? "</ul></details></section>" : "</ul></section>";
}

void AppendFacets(std::string* out, const CgiRequest& request, const SearchResults& results) {
  *out += "<aside class=\"facets\" aria-label=\"Уточнить поиск\">";
  AddingUrls adding(request);
  for (const Kind& kind : kKinds) {
    auto it = results.facets.find(kind.facet);
    if (it == results.facets.end()) continue;
    std::vector<std::string> labels, hrefs;
    std::vector<long> counts;
    std::vector<bool> on;
    for (const FacetValue& fv : it->second) {
      const auto& active = request.search.*kind.list;
      bool is_on = std::find(active.begin(), active.end(), fv.value) != active.end();
      labels.push_back(fv.value);
      counts.push_back(fv.count);
      on.push_back(is_on);
      if (!is_on) {
        hrefs.push_back(adding.With(kind.list, fv.value));
        continue;
      }
      hrefs.push_back(UrlWith(request, [&](SearchRequest& r) {  // a second click removes it
        auto& list = r.*kind.list;
        list.erase(std::remove(list.begin(), list.end(), fv.value), list.end());
      }));
    }
    AppendFacetList(out, kind.title, labels, hrefs, counts, on);
  }
  auto years = results.facets.find("year");
  if (years != results.facets.end()) {
    std::vector<std::string> labels, hrefs;
    std::vector<long> counts;
    std::vector<bool> on;
    std::string active_year;
    YearRange(request.search, &active_year);
    for (const FacetValue& fv : years->second) {
      bool is_on = fv.value == active_year;
      std::string year = fv.value;
      labels.push_back(year);
      counts.push_back(fv.count);
      on.push_back(is_on);
      hrefs.push_back(UrlWith(request, [&](SearchRequest& r) {
        if (is_on) {
          r.from.clear(), r.to.clear();
        } else {
          r.from = year + "-01-01", r.to = year + "-12-31";
        }
      }));
    }
    AppendFacetList(out, "Годы", labels, hrefs, counts, on);
  }
  *out += "</aside>\n";
}

void AppendHit(std::string* out, const CgiRequest& request, const SearchHit& hit) {
  *out += "<li class=\"hit\"><h3>";
  const std::string& title = hit.headline.empty() ? hit.id : hit.headline;
  if (IsSafeLinkUrl(hit.url)) {
    *out += "<a href=\"" + Esc(hit.url) + "\" rel=\"noopener noreferrer nofollow\">" + Esc(title) +
            "</a>";
  } else {
    *out += Esc(title);
  }
  *out += "</h3><div class=\"meta\">";
  std::string meta;
  if (!hit.date.empty())
    meta += "<time datetime=\"" + Esc(hit.date) + "\">" + Esc(RussianDate(hit.date)) + "</time>";
  if (!hit.source.empty()) meta += (meta.empty() ? "" : " · ") + Esc(hit.source);
  meta += (meta.empty() ? "" : " · ") + std::string("<span class=\"id\">") + Esc(hit.id) + "</span>";
  *out += meta + "</div>";
  std::string snippet = SnippetHtml(hit.snippet);
  if (!snippet.empty()) *out += "<p class=\"snippet\">" + snippet + "</p>";
  std::string ents;
  AddingUrls adding(request);
  constexpr int kMaxChips = 10;
  int shown = 0;
  for (const Kind& kind : kKinds) {
    if (kind.list == &SearchRequest::sources) continue;
    const std::vector<std::string>& values = kind.list == &SearchRequest::orgs      ? hit.orgs
                                             : kind.list == &SearchRequest::persons ? hit.persons
                                                                                    : hit.places;
    for (const std::string& v : values) {
      if (shown++ >= kMaxChips) break;
      const auto& active = request.search.*kind.list;
      const std::string cls = std::string("chip ") + kind.facet;  // tinted by kind
      if (std::find(active.begin(), active.end(), v) != active.end()) {
        ents += "<span class=\"" + cls + "\">" + Esc(v) + "</span>";
        continue;
      }
      ents += Link(adding.With(kind.list, v), v, cls);
    }
  }
  if (!ents.empty()) *out += "<div class=\"ents\">" + ents + "</div>";
  *out += "<div class=\"more\">";
  *out += Link(UrlWith(request,
                       [&](SearchRequest& r) {
                         r.query.clear();
                         r.like_id = hit.id;
                       }),
               "Похожие статьи");
  if (hit.more_like_this > 0) {
    // Reprints were folded into this hit; their ids stay one click away.
    *out += "<details><summary>ещё " + std::to_string(hit.more_like_this) + " " +
            RussianPlural(hit.more_like_this, "перепечатка", "перепечатки", "перепечаток") +
            "</summary><ul>";
    for (const std::string& id : hit.duplicate_ids) *out += "<li>" + Esc(id) + "</li>";
    *out += "</ul></details>";
  }
  *out += "</div></li>\n";
}

void AppendPages(std::string* out, const CgiRequest& request, const SearchResults& results) {
  const int limit = std::max(1, request.search.limit);
  long pages = (results.total + limit - 1) / limit;
  pages = std::min<long>(pages, kMaxPage);
  if (pages <= 1) return;
  const int current = request.page;
  *out += "<nav class=\"pages\" aria-label=\"Страницы\">";
  if (current > 1)
    *out += "<a rel=\"prev\" href=\"" + Esc(RequestUrl(request, current - 1)) + "\">← Назад</a>";
  long last_shown = 0;
  for (long p = 1; p <= pages; ++p) {
    if (p != 1 && p != pages && (p < current - 2 || p > current + 2)) continue;
    if (last_shown && p > last_shown + 1) *out += "<span>…</span>";
    if (p == current) {
      *out += "<span aria-current=\"page\">" + std::to_string(p) + "</span>";
    } else {
      *out += Link(RequestUrl(request, static_cast<int>(p)), std::to_string(p));
    }
    last_shown = p;
  }
  if (current < pages)
    *out += "<a rel=\"next\" href=\"" + Esc(RequestUrl(request, current + 1)) + "\">Вперёд →</a>";
  *out += "</nav>\n";
}

std::string GroupDigits(long n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u202F";  // narrow no-break space
    out += digits[i];
  }
  return out;
}

}  // namespace

// Computed by the compiler: the stylesheet and its hash cannot drift apart,
// and no request pays for hashing (cgi_handler_test checks it against the page).
constexpr std::array<char, 45> kPageCssHash = Sha256Base64Chars(kPageCss);

const std::string& StyleCspHash() {
  static const std::string hash = std::string("'sha256-") + kPageCssHash.data() + "'";
  return hash;
}

bool IsSafeLinkUrl(std::string_view url) {
  auto starts = [&url](std::string_view prefix) {
    if (url.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(url[i])) != prefix[i]) return false;
    return true;
  };
  size_t host;
  if (starts("https://")) {
    host = 8;
  } else if (starts("http://")) {
    host = 7;
  } else {
    return false;
  }
  if (url.size() <= host || url[host] == '/') return false;
  return std::none_of(url.begin(), url.end(), [](char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f;
  });
}

std::string RussianPlural(long n, std::string_view one, std::string_view few,
                          std::string_view many) {
  long a = n < 0 ? -n : n;
  long last2 = a % 100, last = a % 10;
  std::string_view word = (last2 >= 11 && last2 <= 14) ? many
                          : last == 1                  ? one
                          : (last >= 2 && last <= 4)   ? few
                                                       : many;
  return std::string(word);
}

std::string RussianDate(std::string_view iso) {
  static const char* const kMonths[] = {"января", "февраля", "марта",    "апреля",
                                        "мая",    "июня",    "июля",     "августа",
                                        "сентября", "октября", "ноября", "декабря"};
  if (!IsValidIsoDate(iso)) return std::string(iso);
  int month = (iso[5] - '0') * 10 + (iso[6] - '0');
  int day = (iso[8] - '0') * 10 + (iso[9] - '0');
  return std::to_string(day) + " " + kMonths[month - 1] + " " + std::string(iso.substr(0, 4));
}

std::string RenderSearchPage(const CgiRequest& request, const SearchResults* results) {
  std::string out;
  out.reserve(32 * 1024);
  const SearchRequest& s = request.search;
  std::string title = "Пресса — поиск по архиву";
  if (results) {
    std::string what = !s.like_id.empty() ? "Похожие статьи" : !s.query.empty() ? s.query : "Фильтры";
    title = what + " — " + title;
  }
  AppendHead(&out, title);
  AppendForm(&out, &request);
  out += "<main class=\"layout\"><section class=\"results\">\n";
  if (!results) {
    out += "<p>Введите слова для поиска. Можно искать «фразу в кавычках», объединять слова "
           "через ИЛИ, исключать через НЕ или -слово, ограничивать даты и уточнять поиск по "
           "организациям, персонам, местам и источникам.</p>";
    out += "</section></main>\n";
    AppendFoot(&out);
    return out;
  }
  AppendActiveFilters(&out, request);
  if (!results->suggestion.empty()) {
    CgiRequest fixed = request;
    fixed.search.query = results->suggestion;
    if (results->searched_suggestion) {
      out += "<p class=\"suggest\">По запросу «" + Esc(s.query) +
             "» ничего не найдено. Показаны результаты по запросу " +
             Link(RequestUrl(fixed, 1), results->suggestion) + ".</p>\n";
    } else {
      out += "<p class=\"suggest\">Возможно, вы имели в виду: " +
             Link(RequestUrl(fixed, 1), results->suggestion) + "</p>\n";
    }
  }
  if (results->searched_words < results->query_words) {
    out += "<p class=\"suggest\">Запрос длинный, поиск шёл по его началу: " +
           std::to_string(results->searched_words) + " " +
           RussianPlural(results->searched_words, "слово", "слова", "слов") + " из " +
           std::to_string(results->query_words) + ".</p>\n";
  }
  if (results->total == 0) {
    out += "<p class=\"count\">Ничего не найдено.</p><p>Попробуйте другие слова, уберите "
           "кавычки или фильтры, расширьте даты.</p>";
  } else {
    out += "<p class=\"count\">" + std::string(results->total_exact ? "" : "Около ") +
           GroupDigits(results->total) + " " +
           RussianPlural(results->total, "результат", "результата", "результатов") + "</p>\n";
    if (results->hits.empty()) {
      out += "<p>На этой странице результатов нет. " +
             Link(RequestUrl(request, 1), "К первой странице") + "</p>";
    }
    out += "<ol class=\"hits\">\n";
    for (const SearchHit& hit : results->hits) AppendHit(&out, request, hit);
    out += "</ol>\n";
    AppendPages(&out, request, *results);
  }
  out += "</section>\n";
  AppendFacets(&out, request, *results);
  out += "</main>\n";
  AppendFoot(&out);
  return out;
}

std::string RenderErrorPage(std::string_view heading, const std::vector<std::string>& messages,
                            const CgiRequest* request) {
  std::string out;
  AppendHead(&out, std::string(heading) + " — Пресса");
  AppendForm(&out, request);
  out += "<main class=\"layout\"><section class=\"results\"><div class=\"err\"><h1>" +
         Esc(heading) + "</h1>";
  if (!messages.empty()) {
    out += "<ul>";
    for (const std::string& m : messages) out += "<li>" + Esc(m) + "</li>";
    out += "</ul>";
  }
  out += "</div><p><a href=\"?\">Новый поиск</a></p></section></main>\n";
  AppendFoot(&out);
  return out;
}

}  // namespace pressa
