// The search API: a SearchRequest in, SearchResults out. The CLI, the CGI and
// embedding programs all call this; none of them sees a Xapian type.
#ifndef PRESSA_SEARCHER_SEARCHER_H_
#define PRESSA_SEARCHER_SEARCHER_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"

namespace pressa {

struct SearchRequest {
  // Query text: words, "phrases", AND/OR/NOT (И/ИЛИ/НЕ), -word, +word,
  // parentheses, and field:value for org/person/place/source. May be empty
  // when filters are given: then every matching article is listed, newest first.
  std::string query;
  // Inclusive publication date bounds, "YYYY-MM-DD"; empty for an open end.
  // Undated articles are left out as soon as either bound is set.
  std::string from;
  std::string to;
  // Entity and source filters: OR within one kind, AND across kinds. Values
  // match an entity's normal form or any alias, case- and ё-insensitively.
  std::vector<std::string> orgs;
  std::vector<std::string> persons;
  std::vector<std::string> places;
  std::vector<std::string> sources;
  enum class Sort { kRelevance, kDate };
  Sort sort = Sort::kRelevance;  // kDate: newest first, then by relevance
  int offset = 0;                // first result to return (0-based)
  int limit = 10;                // results per page, 1..kMaxLimit
  bool facets = false;           // compute exact facet counts over all matches
  int facet_limit = 20;          // values per facet, largest first
  int snippet_chars = 200;       // approximate snippet length in characters
  // Related articles: when set, articles like the one with this id (its most
  // telling terms), the article itself left out; `query` is then ignored,
  // filters still apply. NotFound if no article has the id.
  std::string like_id;
  // Collapse reprints (near-duplicate texts) into the first of them, which
  // then counts them in SearchHit::more_like_this.
  bool collapse = true;
};

// Bounds on requests (documented limits).
inline constexpr int kMaxLimit = 100;
// A longer query (a pasted passage) is searched by its first words: as many
// whole words as fit in this many bytes and expand to this many index terms
// (SearchResults::searched_words).
inline constexpr size_t kMaxQueryBytes = 4096;
inline constexpr unsigned kMaxQueryTerms = 256;
// After this long the match stops counting every document: totals and facet
// counts become estimates (SearchResults::total_exact false), the page stays.
inline constexpr double kMatchTimeLimitSeconds = 2.0;

// One stretch of snippet text; `match` marks a highlighted query word.
struct SnippetSpan {
  std::string text;
  bool match = false;
};

struct SearchHit {
  int rank = 0;          // 1-based across pages
  std::string id;
  double score = 0;      // BM25 weight; 0 for a pure filter listing
  std::string date;      // "YYYY-MM-DD" or empty
  std::string title;     // empty if the article has none
  // What the hit is headed with: the title, or the start of an untitled
  // article's text (a news channel's post); see Headline (snippets.h).
  std::string headline;
  std::string source;    // empty if unknown
  std::string url;       // empty if unknown
  std::vector<SnippetSpan> snippet;
  std::vector<std::string> orgs;     // normal forms
  std::vector<std::string> persons;
  std::vector<std::string> places;
  // Reprints of this article collapsed into it (same or nearly the same text):
  // their number and their ids, best ranked first.
  int more_like_this = 0;
  std::vector<std::string> duplicate_ids;
};

struct FacetValue {
  std::string value;
  long count = 0;
};

struct SearchResults {
  std::string query;
  long total = 0;            // matching articles, reprints counted one by one
  bool total_exact = true;   // false: total is Xapian's estimate
  int offset = 0;
  int limit = 0;
  std::vector<SearchHit> hits;
  // "org", "person", "place", "source", "year" → values, largest first.
  std::map<std::string, std::vector<FacetValue>> facets;
  std::string suggestion;    // "did you mean", empty if none
  // True when the query found nothing and the hits are those of `suggestion`.
  bool searched_suggestion = false;
  // The query's words (runs of characters between spaces) and how many of
  // them, from the first, were searched: fewer when the query was longer
  // than kMaxQueryBytes or kMaxQueryTerms allow.
  int query_words = 0;
  int searched_words = 0;
};

// Thread-compatible: one Searcher per thread. It keeps the index open and
// follows the writer's commits (see Refresh).
class Searcher {
 public:
  // Opens the index at `db_path` (a directory or a Xapian stub file).
  // NotFound if there is no index there; Corruption if it is not Pressa's.
  static Result<std::unique_ptr<Searcher>> Open(const std::string& db_path);

  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;
  ~Searcher();

  // Runs one search. InvalidArgument for a malformed request or query
  // (the message is fit to show the user); IOError if the index fails.
  Result<SearchResults> Search(const SearchRequest& request);

  // Moves to the index's newest revision, or to a new generation swapped in
  // by `pressa-index --rebuild/--compact`; true if it moved. What the
  // searcher read once from the old view (names, aliases) is read again
  // when next needed. Search does this itself, except right after Open or
  // Refresh; a server calls it first to warm a new view up before a request.
  bool Refresh();

  // Number of documents in the index.
  long DocCount() const;

 private:
  struct Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace pressa

#endif  // PRESSA_SEARCHER_SEARCHER_H_
