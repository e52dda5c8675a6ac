// Incremental indexing through the library: state encoding, change detection,
// deletions, generations, and a Searcher that keeps answering during reindexing.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "core/hash.h"
#include "indexer/index_dir.h"
#include "indexer/index_state.h"
#include "indexer/indexer.h"
#include "searcher/searcher.h"

namespace pressa {
namespace {

namespace fs = std::filesystem;

TEST(IndexStateTest, FileStateRoundTrips) {
  FileState state;
  state.path = "архив/2026/02/смоленск.jsonl";
  state.size = 123456789;
  state.mtime_ns = 1771234567890123456;
  state.content_hash = ContentHash64("содержимое");
  state.entries = {{1, "a"}, {0xFFFFFFFFFFFFFFFFULL, "статья-2"}, {42, ""}};
  Result<FileState> back = DecodeFileState(EncodeFileState(state));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->path, state.path);
  EXPECT_EQ(back->size, state.size);
  EXPECT_EQ(back->mtime_ns, state.mtime_ns);
  EXPECT_EQ(back->content_hash, state.content_hash);
  ASSERT_EQ(back->entries.size(), 3u);
  EXPECT_EQ(back->entries[1].hash, 0xFFFFFFFFFFFFFFFFULL);
  EXPECT_EQ(back->entries[1].id, "статья-2");
}

TEST(IndexStateTest, MalformedStateIsCorruption) {
  std::string good = EncodeFileState(FileState{"p", 1, 2, 3, {{4, "id"}}});
  for (size_t cut = 0; cut < good.size(); ++cut) {
    EXPECT_FALSE(DecodeFileState(good.substr(0, cut)).ok()) << cut;
  }
  EXPECT_FALSE(DecodeFileState(good + "x").ok());
}

TEST(IndexStateTest, StampCarriesTheOriginFile) {
  std::string stamp = StampValue("a/b.jsonl", 77);
  EXPECT_EQ(stamp.size(), 16u);
  EXPECT_EQ(StampFileHash(stamp), Fnv1a64("a/b.jsonl"));
  EXPECT_EQ(StampFileHash("short"), 0u);
}

TEST(HashTest, ContentHashSeesEveryByte) {
  const std::string base = "Смоленская область в тройке лидеров";
  for (size_t i = 0; i < base.size(); ++i) {
    std::string changed = base;
    changed[i] ^= 1;
    EXPECT_NE(ContentHash64(base), ContentHash64(changed)) << i;
  }
  EXPECT_NE(ContentHash64("ab"), ContentHash64(std::string_view("ab\0", 3)));  // length matters
  EXPECT_EQ(Hex64(0x0123456789abcdefULL), "0123456789abcdef");
}

class IncrementalIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/pressa-incr-XXXXXX";
    root_ = mkdtemp(tmpl);
    src_ = root_ + "/src";
    db_ = root_ + "/db";
    fs::create_directories(src_);
  }
  void TearDown() override { fs::remove_all(root_); }

  void WriteLines(const std::string& name, int from, int to, int version = 0) {
    std::ofstream out(src_ + "/" + name);
    for (int n = from; n < to; ++n) {
      out << "{\"id\": \"n" << n << "\", \"title\": \"Новость " << n
          << "\", \"text\": \"Газета пишет о заводе номер " << n << " версия " << version
          << ".\"}\n";
    }
  }

  IndexSummary Index(bool rebuild = false, bool compact = false) {
    IndexOptions options;
    options.db = db_;
    options.paths = {src_};
    options.batch_size = 25;
    options.threads = 2;
    options.rebuild = rebuild;
    options.compact = compact;
    IndexSummary summary;
    Status s = RunIndex(options, &summary);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return summary;
  }

  std::string root_, src_, db_;
};

