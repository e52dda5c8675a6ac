// pressa-query-bench: warm query latency through the C++ search API.
//
// Opens one Searcher, runs every query of a file `reps` times after `warmup`
// untimed runs, and prints one TSV line per timed run:
//   query_id <TAB> rep <TAB> ms <TAB> total <TAB> hits <TAB> cpu_ms
// bench/run turns these samples into p50/p95. cpu_ms is the thread's CPU time:
// on a loaded machine it stays near what the wall time would be on an idle one. The file holds one query per
// line (`#` comments allowed), optionally followed by TAB FROM [TAB TO], the
// format of ../shared/tools/peers/ query files. --dump FILE writes every result
// of the last rep (total, hits with scores and duplicates, facets, snippets) so
// that two builds can be compared line by line. --offset N asks for the page
// that starts at result N (0-based), as a reader paging deep into a list does.
// --sort date lists the newest first, as the page's "by date" order does.
// --check-filters checks the weights of searches with a date range (see
// CheckFilters) instead of timing anything.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "searcher/searcher.h"

namespace {

// One query's results as text: what a change to the search path must keep.
void Dump(std::ostream& out, size_t query, const pressa::SearchResults& r) {
  out << "Q" << query << "\t" << r.query << "\ttotal=" << r.total << (r.total_exact ? "" : "~")
      << "\tsuggestion=" << r.suggestion << (r.searched_suggestion ? " (searched)" : "") << "\n";
  for (const pressa::SearchHit& h : r.hits) {
    char score[32];
    std::snprintf(score, sizeof score, "%.9g", h.score);
    out << "  " << h.rank << "\t" << h.id << "\t" << score << "\tdup=" << h.more_like_this;
    for (const std::string& d : h.duplicate_ids) out << "," << d;
    out << "\t";
    for (const pressa::SnippetSpan& span : h.snippet) {
      out << (span.match ? "[" : "") << span.text << (span.match ? "]" : "");
    }
    out << "\n";
  }
  for (const auto& [facet, values] : r.facets) {
    out << "  " << facet << ":";
    for (const pressa::FacetValue& v : values) out << " " << v.value << "=" << v.count;
    out << "\n";
  }
}

struct BenchQuery {
  std::string text;
  std::string from;
  std::string to;
};

std::vector<BenchQuery> ReadQueries(const std::string& path) {
  std::vector<BenchQuery> queries;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    BenchQuery q;
    size_t tab = line.find('\t');
    q.text = line.substr(0, tab);
    if (tab != std::string::npos) {
      std::string rest = line.substr(tab + 1);
      size_t tab2 = rest.find('\t');
      q.from = rest.substr(0, tab2);
      if (tab2 != std::string::npos) q.to = rest.substr(tab2 + 1);
    }
    queries.push_back(q);
  }
  return queries;
}

// --check-filters: an article weighs the same whatever narrows the search.
// For each query with a date range, every hit of its first 100 (sorted as
// asked, reprints listed one by one) is looked up among the first 10,000
// of the same query without the range, by relevance; a hit found there with
// another score is reported. Returns the number of such hits.
int CheckFilters(pressa::Searcher& searcher, const std::vector<BenchQuery>& queries,
                 pressa::SearchRequest::Sort sort) {
  int wrong = 0, checked = 0, found = 0, queries_checked = 0;
  for (size_t qi = 0; qi < queries.size(); ++qi) {
    if (queries[qi].from.empty() && queries[qi].to.empty()) continue;
    pressa::SearchRequest filtered;
    filtered.query = queries[qi].text;
    filtered.from = queries[qi].from;
    filtered.to = queries[qi].to;
    filtered.limit = pressa::kMaxLimit;
    filtered.collapse = false;
    filtered.facets = true;
    filtered.sort = sort;
    // Twice: the second search of a process has its columns in memory.
    auto narrow = searcher.Search(filtered);
    narrow = searcher.Search(filtered);
    if (!narrow.ok()) continue;
    std::map<std::string, double> wanted;
    for (const pressa::SearchHit& h : narrow->hits) wanted[h.id] = h.score;
    pressa::SearchRequest whole = filtered;
    whole.from.clear();
    whole.to.clear();
    whole.sort = pressa::SearchRequest::Sort::kRelevance;
    ++queries_checked;
    checked += static_cast<int>(wanted.size());
    for (whole.offset = 0; !wanted.empty() && whole.offset < 10000;
         whole.offset += pressa::kMaxLimit) {
      auto page = searcher.Search(whole);
      if (!page.ok() || page->hits.empty()) break;
      for (const pressa::SearchHit& h : page->hits) {
        auto it = wanted.find(h.id);
        if (it == wanted.end()) continue;
        ++found;
        if (std::abs(it->second - h.score) > 1e-9 * std::max(1.0, h.score)) {
          ++wrong;
          std::printf("Q%zu\t%s\tfiltered %.9g\twithout the range %.9g\n", qi + 1, h.id.c_str(),
                      it->second, h.score);
        }
        wanted.erase(it);
      }
    }
  }
  std::printf("# %d queries with a date range: %d hits, %d found without the range, %d weighed "
              "differently\n", queries_checked, checked, found, wrong);
  return wrong;
}

