// A sample of a build's articles for choosing its terms with Xapian positions.
#include "indexer/native_sample.h"

#include <algorithm>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/article.h"
#include "core/schema.h"
#include "stemmers/analyzer.h"

namespace pressa {
namespace {

constexpr uint64_t kNativeSampleBytes = 4 << 20;
// Slices read from each JSON-lines file, spread over its length.
constexpr int kSlicesPerFile = 8;
// A bigger seed file is no article to learn from (or no article at all).
constexpr uint64_t kMaxSeedSampleBytes = 1 << 20;

// Up to `length` bytes of a regular file from `offset`; empty for anything
// else. Never blocks: the file may have become a FIFO since it was listed.
std::string ReadAt(const std::string& path, uint64_t offset, uint64_t length) {
  int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return {};
  std::string bytes;
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && offset < static_cast<uint64_t>(st.st_size)) {
    bytes.resize(std::min<uint64_t>(length, st.st_size - offset));
    ssize_t n = pread(fd, bytes.data(), bytes.size(), static_cast<off_t>(offset));
    bytes.resize(n > 0 ? static_cast<size_t>(n) : 0);
  }
  close(fd);
  return bytes;
}

// The complete lines of a slice read from `offset` (the first is cut unless
// the slice starts the file, the last unless it ends it).
void SampleJsonLines(const InputFile& file, uint64_t budget, std::vector<Article>* out) {
  uint64_t slice = std::max<uint64_t>(budget / kSlicesPerFile, 16 << 10);
  for (int k = 0; k < kSlicesPerFile; ++k) {
    uint64_t offset = file.size * k / kSlicesPerFile;
    if (k > 0 && offset + slice > file.size && file.size > slice) break;
    std::string bytes = ReadAt(file.path, offset, slice);
    size_t from = offset == 0 ? 0 : bytes.find('\n');
    if (from == std::string::npos) continue;
    if (offset != 0) ++from;
    bool whole = offset + bytes.size() >= file.size;
    while (from < bytes.size()) {
      size_t end = bytes.find('\n', from);
      if (end == std::string::npos && !whole) break;
      if (end == std::string::npos) end = bytes.size();
      Article article;
      std::string warning;
      if (ParseJsonArticle(std::string_view(bytes).substr(from, end - from), &article, &warning)
              .ok()) {
        out->push_back(std::move(article));
      }
      from = end + 1;
    }
    if (whole) break;
  }
}

void SampleSeed(const InputFile& file, std::vector<Article>* out) {
  if (file.size > kMaxSeedSampleBytes) return;  // the build skips or reports it
  std::string bytes = ReadAt(file.path, 0, file.size);
  std::string note, warning;
  auto text = DecodeText(bytes, &note);
  if (!text.ok()) return;
  Article article;
  if (ParseSeedArticle(*text, &article, &warning).ok()) out->push_back(std::move(article));
}

}  // namespace

Result<positions::NativeTerms> ChooseNativeTerms(const std::vector<InputFile>& files) {
  uint64_t total = 0, seed_total = 0;
  size_t seeds = 0;
  for (const InputFile& f : files) {
    total += f.size;
    if (f.format == InputFile::Format::kSeed) seed_total += f.size, ++seeds;
  }
  std::vector<Article> sample;
  // Seed files: every stride-th, so that their share of the sample is their
  // share of the input.
  if (seeds > 0 && total > 0) {
    uint64_t seed_budget = kNativeSampleBytes * seed_total / total;
    size_t stride = std::max<uint64_t>(1, seed_total / std::max<uint64_t>(seed_budget, 1));
    size_t n = 0;
    for (const InputFile& f : files) {
      if (f.format == InputFile::Format::kSeed && n++ % stride == 0) SampleSeed(f, &sample);
    }
  }
  for (const InputFile& f : files) {
    if (f.format != InputFile::Format::kJsonLines || total == 0) continue;
    SampleJsonLines(f, std::max<uint64_t>(kNativeSampleBytes * f.size / total, 64 << 10),
                    &sample);
  }

  auto analyzer = Analyzer::Create();
  if (!analyzer.ok()) return analyzer.status();
  std::vector<std::vector<std::string>> terms;
  TokenList tokens(true);  // only the terms are read
  for (const Article& article : sample) {
    std::vector<std::string> doc;
    for (const std::string* text : {&article.title, &article.text}) {
      tokens.clear();
      (*analyzer)->Analyze(*text, &tokens);
      for (const Token& t : tokens) {
        if (!t.term.empty() && t.term.size() <= schema::kMaxTermBytes) doc.push_back(t.term);
      }
    }
    std::sort(doc.begin(), doc.end());
    doc.erase(std::unique(doc.begin(), doc.end()), doc.end());
    terms.push_back(std::move(doc));
  }
  return positions::NativeTerms::Choose(terms);
}

}  // namespace pressa
