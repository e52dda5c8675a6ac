// Incremental-indexing state kept inside the index: one metadata entry per
// input file, committed atomically with the documents it describes.
#ifndef PRESSA_INDEXER_INDEX_STATE_H_
#define PRESSA_INDEXER_INDEX_STATE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "core/status.h"

namespace pressa {

// What the index knows about one input file after the run that last read it.
struct FileState {
  struct Entry {
    uint64_t hash = 0;  // content hash of the article's source (file or JSON line)
    std::string id;     // the document id it produced
  };
  std::string path;           // as first listed (PATH joined with the relative path)
  uint64_t size = 0;          // bytes, from stat
  int64_t mtime_ns = 0;       // from stat
  uint64_t content_hash = 0;  // ContentHash64 of the whole file
  std::vector<Entry> entries; // one per indexed article, in file order
  // CanonicalPath of the file when the state was written: which file it is
  // however a later run spells its path ("" in states of format 1).
  std::string canonical;
};

// The absolute form of `path` with ".", ".." and symlinks resolved as far as
// they exist; "" if it cannot be resolved.
std::string CanonicalPath(const std::string& path);

// Metadata encoding; a persistent format (versioned by its first byte;
// format 1, without `canonical`, is still read).
std::string EncodeFileState(const FileState& state);
Result<FileState> DecodeFileState(std::string_view data);

// Metadata key of a file's state: "pressa.file:" + hex FNV-1a of the path.
std::string FileStateKey(std::string_view path);
inline constexpr const char* kFileStatePrefix = "pressa.file:";
// Hash of everything besides the input that shapes a document (schema,
// alias table, state format). A different stamp means the stored states
// cannot be trusted to skip work: every file is re-read and re-indexed.
inline constexpr const char* kMetaStateConfig = "pressa.state.config";

// The kSlotStamp value of a document: 8 bytes of FNV-1a(origin path) then
// 8 bytes of its source content hash, both big-endian.
std::string StampValue(std::string_view origin_path, uint64_t content_hash);
uint64_t StampFileHash(std::string_view stamp);  // 0 if malformed

// Reads and writes file states through an open WritableDatabase. Writes are
// part of the database's current transaction (they land with the next
// commit). Not thread-safe. Every method converts Xapian errors to Status.
class IncrementalState {
 public:
  // `db` must outlive this object. `config_stamp` (see kMetaStateConfig)
  // decides whether stored states may be trusted.
  IncrementalState(Xapian::WritableDatabase* db, std::string config_stamp);

  // True when the stored states were written with the same configuration.
  bool trusted() const { return trusted_; }

  // The stored state of `path`; NotFound if none (or untrusted, for the
  // skip decision: see LoadAny).
  Result<FileState> Load(const std::string& path) const;
  // The stored state regardless of trust (for deletions).
  Result<FileState> LoadAny(const std::string& path) const;
  Status Save(const FileState& state);
  Status Remove(const std::string& path);
  // Records the configuration stamp (call once the states are rewritten).
  Status SaveConfig();

  // Keys of every stored file state.
  Result<std::vector<std::string>> AllKeys() const;
  Result<FileState> LoadKey(const std::string& key) const;
  Status RemoveKey(const std::string& key);

  // Deletes the document with `id` if it still came from `origin_path`
  // (another file may have taken the id over since). Sets *deleted.
  Status DeleteIfOwned(const std::string& id, const std::string& origin_path, bool* deleted);
  // Called with each document DeleteIfOwned is about to delete (the writer
  // takes its names out of the name table).
  void set_before_delete(std::function<void(Xapian::docid)> fn) { before_delete_ = std::move(fn); }

 private:
  Xapian::WritableDatabase* db_;
  std::function<void(Xapian::docid)> before_delete_;
  std::string config_stamp_;
  bool trusted_ = false;
};

}  // namespace pressa

#endif  // PRESSA_INDEXER_INDEX_STATE_H_