TEST_F(IncrementalIndexTest, CountsAddedUpdatedDeletedUnchanged) {
  WriteLines("a.jsonl", 0, 60);
  WriteLines("b.jsonl", 100, 140);
  IndexSummary first = Index();
  EXPECT_EQ(first.mode, "fresh");
  EXPECT_EQ(first.added, 100);
  EXPECT_EQ(first.documents, 100);

  IndexSummary again = Index();
  EXPECT_EQ(again.mode, "incremental");
  EXPECT_EQ(again.indexed, 0);
  EXPECT_EQ(again.unchanged, 100);
  EXPECT_EQ(again.files_read, 0);

  WriteLines("a.jsonl", 0, 61);  // one line appended
  fs::remove(src_ + "/b.jsonl");  // 40 gone
  IndexSummary changed = Index();
  EXPECT_EQ(changed.added, 1);
  EXPECT_EQ(changed.updated, 0);
  EXPECT_EQ(changed.deleted, 40);
  EXPECT_EQ(changed.unchanged, 60);
  EXPECT_EQ(changed.documents, 61);
}

TEST_F(IncrementalIndexTest, IdMovedToAnotherFileIsNotDeleted) {
  WriteLines("a.jsonl", 0, 10);
  Index();
  fs::remove(src_ + "/a.jsonl");
  WriteLines("b.jsonl", 0, 10, 1);  // same ids, new file, new text
  IndexSummary moved = Index();
  EXPECT_EQ(moved.updated, 10);
  EXPECT_EQ(moved.deleted, 0);
  EXPECT_EQ(moved.documents, 10);
}

// The state is keyed by the paths as given: named another way, the files are
// indexed again, and the run says why.
TEST_F(IncrementalIndexTest, WarnsWhenFilesAreNamedOtherwiseThanBefore) {
  WriteLines("a.jsonl", 0, 10);
  WriteLines("b.jsonl", 10, 20);
  Index();
  auto run = [&](const std::string& path, std::string* warnings) {
    std::ostringstream out;
    IndexOptions options;
    options.db = db_;
    options.paths = {path};
    options.threads = 2;
    options.warnings = &out;
    IndexSummary summary;
    Status s = RunIndex(options, &summary);
    EXPECT_TRUE(s.ok()) << s.ToString();
    *warnings = out.str();
    return summary;
  };
  std::string warnings;
  WriteLines("c.jsonl", 20, 25);  // a new file, named as before: no warning
  IndexSummary added = run(src_, &warnings);
  EXPECT_EQ(added.added, 5);
  EXPECT_EQ(added.warnings, 0) << warnings;

  fs::create_directories(root_ + "/x");
  IndexSummary respelled = run(root_ + "/x/../src", &warnings);
  EXPECT_EQ(respelled.updated, 25);
  EXPECT_EQ(respelled.warnings, 1);
  EXPECT_NE(warnings.find("indexed before as " + src_ + "/"), std::string::npos) << warnings;
  EXPECT_NE(warnings.find("; 3 file(s) named otherwise"), std::string::npos) << warnings;

  IndexSummary again = run(root_ + "/x/../src", &warnings);  // named as the last run did
  EXPECT_EQ(again.unchanged, 25);
  EXPECT_EQ(again.warnings, 0) << warnings;
}

TEST_F(IncrementalIndexTest, FreshParallelBuildKeepsOneDocumentPerId) {
  WriteLines("a.jsonl", 0, 80);
  WriteLines("b.jsonl", 40, 120, 1);  // ids 40..79 repeated with other text
  IndexSummary fresh = Index();
  EXPECT_EQ(fresh.mode, "fresh");
  EXPECT_EQ(fresh.documents, 120);
  IndexSummary rebuilt = Index(/*rebuild=*/true);
  EXPECT_EQ(rebuilt.mode, "rebuild");
  EXPECT_EQ(rebuilt.documents, 120);
}

TEST_F(IncrementalIndexTest, SecondWriterIsLocked) {
  WriteLines("a.jsonl", 0, 5);
  auto held = IndexDir::Lock(db_);
  ASSERT_TRUE(held.ok());
  IndexOptions options;
  options.db = db_;
  options.paths = {src_};
  IndexSummary summary;
  EXPECT_TRUE(RunIndex(options, &summary).IsLocked());
  held->reset();
  EXPECT_TRUE(RunIndex(options, &summary).ok());
}

