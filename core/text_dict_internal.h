// The digested zstd dictionaries behind core/text_dict.h, for core/ only.
#ifndef PRESSA_CORE_TEXT_DICT_INTERNAL_H_
#define PRESSA_CORE_TEXT_DICT_INTERNAL_H_

#include <zstd.h>

#include <mutex>
#include <string>

#include "core/text_dict.h"

namespace pressa::textdict {

// Level 1: with a dictionary about a tenth smaller than Xapian's zlib at a
// fraction of its CPU. Level 3 packed the corpus's stored text 14% smaller
// (47.4 against 54.1 MB) for 1.6x the compression CPU (1.36 against 0.85 s),
// the third largest cost of a fresh build after Xapian and the analyzer;
// higher levels save a few percent more for several times the CPU. Reading
// is the same speed at any level, and any level reads any other's frames.
inline constexpr int kLevel = 1;

// Shared by every thread. The compression form is built on first use: a
// searcher only decompresses.
struct Digested {
  Digested() = default;
  Digested(const Digested&) = delete;
  Digested& operator=(const Digested&) = delete;
  ~Digested();
  const ZSTD_CDict* CDict() const;  // null if zstd cannot digest the bytes
  std::string bytes;
  ZSTD_DDict* ddict = nullptr;

 private:
  mutable std::once_flag cdict_once_;
  mutable ZSTD_CDict* cdict_ = nullptr;
};

}  // namespace pressa::textdict

#endif  // PRESSA_CORE_TEXT_DICT_INTERNAL_H_
