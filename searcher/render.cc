// Text and JSON renderers over SearchResults.
#include "searcher/render.h"

#include <cstdio>

#include <nlohmann/json.hpp>

namespace pressa {

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string SnippetHtml(const std::vector<SnippetSpan>& snippet) {
  std::string out;
  for (const SnippetSpan& span : snippet) {
    if (span.match) out += "<mark>";
    out += HtmlEscape(span.text);
    if (span.match) out += "</mark>";
  }
  return out;
}

namespace {

nlohmann::ordered_json OrNull(const std::string& s) {
  return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
}

}  // namespace

std::string RenderJson(const SearchResults& results) {
  // ordered_json keeps the documented key order.
  using json = nlohmann::ordered_json;
  json hits = json::array();
  for (const SearchHit& h : results.hits) {
    hits.push_back({{"rank", h.rank},
                    {"id", h.id},
                    {"score", h.score},
                    {"date", OrNull(h.date)},
                    {"title", h.title},
                    {"headline", h.headline},
                    {"source", OrNull(h.source)},
                    {"url", OrNull(h.url)},
                    {"snippet", SnippetHtml(h.snippet)},
                    {"orgs", h.orgs},
                    {"persons", h.persons},
                    {"places", h.places},
                    {"more_like_this", h.more_like_this},
                    {"duplicates", h.duplicate_ids}});
  }
  json facets = json::object();
  for (const auto& [name, values] : results.facets) {
    json list = json::array();
    for (const FacetValue& v : values) list.push_back({{"value", v.value}, {"count", v.count}});
    facets[name] = std::move(list);
  }
  json out = {{"query", results.query},
              {"total", results.total},
              {"offset", results.offset},
              {"limit", results.limit},
              {"results", std::move(hits)},
              {"facets", std::move(facets)},
              {"suggestion", OrNull(results.suggestion)},
              {"total_exact", results.total_exact},
              {"searched_suggestion", results.searched_suggestion},
              {"query_words", results.query_words},
              {"searched_words", results.searched_words}};
  // Invalid UTF-8 cannot reach here (inputs are decoded), but never throw on it.
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string RenderText(const SearchResults& results, bool color) {
  const char* bold = color ? "\033[1m" : "";
  const char* plain = color ? "\033[0m" : "";
  std::string out;
  if (results.searched_suggestion) {
    out += "No results for " + results.query + "; showing results for " + results.suggestion +
           "\n";
  } else if (!results.suggestion.empty()) {
    out += "Did you mean: " + results.suggestion + "\n";
  }
  if (results.searched_words < results.query_words) {
    out += "Long query: searched its first " + std::to_string(results.searched_words) + " of " +
           std::to_string(results.query_words) + " words\n";
  }
  char head[128];
  std::snprintf(head, sizeof head, "%s%ld results", results.total_exact ? "" : "about ",
                results.total);
  out += head;
  if (!results.hits.empty()) {
    std::snprintf(head, sizeof head, ", showing %d-%d", results.hits.front().rank,
                  results.hits.back().rank);
    out += head;
  }
  out += "\n";
  for (const SearchHit& h : results.hits) {
    char num[32];
    std::snprintf(num, sizeof num, "\n%2d. ", h.rank);
    out += num;
    out += h.date.empty() ? "----------" : h.date;
    out += "  ";
    out += bold;
    out += h.headline.empty() ? "(untitled)" : h.headline;
    out += plain;
    out += "\n    " + h.id;
    if (!h.source.empty()) out += "  [" + h.source + "]";
    char score[32];
    std::snprintf(score, sizeof score, "  score %.2f", h.score);
    out += score;
    if (h.more_like_this > 0) {
      out += "  (" + std::to_string(h.more_like_this) + " more like this)";
    }
    out += "\n    ";
    for (const SnippetSpan& span : h.snippet) {
      if (span.match && color) {
        out += bold + span.text + plain;
      } else if (span.match) {
        out += "[" + span.text + "]";
      } else {
        out += span.text;
      }
    }
    out += "\n";
  }
  return out;
}

}  // namespace pressa
