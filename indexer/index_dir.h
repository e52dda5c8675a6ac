// The index directory: the writer lock and atomically swapped generations.
//
// Layout of `--db DIR` (documented in the README, "Nightly reindexing"):
//   DIR/XAPIANDB           Xapian stub file: "auto gen-000007" — what readers open
//   DIR/gen-000007/        the live glass database
//   DIR/pressa-index.lock  flock(2)ed by the one running writer
// Xapian opens a directory holding a XAPIANDB stub as the database it names,
// so `Xapian::Database(DIR)` (pressa-search, the CGI, Searcher::Open) keeps
// working with the plain path. A DIR written by an older Pressa (a plain
// glass database, DIR/iamglass) is still read and updated in place; the
// first --rebuild or --compact turns it into the generation layout.
#ifndef PRESSA_INDEXER_INDEX_DIR_H_
#define PRESSA_INDEXER_INDEX_DIR_H_

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"

namespace pressa {

class IndexDir {
 public:
  // Creates `dir` if missing and takes the writer lock (flock on an open
  // descriptor: the kernel releases it when the holder dies, so a killed
  // run never leaves a stale lock). Locked if another writer holds it;
  // IOError if the directory cannot be created or the lock file opened.
  static Result<std::unique_ptr<IndexDir>> Lock(const std::string& dir);

  IndexDir(const IndexDir&) = delete;
  IndexDir& operator=(const IndexDir&) = delete;
  ~IndexDir();  // releases the lock

  enum class Layout { kEmpty, kPlain, kGenerations };
  Layout layout() const;
  // The live glass database directory; empty for kEmpty.
  std::string LivePath() const;
  const std::string& dir() const { return dir_; }

  // Removes generation and build directories that are not live: leftovers
  // of a killed run, or generations replaced by an earlier swap. Readers
  // that still have an old generation open keep reading it (its files stay
  // alive while open); new readers open the live one.
  void RemoveStale(std::vector<std::string>* removed);

  // A fresh, empty directory name for the next generation (DIR/gen-N+1) and
  // a scratch directory for building it (DIR/build-N+1), both removed first
  // if a killed run left them.
  Status NextGeneration(std::string* gen_path, std::string* scratch_path);

  // Makes `gen_path` the live database: syncs its files, writes the stub to
  // a temporary file, fsyncs and rename(2)s it over DIR/XAPIANDB (atomic:
  // a reader sees the old or the new generation), then removes what is no
  // longer live (older generations, or the files of a plain layout).
  Status Publish(const std::string& gen_path);

 private:
  IndexDir(std::string dir, int lock_fd) : dir_(std::move(dir)), lock_fd_(lock_fd) {}
  std::string StubTarget() const;  // generation named by the stub, "" if none
  int MaxGeneration() const;

  std::string dir_;
  int lock_fd_;
};

}  // namespace pressa

#endif  // PRESSA_INDEXER_INDEX_DIR_H_