TEST_F(IncrementalIndexTest, SearcherKeepsAnsweringAndFollowsSwaps) {
  WriteLines("a.jsonl", 0, 200);
  Index();
  auto searcher = Searcher::Open(db_);
  ASSERT_TRUE(searcher.ok()) << searcher.status().ToString();
  std::atomic<bool> done{false};
  std::thread writer([&] {
    WriteLines("b.jsonl", 200, 300);
    Index();
    Index(/*rebuild=*/true);
    WriteLines("c.jsonl", 300, 350);
    Index(false, /*compact=*/true);
    done = true;
  });
  SearchRequest request;
  request.query = "газета";
  int searches = 0;
  long last = 0;
  while (!done) {
    Result<SearchResults> results = (*searcher)->Search(request);
    ASSERT_TRUE(results.ok()) << results.status().ToString();
    EXPECT_GE(results->total, 200);
    last = results->total;
    ++searches;
  }
  writer.join();
  Result<SearchResults> results = (*searcher)->Search(request);
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  EXPECT_EQ(results->total, 350) << "the long-lived searcher follows the generation swap";
  EXPECT_GT(searches, 0);
  (void)last;
}

TEST_F(IncrementalIndexTest, LongLivedSearcherSeesEachNightlyCommit) {
  // An in-place commit (no generation swap) must show at the next search,
  // not only once Xapian reports the old revision overwritten.
  WriteLines("a.jsonl", 0, 20);
  Index();
  auto searcher = Searcher::Open(db_);
  ASSERT_TRUE(searcher.ok()) << searcher.status().ToString();
  SearchRequest request;
  request.query = "газета";
  Result<SearchResults> before = (*searcher)->Search(request);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  EXPECT_EQ(before->total, 20);
  WriteLines("b.jsonl", 20, 25);
  IndexSummary summary = Index();
  EXPECT_EQ(summary.added, 5);
  Result<SearchResults> after = (*searcher)->Search(request);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(after->total, 25);
  // And a changed article shows its new text.
  WriteLines("b.jsonl", 20, 25, /*version=*/7);
  Index();
  request.query = "\"версия 7\"";
  Result<SearchResults> changed = (*searcher)->Search(request);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(changed->total, 5);
}

TEST_F(IncrementalIndexTest, RefreshTellsWhenTheSearcherMoved) {
  // What pressa-searchd relies on to warm a new view up before a request.
  WriteLines("a.jsonl", 0, 20);
  Index();
  auto searcher = Searcher::Open(db_);
  ASSERT_TRUE(searcher.ok()) << searcher.status().ToString();
  EXPECT_FALSE((*searcher)->Refresh()) << "nothing committed since it opened";
  WriteLines("b.jsonl", 20, 25);
  Index();
  EXPECT_TRUE((*searcher)->Refresh()) << "a commit in place";
  EXPECT_FALSE((*searcher)->Refresh());
  EXPECT_EQ((*searcher)->DocCount(), 25);
  Index(/*rebuild=*/true);
  EXPECT_TRUE((*searcher)->Refresh()) << "a new generation";
  EXPECT_FALSE((*searcher)->Refresh());
  SearchRequest request;
  request.query = "газета";
  Result<SearchResults> results = (*searcher)->Search(request);
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  EXPECT_EQ(results->total, 25);
}

// The org facet's display names for `query`.
std::vector<std::string> OrgNames(Searcher* searcher, const std::string& query) {
  SearchRequest request;
  request.query = query;
  request.facets = true;
  Result<SearchResults> results = searcher->Search(request);
  EXPECT_TRUE(results.ok()) << results.status().ToString();
  std::vector<std::string> names;
  if (results.ok()) {
    for (const FacetValue& v : results->facets["org"]) names.push_back(v.value);
  }
  return names;
}

