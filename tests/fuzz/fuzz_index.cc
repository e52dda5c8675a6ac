// Builds the corpus/ index the search-level fuzz targets query.
#include "tests/fuzz/fuzz_index.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "indexer/indexer.h"

namespace pressa::fuzz {
namespace {

std::string* g_dir = nullptr;

void RemoveIndex() {
  std::error_code ec;
  if (g_dir != nullptr) std::filesystem::remove_all(*g_dir, ec);
}

std::string Build() {
  char tmpl[] = "/tmp/pressa-fuzz-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) {
    std::perror("mkdtemp");
    std::abort();
  }
  g_dir = new std::string(tmpl);
  std::atexit(RemoveIndex);
  IndexOptions options;
  options.db = *g_dir + "/db";
  options.paths = {std::string(PRESSA_SOURCE_DIR) + "/corpus"};
  std::ostringstream warnings;
  options.warnings = &warnings;
  IndexSummary summary;
  Status s = RunIndex(options, &summary);
  if (!s.ok() || summary.indexed == 0) {
    std::fprintf(stderr, "fuzz: cannot index corpus/: %s\n%s", s.ToString().c_str(),
                 warnings.str().c_str());
    std::abort();
  }
  return options.db;
}

}  // namespace

const std::string& CorpusIndexPath() {
  static const std::string path = Build();
  return path;
}

}  // namespace pressa::fuzz
