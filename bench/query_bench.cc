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
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
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

double ThreadCpuMs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int Usage() {
  std::cerr << "usage: pressa-query-bench --db DB --queries FILE [--reps N] [--warmup N]"
               " [--no-facets] [--limit N] [--offset N] [--dump FILE]\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, queries_path, dump_path;
  int reps = 20, warmup = 1, limit = 10, offset = 0;
  bool facets = true;
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