TEST_F(IncrementalIndexTest, FacetNamesFollowReplacedAndDeletedArticles) {
  // A facet shows the spelling most articles use; the articles that change
  // or go must stop counting for theirs.
  auto write = [&](const std::string& name, const std::vector<std::string>& texts) {
    std::ofstream out(src_ + "/" + name);
    for (size_t i = 0; i < texts.size(); ++i) {
      out << "{\"id\": \"" << name << i << "\", \"title\": \"Добыча\", \"text\": \"" << texts[i]
          << "\"}\n";
    }
  };
  const std::string caps = "Компания ГАЗПРОМ НЕФТЬ сообщила о росте добычи.";
  const std::string plain = "Компания Газпром нефть сообщила о росте добычи.";
  const std::string none = "Нефтяники сообщили о росте добычи.";
  write("caps.jsonl", {caps, caps, caps});
  write("plain.jsonl", {plain, plain});
  Index();
  auto searcher = Searcher::Open(db_);
  ASSERT_TRUE(searcher.ok()) << searcher.status().ToString();
  auto has = [](const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  std::vector<std::string> before = OrgNames(searcher->get(), "добычи");
  EXPECT_TRUE(has(before, "Компания ГАЗПРОМ НЕФТЬ")) << ::testing::PrintToString(before);

  // Two of the three capitalised articles no longer name it: 1 against 2.
  write("caps.jsonl", {caps, none, none});
  Index();
  std::vector<std::string> replaced = OrgNames(searcher->get(), "добычи");
  EXPECT_TRUE(has(replaced, "Компания Газпром нефть")) << ::testing::PrintToString(replaced);
  EXPECT_FALSE(has(replaced, "Компания ГАЗПРОМ НЕФТЬ")) << ::testing::PrintToString(replaced);

  // The plain articles go: the last capitalised one names it alone.
  fs::remove(src_ + "/plain.jsonl");
  Index();
  std::vector<std::string> deleted = OrgNames(searcher->get(), "добычи");
  EXPECT_TRUE(has(deleted, "Компания ГАЗПРОМ НЕФТЬ")) << ::testing::PrintToString(deleted);
}

TEST_F(IncrementalIndexTest, FreshBuildForgetsTheNamesOfARepeatedIdsFirstCopy) {
  // One input names an article twice: the later copy replaces the earlier
  // one, whose names must stop counting, as in an incremental run.
  const std::string caps = "Компания ГАЗПРОМ НЕФТЬ сообщила о росте добычи.";
  const std::string plain = "Компания Газпром нефть сообщила о росте добычи.";
  const std::string none = "Нефтяники сообщили о росте добычи.";
  {
    std::ofstream out(src_ + "/a.jsonl");
    auto line = [&](const std::string& id, const std::string& text) {
      out << "{\"id\": \"" << id << "\", \"title\": \"Добыча\", \"text\": \"" << text
          << "\"}\n";
    };
    line("c0", caps);
    line("c1", caps);
    line("c2", caps);
    line("p0", plain);
    line("p1", plain);
    line("c1", none);  // corrections: 1 capitalised copy against 2 plain ones
    line("c2", none);
  }
  IndexSummary summary = Index();
  EXPECT_EQ(summary.mode, "fresh");
  auto searcher = Searcher::Open(db_);
  ASSERT_TRUE(searcher.ok()) << searcher.status().ToString();
  std::vector<std::string> names = OrgNames(searcher->get(), "добычи");
  auto has = [&](const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  EXPECT_TRUE(has("Компания Газпром нефть")) << ::testing::PrintToString(names);
  EXPECT_FALSE(has("Компания ГАЗПРОМ НЕФТЬ")) << ::testing::PrintToString(names);
}

TEST_F(IncrementalIndexTest, LongLivedSearcherUsesTheNewAliasTable) {
  {
    std::ofstream out(src_ + "/a.jsonl");
    out << "{\"id\": \"full\", \"text\": \"Центр поддержки экспорта открыл офис.\"}\n"
        << "{\"id\": \"short\", \"text\": \"Глава ЦПЭК выступил на форуме.\"}\n";
  }
  const std::string aliases = root_ + "/aliases.tsv";
  auto index_with = [&](const std::string& table) {
    std::ofstream(aliases) << table;
    IndexOptions options;
    options.db = db_;
    options.paths = {src_};
    options.alias_file = aliases;
    IndexSummary summary;
    Status s = RunIndex(options, &summary);
    EXPECT_TRUE(s.ok()) << s.ToString();
  };
  index_with("org\tБанк развития\tБР\n");
  auto searcher = Searcher::Open(db_);
  ASSERT_TRUE(searcher.ok()) << searcher.status().ToString();
  SearchRequest request;
  request.query = "ЦПЭК";
  Result<SearchResults> before = (*searcher)->Search(request);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  EXPECT_EQ(before->total, 1);
  // The table now says ЦПЭК is the centre: the same searcher finds both.
  index_with("org\tЦентр поддержки экспорта\tЦПЭК\n");
  Result<SearchResults> after = (*searcher)->Search(request);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(after->total, 2);
}

}  // namespace
}  // namespace pressa
