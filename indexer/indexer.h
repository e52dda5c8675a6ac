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

inline constexpr int kDefaultMemoryMb = 512;
// The least budget accepted: the analyzers, extractors and Xapian's own
// tables take about this much before any document is buffered.
inline constexpr int kMinMemoryMb = 160;

// Xapian buffers a batch's postings in std::maps that every document's terms
// walk; they grow with the batch, and their lookups miss the CPU caches.
// An incremental run commits (with fsync) every kCommitBatch documents: on
// the corpus's nightly change (885 articles) 250 took 0.2-0.3 s longer. A
// fresh build's shards flush (without fsync) every kShardFlushBatch: 250
// against 500 was faster in 11 of 13 whole builds by turns (median ratio
// 1.06, peak RSS 228-251 -> 213-222 MB); 1,000 was slower still.
inline constexpr int kCommitBatch = 500;
inline constexpr int kShardFlushBatch = 250;

struct IndexOptions {
  std::string db;                  // index directory (created if missing)
  std::vector<std::string> paths;  // files or directories to read
  std::string alias_file;          // entity alias file; empty: built-in list
  // Documents per commit (incremental) or per shard flush (fresh build), at
  // most; 0: kCommitBatch and kShardFlushBatch (CommitBatch, ShardFlushBatch).
  int batch_size = 0;
  // Memory budget in MB for the whole run: flushes come early enough (by the
  // bytes of text buffered) and the shard queues are short enough that the
  // peak stays within it whatever the article sizes. 0: kDefaultMemoryMb.
  int memory_mb = 0;
  // Shard builders for a fresh build, document builders beside the writer
  // for an incremental run (1: the writer builds them itself); 0: one per core.
  int threads = 0;
  bool rebuild = false;            // build a new generation from scratch and swap it in
  bool compact = false;            // compact the live index afterwards (new generation)
  bool no_delete = false;          // never delete documents whose input is gone
  // Also write Xapian positional postings (schema::kMetaXapianPositions), as
  // an index searched remotely through xapian-tcpsrv needs. Kept by later
  // runs; asking for it on an index without them rebuilds it.
  bool xapian_positions = false;
  // --positions-like: an index (or stub: its first shard) whose terms with
  // Xapian positions this one takes instead of choosing its own, so that a
  // stub of shards built alike checks phrases with Xapian's operator in
  // every shard. Kept by later runs and rebuilds; an index with another
  // choice is rebuilt.
  std::string positions_like;
  // Internal, set by RunIndex for a fresh build: the encoded list
  // (positions::NativeTerms::Encode) to use instead of sampling; empty:
  // sample the input.
  std::string fixed_native_terms;
  long test_abort_after_docs = 0;  // tests only: _exit(137) after this many documents
  // Text bytes a fresh build's worker writes into one part of its shard
  // before it starts the next (fresh_build.cc); 0: kShardPartBytes.
  long shard_part_bytes = 0;
  // Most inputs (parts) one compaction of a fresh build merges; more are
  // merged in groups first (fresh_build.cc). 0: 64, fewer under a low limit
  // on open files.
  int merge_fan_in = 0;
  std::ostream* warnings = nullptr;  // one line per problem; nullptr: discard
  std::ostream* progress = nullptr;  // live progress (a terminal); nullptr: none
};

inline int CommitBatch(const IndexOptions& options) {
  return options.batch_size > 0 ? options.batch_size : kCommitBatch;
}
inline int ShardFlushBatch(const IndexOptions& options) {
  return options.batch_size > 0 ? options.batch_size : kShardFlushBatch;
}

struct IndexSummary {
  std::string mode;     // "incremental", "fresh" (empty index) or "rebuild"
  long files = 0;       // input files listed
  long files_read = 0;  // files read because new or changed
  long indexed = 0;     // documents added or replaced (added + updated)
  long added = 0;       // new ids
  long updated = 0;     // ids already in the index, re-indexed
  long deleted = 0;     // documents removed because their input is gone
  long unchanged = 0;   // articles whose input did not change
  long skipped = 0;     // inputs (files or JSON lines) skipped as unreadable
  long warnings = 0;    // warnings issued (skips included)
  long bytes = 0;       // raw input bytes read
  long documents = 0;   // documents in the index after the run
  double seconds = 0;   // wall time
  double merge_seconds = 0;  // fresh build: the serial merge of the shards (part of seconds)
  bool complete = true; // false if part of the corpus could not be listed/read
  bool deletions_held = false;  // deletions due but not done (incomplete run, --no-delete)
  bool compacted = false;
  std::string live;     // the live database directory after the run
};

// How the memory budget is spent: text bytes a writer may buffer before it
// flushes, and text bytes queued for each shard builder.
struct MemoryPlan {
  long flush_bytes = 0;
  long queue_bytes = 0;
};
MemoryPlan PlanMemory(int memory_mb, int writers);

// Reads every article under `paths` and calls `sink` for each, in input
// order, after date and entity extraction. Problems are counted in `summary`
// and written to `warnings` as "path:line: message". Stops early and
// returns the sink's error if the sink fails.
Status ForEachArticle(const std::vector<std::string>& paths, const std::string& alias_file,
                      std::ostream* warnings, std::ostream* progress, IndexSummary* summary,
                      const std::function<Status(const Article&)>& sink);

// Brings `options.db` up to date with `options.paths`: incremental by
// default (new, changed and vanished inputs only), a parallel fresh build
// into a new generation for an empty index or `rebuild`. Locked if another
// writer holds the index; IOError for a write failure (disk full,
// permissions): the last committed state stays intact and searchable.
// Thread-compatible; uses options.threads worker threads.
Status RunIndex(const IndexOptions& options, IndexSummary* summary);

// "indexed 5, skipped 0, warnings 0; added 5, updated 0, deleted 0,
// unchanged 0; 5 files, 0.03 MB in 0.1 s (…)".
std::string SummaryLine(const IndexSummary& summary);

// The --report JSON object (one line): the summary, "status" ("ok",
// "locked", "failed") and "error" (null or the message).
std::string SummaryJson(const IndexSummary& summary, const Status& status);

}  // namespace pressa

#endif  // PRESSA_INDEXER_INDEXER_H_
