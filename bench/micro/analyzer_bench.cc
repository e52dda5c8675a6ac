// Google Benchmark for the hot paths of indexing: the analyzer and the entity extractor.
//
// The input is the sample corpus (corpus/*.txt, always in the repository), so the
// figures are per byte of real Russian news text. Run:
//   build-bench/bin/pressa-micro-bench --benchmark_repetitions=5
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/article.h"
#include "indexer/entity_extractor.h"
#include "stemmers/analyzer.h"

namespace {

// The seed articles, concatenated: about 30 kB of news text.
const std::vector<std::string>& SampleTexts() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    std::filesystem::path dir = std::filesystem::path(PRESSA_SOURCE_DIR) / "corpus";
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.path().extension() == ".txt") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f);
      std::stringstream ss;
      ss << in.rdbuf();
      out.push_back(ss.str());
    }
    return out;
  }();
  return texts;
}

size_t TotalBytes() {
  size_t n = 0;
  for (const auto& t : SampleTexts()) n += t.size();
  return n;
}

void BM_AnalyzerAnalyze(benchmark::State& state) {
  auto analyzer = pressa::Analyzer::Create();
  if (!analyzer.ok()) {
    state.SkipWithError("Analyzer::Create failed");
    return;
  }
  std::vector<pressa::Token> tokens;
  size_t words = 0;
  for (auto _ : state) {
    for (const auto& text : SampleTexts()) {
      tokens.clear();
      (*analyzer)->Analyze(text, &tokens);
      words += tokens.size();
      benchmark::DoNotOptimize(tokens.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(words),
                                                  benchmark::Counter::kIsRate);
}
BENCHMARK(BM_AnalyzerAnalyze)->Unit(benchmark::kMicrosecond);

void BM_AnalyzerNormalize(benchmark::State& state) {
  auto analyzer = pressa::Analyzer::Create();
  if (!analyzer.ok()) {
    state.SkipWithError("Analyzer::Create failed");
    return;
  }
  for (auto _ : state) {
    for (const auto& text : SampleTexts()) benchmark::DoNotOptimize((*analyzer)->Normalize(text));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
}
BENCHMARK(BM_AnalyzerNormalize)->Unit(benchmark::kMicrosecond);

void BM_AnalyzerCreate(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(pressa::Analyzer::Create());
}
BENCHMARK(BM_AnalyzerCreate)->Unit(benchmark::kMicrosecond);

void BM_EntityExtract(benchmark::State& state) {
  auto extractor = pressa::EntityExtractor::Create(pressa::ExtractorOptions{});
  if (!extractor.ok()) {
    state.SkipWithError("EntityExtractor::Create failed");
    return;
  }
  size_t entities = 0;
  for (auto _ : state) {
    for (const auto& text : SampleTexts()) {
      pressa::Article article;
      article.text = text;
      (*extractor)->Extract(&article);
      entities += article.entities.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TotalBytes()));
  state.counters["entities/s"] = benchmark::Counter(static_cast<double>(entities),
                                                    benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EntityExtract)->Unit(benchmark::kMicrosecond);

void BM_EntityExtractorCreate(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(pressa::EntityExtractor::Create(pressa::ExtractorOptions{}));
  }
}
BENCHMARK(BM_EntityExtractorCreate)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
