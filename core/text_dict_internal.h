// The digested zstd dictionaries behind core/text_dict.h, for core/ only.
#ifndef PRESSA_CORE_TEXT_DICT_INTERNAL_H_
#define PRESSA_CORE_TEXT_DICT_INTERNAL_H_

#include <zstd.h>

#include <mutex>
#include <string>

#include "core/text_dict.h"

namespace pressa::textdict {

// Level 3: with a dictionary about a fifth smaller than Xapian's zlib at a
// third of its CPU; higher levels save a few percent for several times the CPU.
inline constexpr int kLevel = 3;

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
