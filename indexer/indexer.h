// The indexing run: read every input, extract, analyze, write the index.
#ifndef PRESSA_INDEXER_INDEXER_H_
#define PRESSA_INDEXER_INDEXER_H_

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "core/article.h"
#include "core/status.h"

namespace pressa {

struct IndexOptions {
  std::string db;                  // index directory (created if missing)
  std::vector<std::string> paths;  // files or directories to read
  std::string alias_file;          // entity alias file; empty: built-in list
  int batch_size = 2000;           // documents per commit
  std::ostream* warnings = nullptr;  // one line per problem; nullptr: discard
  std::ostream* progress = nullptr;  // live progress (a terminal); nullptr: none
};

struct IndexSummary {
  long files = 0;       // input files seen
  long indexed = 0;     // documents added or replaced
  long skipped = 0;     // inputs (files or JSON lines) skipped as unreadable
  long warnings = 0;    // warnings issued (skips included)
  long bytes = 0;       // raw input bytes read
  double seconds = 0;   // wall time
  bool complete = true; // false if part of the corpus could not be listed/read
};

// Reads every article under `paths` and calls `sink` for each, in input
// order, after date and entity extraction. Problems are counted in `summary`
// and written to `warnings` as "path:line: message". Stops early and
// returns the sink's error if the sink fails.
Status ForEachArticle(const std::vector<std::string>& paths, const std::string& alias_file,
                      std::ostream* warnings, std::ostream* progress, IndexSummary* summary,
                      const std::function<Status(const Article&)>& sink);

// Indexes `options.paths` into `options.db`. Locked if another writer holds
// the index; IOError for a write failure (the last commit stays intact).
Status RunIndex(const IndexOptions& options, IndexSummary* summary);

// "indexed 5, skipped 0, warnings 0, 5 files, 0.03 MB in 0.1 s (…)".
std::string SummaryLine(const IndexSummary& summary);

}  // namespace pressa

#endif  // PRESSA_INDEXER_INDEXER_H_
