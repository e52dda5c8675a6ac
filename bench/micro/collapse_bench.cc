// Google Benchmark for folding reprints (searcher/collapse.h) over a deep
// page's candidates: the searcher collapses 3 x (offset + limit) + 20 hits,
// so page 1,000 of 100 results asks for 300,020.
//
// The signatures are synthetic: stories of ten hits each, every hit keeping a
// random number (0-16) of its story's 16 MinHash values, so that many hits
// share some values with a leader without reaching the threshold, as the
// variants of ../shared/tools/scale_corpus.py do.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "core/signature.h"
#include "searcher/collapse.h"

namespace {

std::vector<std::string> StorySignatures(size_t hits) {
  std::mt19937 random(42);
  auto value = [&](std::string* s, int position) {
    uint32_t v = random();
    std::memcpy(&(*s)[4 * position], &v, 4);
  };
  std::vector<std::string> stories(hits / 10 + 1, std::string(4 * pressa::kSignatureHashes, '\0'));
  for (std::string& story : stories) {
    for (int p = 0; p < pressa::kSignatureHashes; ++p) value(&story, p);
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < hits; ++i) {
    std::string s = stories[random() % stories.size()];
    for (int p = static_cast<int>(random() % (pressa::kSignatureHashes + 1));
         p < pressa::kSignatureHashes; ++p) {
      value(&s, p);
    }
    out.push_back(std::move(s));
  }
  return out;
}

void BM_CollapseNearDuplicates(benchmark::State& state) {
  std::vector<std::string> signatures = StorySignatures(static_cast<size_t>(state.range(0)));
  size_t groups = 0;
  for (auto _ : state) {
    groups = pressa::CollapseNearDuplicates(signatures).size();
    benchmark::DoNotOptimize(groups);
  }
  state.counters["groups"] = static_cast<double>(groups);
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_CollapseNearDuplicates)
    ->Arg(50)
    ->Arg(128)
    ->Arg(256)
    ->Arg(3020)
    ->Arg(15020)
    ->Arg(300020)
    ->Unit(benchmark::kMillisecond);

}  // namespace
