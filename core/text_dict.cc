// The process's table of stored-text dictionaries, and their training.
// ZSTD_createDDict_byReference: stable in zstd since 1.3 (Debian 12 has 1.5.4),
// exported by the shared library too.
#define ZSTD_STATIC_LINKING_ONLY
#include "core/text_dict.h"

#define ZDICT_STATIC_LINKING_ONLY  // the fastCover parameters: stable since zstd 1.3.6
#include <zdict.h>
#include <zstd.h>

#include <map>
#include <memory>
#include <mutex>
#include <utility>

#include "core/text_dict_internal.h"

namespace pressa::textdict {
namespace {

std::mutex& TableMutex() {
  static std::mutex mu;
  return mu;
}

// Entries are never removed, so a pointer handed out stays valid.
std::map<unsigned, std::unique_ptr<Digested>>& Table() {
  static std::map<unsigned, std::unique_ptr<Digested>> table;
  return table;
}

}  // namespace

Digested::~Digested() {
  ZSTD_freeCDict(cdict_);
  ZSTD_freeDDict(ddict);
}

const ZSTD_CDict* Digested::CDict() const {
  std::call_once(cdict_once_,
                 [this] { cdict_ = ZSTD_createCDict(bytes.data(), bytes.size(), kLevel); });
  return cdict_;
}

std::string Train(const std::vector<std::string>& samples) {
  std::string joined;
  std::vector<size_t> sizes;
  for (const std::string& s : samples) {
    if (s.empty()) continue;
    if (joined.size() + s.size() > kMaxSampleBytes) break;
    joined += s;
    sizes.push_back(s.size());
  }
  if (joined.size() < kMinSampleBytes || sizes.size() < 16) return "";
  // ZDICT_trainFromBuffer tries five segment sizes (k from 50 to 1998, d = 8),
  // each trained on the first three quarters of the samples and scored by
  // compressing the last quarter. On press text it keeps k = 50; training
  // once with those parameters on those samples gives the same dictionary,
  // byte for byte, for a fraction of the CPU (it ran 0.4 s at the start of
  // every fresh build of the shared corpus).
  ZDICT_fastCover_params_t params{};
  params.k = 50;
  params.d = 8;
  params.f = 20;
  params.accel = 1;
  params.zParams.compressionLevel = kLevel;
  const auto train_samples = static_cast<unsigned>(static_cast<double>(sizes.size()) * 0.75);
  std::string dict(kMaxDictBytes, '\0');
  size_t n = ZDICT_trainFromBuffer_fastCover(dict.data(), dict.size(), joined.data(), sizes.data(),
                                             train_samples, params);
  if (ZDICT_isError(n)) return "";
  dict.resize(n);
  return dict;
}

unsigned Register(std::string bytes) {
  unsigned id = ZDICT_getDictID(bytes.data(), bytes.size());
  if (id == 0) return 0;
  std::lock_guard<std::mutex> lock(TableMutex());
  auto& table = Table();
  if (table.count(id)) return id;
  auto d = std::make_unique<Digested>();
  // The decompression form points into `bytes`, which the entry keeps and
  // never changes: a one-shot searcher does not copy 112 KB again.
  d->bytes = std::move(bytes);
  d->ddict = ZSTD_createDDict_byReference(d->bytes.data(), d->bytes.size());
  if (d->ddict == nullptr) return 0;
  table.emplace(id, std::move(d));
  return id;
}

bool Known(unsigned id) { return id == 0 || Find(id) != nullptr; }

unsigned RegisterFrom(const Xapian::Database& db) {
  std::string bytes = db.get_metadata(kMetaKey);
  return bytes.empty() ? 0 : Register(std::move(bytes));
}

const Digested* Find(unsigned id) {
  std::lock_guard<std::mutex> lock(TableMutex());
  auto it = Table().find(id);
  return it == Table().end() ? nullptr : it->second.get();
}

}  // namespace pressa::textdict
