// A fresh index built in parallel: one shard per worker thread, merged by
// Xapian's compaction into the new generation.
#ifndef PRESSA_INDEXER_FRESH_BUILD_H_
#define PRESSA_INDEXER_FRESH_BUILD_H_

#include <string>
#include <vector>

#include <xapian.h>

#include "core/status.h"
#include "indexer/indexer.h"
#include "indexer/input_scan.h"
#include "indexer/reader.h"

namespace pressa {

struct FreshBuildInputs {
  std::vector<InputFile> files;
  std::string aliases;       // serialized alias table to store
  std::string config_stamp;  // kMetaStateConfig value
  std::string scratch_dir;   // shards live here (removed by the caller)
  std::string out_dir;       // the compacted database is written here
};

// Reads every file (the calling thread parses; workers extract entities,
// analyze and write their shard), then merges the shards and the run's
// incremental state into `out_dir`. Documents are routed to shards by id,
// so a repeated id replaces within its shard as in a single index.
// IOError on a write failure; nothing outside scratch/out is touched.
Status BuildFresh(const FreshBuildInputs& in, const IndexOptions& options,
                  RunReporter* reporter, IndexSummary* summary);

// The worker threads `options` asks for: options.threads, or one per core
// (at most 8) for 0.
int WorkerThreads(const IndexOptions& options);

// Adds the incremental-state stamp and file term to a built document.
void StampDocument(const Article& article, uint64_t content_hash, Xapian::Document* doc);

}  // namespace pressa

#endif  // PRESSA_INDEXER_FRESH_BUILD_H_
