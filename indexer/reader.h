// Corpus readers: find input files, decode their bytes, parse both formats.
#ifndef PRESSA_INDEXER_READER_H_
#define PRESSA_INDEXER_READER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/article.h"
#include "core/status.h"
#include "indexer/text_decode.h"

namespace pressa {

// The largest article accepted, in bytes of input: a seed file, or one JSON
// line. Larger ones are skipped with a warning, so one runaway file cannot
// exhaust memory or slow every search that shows it (a 15 MB article took
// 590 MB to index and seconds per snippet; the largest real articles in the
// reference corpus are under 100 KB).
inline constexpr uint64_t kMaxArticleBytes = 4 << 20;

// "article is 200.0 MB, over the 4 MB limit": the warning for an oversized article.
std::string ArticleTooLargeMessage(uint64_t bytes);

struct InputFile {
  enum class Format { kSeed, kJsonLines };
  std::string path;     // as found on disk
  std::string id_base;  // seed: path relative to the PATH given, without ".txt"
  Format format = Format::kSeed;
  uint64_t size = 0;
  int64_t mtime_ns = 0;  // modification time, nanoseconds since the epoch
  // The file's identity (stat's device and inode): two names of one file
  // (a symlink, a hard link, a path spelled otherwise) have the same.
  uint64_t dev = 0;
  uint64_t ino = 0;
  // The path an earlier run listed this same file by, when it was spelled
  // otherwise then: the index keeps knowing the file by that name.
  std::string known_as;

  // The name the index's state and the documents' owner stamps use.
  const std::string& key_path() const { return known_as.empty() ? path : known_as; }
};

// Fills `file`'s size, mtime and identity (dev, ino) from stat(2) of `path`,
// following symlinks; false if it cannot be stat'd.
bool StatInput(const std::string& path, InputFile* file);

// Lists the *.txt and *.jsonl files under each of `paths` (a file or a
// directory walked recursively; symlinked directories are not followed),
// sorted by path. A PATH that is a file is taken whatever its extension
// (.jsonl → JSON lines, anything else → seed format). A file listed twice
// (overlapping PATHs, a symlink, a hard link: one device and inode, same size
// and mtime) is taken once, as the first PATH lists it, with a warning naming
// both. Problems (a missing PATH, an unreadable directory) are appended to
// `warnings` as full sentences naming the path; `*complete` is set false when
// any part of the corpus could not be listed.
std::vector<InputFile> ListInputs(const std::vector<std::string>& paths,
                                  std::vector<std::string>* warnings, bool* complete);

// Parses the text of a seed-format file (already UTF-8) into `article`
// (title, text, date, date_source; id and provenance are left to the caller).
// A first line " date YYYY-MM-DD rest" gives the date and the title "rest";
// a first line with no letter or digit is skipped for the title. An
// impossible date is dropped and reported in `*warning`, the article kept.
// Returns InvalidArgument when nothing but whitespace is left.
Status ParseSeedArticle(std::string_view text, Article* article, std::string* warning);

// Parses one JSON line (id, text, optional title, date, source, url).
// A date-time keeps its date part. An impossible or malformed date is
// dropped and reported in `*warning`. A url that runs a site's address and
// an absolute one together keeps the absolute one. Returns InvalidArgument for broken
// JSON, a missing/empty id or text, or a non-string field.
Status ParseJsonArticle(std::string_view line, Article* article, std::string* warning);

}  // namespace pressa

#endif  // PRESSA_INDEXER_READER_H_