double ThreadCpuMs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int Usage() {
  std::cerr << "usage: pressa-query-bench --db DB --queries FILE [--reps N] [--warmup N]"
               " [--no-facets] [--limit N] [--offset N] [--sort relevance|date] [--dump FILE]"
               " [--check-filters]\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, queries_path, dump_path;
  int reps = 20, warmup = 1, limit = 10, offset = 0;
  bool facets = true, check_filters = false;
  auto sort = pressa::SearchRequest::Sort::kRelevance;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--db") db = value();
    else if (arg == "--queries") queries_path = value();
    else if (arg == "--reps") reps = std::atoi(value().c_str());
    else if (arg == "--warmup") warmup = std::atoi(value().c_str());
    else if (arg == "--limit") limit = std::atoi(value().c_str());
    else if (arg == "--offset") offset = std::atoi(value().c_str());
    else if (arg == "--no-facets") facets = false;
    else if (arg == "--check-filters") check_filters = true;
    else if (arg == "--sort" && i + 1 < argc && std::string(argv[i + 1]) == "date") {
      sort = pressa::SearchRequest::Sort::kDate;
      ++i;
    } else if (arg == "--sort" && i + 1 < argc && std::string(argv[i + 1]) == "relevance") {
      ++i;
    }
    else if (arg == "--dump") dump_path = value();
    else return Usage();
  }
  if (db.empty() || queries_path.empty()) return Usage();
  std::vector<BenchQuery> queries = ReadQueries(queries_path);
  if (queries.empty()) {
    std::cerr << "pressa-query-bench: no queries in " << queries_path << "\n";
    return 1;
  }
  auto searcher = pressa::Searcher::Open(db);
  if (!searcher.ok()) {
    std::cerr << "pressa-query-bench: " << searcher.status().ToString() << "\n";
    return 2;
  }
  if (check_filters) return CheckFilters(**searcher, queries, sort) == 0 ? 0 : 3;
  std::ofstream dump;
  if (!dump_path.empty()) {
    dump.open(dump_path);
    if (!dump) {
      std::cerr << "pressa-query-bench: cannot write " << dump_path << "\n";
      return 1;
    }
  }
  for (int rep = -warmup; rep < reps; ++rep) {
    for (size_t qi = 0; qi < queries.size(); ++qi) {
      pressa::SearchRequest request;
      request.query = queries[qi].text;
      request.from = queries[qi].from;
      request.to = queries[qi].to;
      request.limit = limit;
      request.offset = offset;
      request.facets = facets;
      request.sort = sort;
      double cpu_start = ThreadCpuMs();
      auto start = std::chrono::steady_clock::now();
      auto results = (*searcher)->Search(request);
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                            start).count();
      double cpu_ms = ThreadCpuMs() - cpu_start;
      if (!results.ok()) {
        std::cerr << "pressa-query-bench: query " << qi + 1 << " (" << request.query
                  << "): " << results.status().ToString() << "\n";
        return 2;
      }
      if (rep >= 0) {
        std::printf("%zu\t%d\t%.4f\t%ld\t%zu\t%.4f\n", qi + 1, rep, ms, results->total,
                    results->hits.size(), cpu_ms);
      }
      if (dump.is_open() && rep == reps - 1) Dump(dump, qi + 1, *results);
    }
  }
  return 0;
}
