// Reading one input file against its stored state: what changed, what to
// (re)index, what is gone. Shared by the incremental run, the parallel
// fresh build and `pressa-index --extract`.
#ifndef PRESSA_INDEXER_INPUT_SCAN_H_
#define PRESSA_INDEXER_INPUT_SCAN_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/article.h"
#include "core/status.h"
#include "indexer/index_state.h"
#include "indexer/indexer.h"
#include "indexer/reader.h"

namespace pressa {

// Counts and prints problems; draws the progress line on a terminal.
class RunReporter {
 public:
  RunReporter(std::ostream* warnings, std::ostream* progress, IndexSummary* summary,
              long total_files);
  void Warn(const std::string& path, long line, const std::string& message);
  void Skip(const std::string& path, long line, const std::string& message);
  void Tick(bool force = false);
  // Replaces the progress line with a stage that counts no files (the merge).
  void Phase(const std::string& text);
  void ClearProgress();

 private:
  using Clock = std::chrono::steady_clock;
  std::ostream* warnings_;
  std::ostream* progress_;
  IndexSummary* summary_;
  long total_files_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_{};
  bool drawn_ = false;
};

// Receives an article to (re)index (dates completed, entities not yet
// extracted) and the content hash of its source (file or JSON line).
using ArticleSink = std::function<Status(Article* article, uint64_t content_hash)>;

struct FileScan {
  enum class Outcome {
    kUnchanged,   // size and mtime as stored: not read
    kTouched,     // read, same content hash: nothing to index, state refreshed
    kRead,        // read and parsed; changed articles sent to the sink
    kUnreadable,  // could not be read: the stored state stays as it was
  };
  Outcome outcome = Outcome::kUnchanged;
  FileState state;                       // the state to store (not for kUnreadable)
  std::vector<std::string> removed_ids;  // ids of `old` the file no longer yields
};

// ContentHash64 of bytes that arrive in pieces; `total_size` is the size of
// all of them (ContentHash64 mixes it in first).
class StreamContentHash64 {
 public:
  explicit StreamContentHash64(uint64_t total_size);
  void Update(std::string_view bytes);
  uint64_t Final() const;

 private:
  static constexpr uint64_t kMul1 = 0x9E3779B185EBCA87ULL;
  static constexpr uint64_t kMul2 = 0xC2B2AE3D27D4EB4FULL;
  void Mix(uint64_t w);
  uint64_t h_;
  char pending_[8] = {};
  size_t pending_n_ = 0;
};

// Scans `file` against `old` (nullptr: no usable state, every article is
// sent to the sink). Counts unchanged articles, skips and bytes in
// `summary`; sets summary->complete false for an unreadable file. Returns
// the sink's error, if any.
Status ScanFile(const InputFile& file, const FileState* old, RunReporter* reporter,
                IndexSummary* summary, const ArticleSink& sink, FileScan* scan);

}  // namespace pressa

#endif  // PRESSA_INDEXER_INPUT_SCAN_H_
