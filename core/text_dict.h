// Zstd dictionaries for stored article text: each index trains its own from
// the articles of its first build and keeps it in its metadata.
//
// A dictionary is what makes short documents compress well (a news article
// alone gives zstd too little history), and one trained on the index's own
// articles fits its language, sources and boilerplate. Documents name the
// dictionary by the id in their zstd frame; a process registers the
// dictionaries it meets (the indexer from the index it writes, the searcher
// from every shard it reads) in a process-wide table.
#ifndef PRESSA_CORE_TEXT_DICT_H_
#define PRESSA_CORE_TEXT_DICT_H_

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace pressa::textdict {

// The metadata key that holds an index's dictionary (absent: none).
inline constexpr const char* kMetaKey = "pressa.zdict";

// Training wants at least this much sample text; a smaller first build
// stores its documents with plain zstd.
inline constexpr size_t kMinSampleBytes = 1 << 20;
// Enough sample for a dictionary of kMaxDictBytes; more costs training time
// for little gain (measured on the shared corpus: 4 MB and 15 MB of sample
// give dictionaries within 1% of each other).
inline constexpr size_t kMaxSampleBytes = 8 << 20;
inline constexpr size_t kMaxDictBytes = 112 << 10;

// Trains a dictionary on `samples` (article texts). Empty when the samples
// are too few or too small, or training fails.
std::string Train(const std::vector<std::string>& samples);

// Adds a dictionary to the process's table (thread-safe; the same id twice is
// kept once). Returns its id, or 0 if `bytes` is not a zstd dictionary.
unsigned Register(std::string bytes);

// True if dictionary `id` is registered (id 0, no dictionary, always is).
bool Known(unsigned id);

// Registers the dictionary stored in `db` (one shard), if any; returns its id
// or 0. May throw Xapian::Error.
unsigned RegisterFrom(const Xapian::Database& db);

// The digested forms, for core/schema.cc; null if `id` is not registered.
struct Digested;
const Digested* Find(unsigned id);

}  // namespace pressa::textdict

#endif  // PRESSA_CORE_TEXT_DICT_H_
