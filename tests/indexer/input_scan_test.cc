// Tests for ScanFile's streamed JSON-lines path: line endings, BOM, oversize lines, hashes.
#include "indexer/input_scan.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/hash.h"

namespace pressa {
namespace {

namespace fs = std::filesystem;

struct Scanned {
  std::vector<std::string> ids;
  std::vector<long> lines;
  std::string warnings;
  IndexSummary summary;
  FileScan scan;
};

// Writes `bytes` to a temporary .jsonl file and scans it as the indexer does.
Scanned ScanBytes(const std::string& bytes, const FileState* old = nullptr) {
  fs::path dir = fs::temp_directory_path() / ("pressa-scan-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path path = dir / "in.jsonl";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
  }
  std::vector<std::string> unused;
  bool complete = true;
  std::vector<InputFile> files = ListInputs({path.string()}, &unused, &complete);
  Scanned r;
  std::ostringstream warnings;
  RunReporter reporter(&warnings, nullptr, &r.summary, 1);
  Status s = ScanFile(files.at(0), old, &reporter, &r.summary,
                      [&](Article* a, uint64_t) {
                        r.ids.push_back(a->id);
                        r.lines.push_back(a->origin_line);
                        return Status::OK();
                      },
                      &r.scan);
  EXPECT_TRUE(s.ok()) << s.ToString();
  r.warnings = warnings.str();
  fs::remove_all(dir);
  return r;
}

std::string Line(const std::string& id) {
  return "{\"id\": \"" + id + "\", \"text\": \"Текст статьи " + id + "\"}";
}

TEST(StreamContentHashTest, EqualsWholeHashForEverySplit) {
  std::string data;
  for (int n = 0; n <= 40; ++n) {
    for (size_t cut = 0; cut <= data.size(); ++cut) {
      for (size_t cut2 = cut; cut2 <= data.size(); cut2 += 3) {
        StreamContentHash64 h(data.size());
        h.Update(std::string_view(data).substr(0, cut));
        h.Update(std::string_view(data).substr(cut, cut2 - cut));
        h.Update(std::string_view(data).substr(cut2));
        ASSERT_EQ(h.Final(), ContentHash64(data)) << n << " " << cut << " " << cut2;
      }
    }
    data.push_back(static_cast<char>('a' + n * 7 % 26));
  }
}

TEST(InputScanTest, LineEndingsAndBomAsDecodeTextMakesThem) {
  // BOM, CRLF, a lone CR, blank lines, a last line without a newline.
  std::string bytes = "\xEF\xBB\xBF" + Line("a") + "\r\n" + Line("b") + "\r" + Line("c") +
                      "\n\n  \n" + Line("d") + "\r\n\r\n" + Line("e");
  Scanned r = ScanBytes(bytes);
  EXPECT_EQ(r.ids, (std::vector<std::string>{"a", "b", "c", "d", "e"}));
  EXPECT_EQ(r.lines, (std::vector<long>{1, 2, 3, 6, 8}));
  EXPECT_EQ(r.warnings, "");
  EXPECT_EQ(r.scan.outcome, FileScan::Outcome::kRead);
  EXPECT_EQ(r.scan.state.content_hash, ContentHash64(bytes));
  EXPECT_EQ(r.summary.bytes, static_cast<long>(bytes.size()));
}

TEST(InputScanTest, OversizeLineIsSkippedWithoutHoldingIt) {
  std::string huge = "{\"id\": \"big\", \"text\": \"" + std::string(5 << 20, 'x') + "\"}";
  std::string blank_huge(5 << 20, ' ');
  std::string bytes = Line("a") + "\n" + huge + "\r\n" + blank_huge + "\n" + Line("b") + "\n";
  Scanned r = ScanBytes(bytes);
  EXPECT_EQ(r.ids, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(r.lines, (std::vector<long>{1, 4}));
  EXPECT_NE(r.warnings.find("in.jsonl:2: article is 5.0 MB, over the 4 MB limit; skipped"),
            std::string::npos)
      << r.warnings;
  EXPECT_EQ(r.summary.skipped, 1);
  EXPECT_EQ(r.scan.state.content_hash, ContentHash64(bytes));
}

TEST(InputScanTest, LinesAcrossChunkBoundaries) {
  // Enough lines to span several 1 MB chunks, with a CRLF split across one.
  std::string bytes;
  std::vector<std::string> want;
  for (int i = 0; bytes.size() < (3u << 20); ++i) {
    want.push_back("id" + std::to_string(i));
    bytes += Line(want.back()) + std::string(i % 50, ' ') + "\r\n";
  }
  Scanned r = ScanBytes(bytes);
  EXPECT_EQ(r.ids, want);
  EXPECT_EQ(r.lines.back(), static_cast<long>(want.size()));
}

TEST(InputScanTest, UnchangedContentIsTouchedAndChangedLinesOnlyAreSent) {
  std::string bytes = Line("a") + "\n" + Line("b") + "\n";
  Scanned first = ScanBytes(bytes);
  FileState old = first.scan.state;
  old.mtime_ns += 1;  // touched: same bytes, another mtime
  Scanned touched = ScanBytes(bytes, &old);
  EXPECT_EQ(touched.scan.outcome, FileScan::Outcome::kTouched);
  EXPECT_TRUE(touched.ids.empty());
  Scanned changed = ScanBytes(Line("a") + "\n" + Line("c") + "\n", &old);
  EXPECT_EQ(changed.ids, (std::vector<std::string>{"c"}));
  EXPECT_EQ(changed.scan.removed_ids, (std::vector<std::string>{"b"}));
  EXPECT_EQ(changed.summary.unchanged, 1);
}

TEST(InputScanTest, NonUtf8FileIsStillDecodedWhole) {
  // windows-1251 JSON lines: not plain UTF-8, so DecodeText converts the whole file.
  std::string cp1251 = "{\"id\": \"w\", \"text\": \"\xcf\xf0\xe8\xe2\xe5\xf2 \xec\xe8\xf0 "
                       "\xe8 \xf2\xe5\xea\xf1\xf2 \xf1\xf2\xe0\xf2\xfc\xe8\"}\n";
  Scanned r = ScanBytes(cp1251);
  EXPECT_EQ(r.ids, (std::vector<std::string>{"w"}));
  EXPECT_NE(r.warnings.find("decoded from windows-1251"), std::string::npos) << r.warnings;
}

}  // namespace
}  // namespace pressa
