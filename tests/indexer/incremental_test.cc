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
  state.canonical = "/srv/архив/2026/02/смоленск.jsonl";
  Result<FileState> back = DecodeFileState(EncodeFileState(state));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->path, state.path);
  EXPECT_EQ(back->size, state.size);
  EXPECT_EQ(back->mtime_ns, state.mtime_ns);
  EXPECT_EQ(back->content_hash, state.content_hash);
  ASSERT_EQ(back->entries.size(), 3u);
  EXPECT_EQ(back->entries[1].hash, 0xFFFFFFFFFFFFFFFFULL);
  EXPECT_EQ(back->entries[1].id, "статья-2");
  EXPECT_EQ(back->canonical, state.canonical);
}

// Indexes written before canonical paths keep their states of format 1.
TEST(IndexStateTest, ReadsFormatOne) {
  const std::string u64_1("\0\0\0\0\0\0\0\x01", 8), u64_2("\0\0\0\0\0\0\0\x02", 8);
  std::string v1 = std::string("\x01") + "\x03" "a/b" + u64_1 + u64_2 + u64_1 + "\x01" + u64_2 + "\x02id";
  Result<FileState> state = DecodeFileState(v1);
  ASSERT_TRUE(state.ok()) << state.status().ToString();
  EXPECT_EQ(state->path, "a/b");
  EXPECT_EQ(state->size, 1u);
  EXPECT_EQ(state->mtime_ns, 2);
  ASSERT_EQ(state->entries.size(), 1u);
  EXPECT_EQ(state->entries[0].id, "id");
  EXPECT_EQ(state->canonical, "");
  EXPECT_FALSE(DecodeFileState(v1 + "\x01/").ok());  // format 1 ends with the entries
}

TEST(IndexStateTest, MalformedStateIsCorruption) {
  std::string good = EncodeFileState(FileState{"p", 1, 2, 3, {{4, "id"}}, "/p"});
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

  // A run over `path` (not src_'s spelling, perhaps) that keeps its warnings.
  IndexSummary IndexPath(const std::string& path, std::string* warnings) {
    return IndexPaths({path}, warnings);
  }
  IndexSummary IndexPaths(const std::vector<std::string>& paths, std::string* warnings) {
    std::ostringstream out;
    IndexOptions options;
    options.db = db_;
    options.paths = paths;
    options.threads = 2;
    options.warnings = &out;
    IndexSummary summary;
    Status s = RunIndex(options, &summary);
    EXPECT_TRUE(s.ok()) << s.ToString();
    *warnings = out.str();
    return summary;
  }

  // Stores a copy of the state of `from` as the state of `to` (its path and
  // canonical path), as versions that keyed states by the spelling alone
  // left a file indexed under two names.
  void CopyState(const std::string& from, const std::string& to) {
    auto dir = IndexDir::Lock(db_);
    ASSERT_TRUE(dir.ok());
    Xapian::WritableDatabase db((*dir)->LivePath());
    Result<FileState> state = DecodeFileState(db.get_metadata(FileStateKey(from)));
    ASSERT_TRUE(state.ok()) << from;
    state->path = to;
    state->canonical = CanonicalPath(to);
    db.set_metadata(FileStateKey(to), EncodeFileState(*state));
    db.commit();
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

// Runs with `dir` as the working directory, as a cron job from another
// directory would.
class WorkingDir {
 public:
  explicit WorkingDir(const std::string& dir) : before_(fs::current_path()) {
    fs::current_path(dir);
  }
  ~WorkingDir() { fs::current_path(before_); }

 private:
  fs::path before_;
};

// A file is known by the name it was first listed under, however a later
// run spells its path: nothing unchanged is indexed again.
TEST_F(IncrementalIndexTest, KnowsFilesNamedOtherwiseThanBefore) {
  WriteLines("a.jsonl", 0, 10);
  WriteLines("b.jsonl", 100, 110);
  Index();
  fs::create_directories(root_ + "/x");
  fs::create_directory_symlink(src_, root_ + "/link");
  std::string warnings;
  IndexSummary respelled = IndexPath(root_ + "/x/../src", &warnings);
  EXPECT_EQ(respelled.unchanged, 20);
  EXPECT_EQ(respelled.indexed, 0);
  EXPECT_EQ(respelled.deleted, 0);
  EXPECT_EQ(respelled.warnings, 0) << warnings;

  // Through a symlink: a line appended, a file gone, a new file.
  WriteLines("a.jsonl", 0, 11);
  fs::remove(src_ + "/b.jsonl");
  WriteLines("c.jsonl", 20, 25);
  IndexSummary linked = IndexPath(root_ + "/link", &warnings);
  EXPECT_EQ(linked.added, 6);
  EXPECT_EQ(linked.updated, 0);
  EXPECT_EQ(linked.unchanged, 10);
  EXPECT_EQ(linked.deleted, 10);
  EXPECT_EQ(linked.documents, 16);
  EXPECT_EQ(linked.warnings, 0) << warnings;

  // Named as at first, c.jsonl included: nothing to do.
  IndexSummary again = IndexPath(src_, &warnings);
  EXPECT_EQ(again.unchanged, 16);
  EXPECT_EQ(again.indexed, 0);
  EXPECT_EQ(again.deleted, 0);
  EXPECT_EQ(again.documents, 16);
}

// Versions that keyed the state by the spelling alone indexed a file named
// otherwise again, under the new name: two states, the documents owned by
// the later. Listed by the earlier name, the file is read in full once, its
// documents become that name's, and the other state goes.
TEST_F(IncrementalIndexTest, OneFileUnderTwoNamesBecomesOne) {
  WriteLines("a.jsonl", 0, 10);
  WriteLines("b.jsonl", 100, 110);
  fs::create_directories(root_ + "/x");
  const std::string later = root_ + "/x/../src";
  std::string warnings;
  EXPECT_EQ(IndexPath(later, &warnings).added, 20);  // the documents are the later name's
  // The earlier name's states, as the first of those runs left them.
  CopyState(later + "/a.jsonl", src_ + "/a.jsonl");
  CopyState(later + "/b.jsonl", src_ + "/b.jsonl");
  IndexSummary healed = IndexPath(src_, &warnings);
  EXPECT_EQ(healed.updated, 20);  // read in full once
  EXPECT_EQ(healed.deleted, 0);
  EXPECT_EQ(healed.documents, 20);
  EXPECT_EQ(healed.warnings, 0) << warnings;

  IndexSummary again = IndexPath(src_, &warnings);
  EXPECT_EQ(again.unchanged, 20);
  EXPECT_EQ(again.indexed, 0);
  WriteLines("a.jsonl", 0, 9);  // the earlier name owns its documents now
  IndexSummary cut = IndexPath(src_, &warnings);
  EXPECT_EQ(cut.deleted, 1);
  EXPECT_EQ(cut.documents, 19);
}

// One run that lists a file twice (overlapping PATHs) indexes it once, under
// the first PATH's name, and says so; later runs find it unchanged under
// either name.
TEST_F(IncrementalIndexTest, AFileListedTwiceInOneRunIsIndexedOnce) {
  WriteLines("a.jsonl", 0, 10);
  WriteLines("b.jsonl", 100, 110);
  fs::create_directories(root_ + "/x");
  const std::string other = root_ + "/x/../src";
  std::string warnings;
  IndexSummary first = IndexPaths({src_, other + "/b.jsonl", other}, &warnings);
  EXPECT_EQ(first.indexed, 20);
  EXPECT_EQ(first.added, 20);
  EXPECT_EQ(first.files_read, 2);
  EXPECT_EQ(first.warnings, 2) << warnings;
  EXPECT_NE(warnings.find("Input " + other + " lists 2 file(s) that " + src_ + " lists too"),
            std::string::npos)
      << warnings;
  {
    auto dir = IndexDir::Lock(db_);
    ASSERT_TRUE(dir.ok());
    Xapian::Database db((*dir)->LivePath());
    std::vector<std::string> states(db.metadata_keys_begin(kFileStatePrefix),
                                    db.metadata_keys_end(kFileStatePrefix));
    std::vector<std::string> want = {FileStateKey(src_ + "/a.jsonl"),
                                     FileStateKey(src_ + "/b.jsonl")};
    std::sort(states.begin(), states.end());
    std::sort(want.begin(), want.end());
    EXPECT_EQ(states, want);
  }
  IndexSummary again = IndexPaths({src_, other}, &warnings);
  EXPECT_EQ(again.unchanged, 20);
  EXPECT_EQ(again.indexed, 0);
  WriteLines("a.jsonl", 0, 9);
  IndexSummary cut = IndexPath(other, &warnings);
  EXPECT_EQ(cut.deleted, 1);
  EXPECT_EQ(cut.unchanged, 19);
  EXPECT_EQ(cut.documents, 19);
}

// Earlier versions indexed a hard-linked file under each of its names, the
// documents owned by the later. Listed once now (by its first name), the
// file is read in full under it and the other name's state goes: its
// documents are not deleted as those of a vanished file.
TEST_F(IncrementalIndexTest, AHardLinkedFileIndexedUnderBothNamesKeepsItsArticles) {
  WriteLines("a.jsonl", 0, 10);
  fs::create_hard_link(src_ + "/a.jsonl", src_ + "/z.jsonl");
  std::string warnings;
  EXPECT_EQ(IndexPath(src_ + "/z.jsonl", &warnings).added, 10);  // owned by z.jsonl
  // a.jsonl's state, as the same run left it before z.jsonl took the documents.
  CopyState(src_ + "/z.jsonl", src_ + "/a.jsonl");
  IndexSummary healed = IndexPath(src_, &warnings);
  EXPECT_EQ(healed.updated, 10);  // read in full once, under a.jsonl
  EXPECT_EQ(healed.deleted, 0);
  EXPECT_EQ(healed.documents, 10);
  EXPECT_EQ(healed.warnings, 1) << warnings;  // z.jsonl is a.jsonl

  WriteLines("a.jsonl", 0, 9);  // a.jsonl owns its documents now
  IndexSummary cut = IndexPath(src_, &warnings);
  EXPECT_EQ(cut.deleted, 1);
  EXPECT_EQ(cut.documents, 9);
}

// The cron job: files listed relatively from one directory, then by their
// absolute path from another.
TEST_F(IncrementalIndexTest, KnowsRelativelyNamedFilesFromAnotherDirectory) {
  WriteLines("a.jsonl", 0, 10);
  std::string warnings;
  {
    WorkingDir in(root_);
    EXPECT_EQ(IndexPath("src", &warnings).added, 10);
  }
  WorkingDir elsewhere("/");
  IndexSummary absolute = IndexPath(src_, &warnings);
  EXPECT_EQ(absolute.unchanged, 10);
  EXPECT_EQ(absolute.indexed, 0);
  EXPECT_EQ(absolute.warnings, 0) << warnings;
}

// States written before they recorded canonical paths (format 1).
TEST_F(IncrementalIndexTest, StatesOfFormatOneLearnTheirCanonicalPath) {
  WriteLines("a.jsonl", 0, 10);
  WriteLines("b.jsonl", 10, 20);
  std::string warnings;
  {
    WorkingDir in(root_);
    IndexPath("src", &warnings);
  }
  // Rewrites every file state as format 1: no canonical path.
  auto to_format_one = [&] {
    auto dir = IndexDir::Lock(db_);
    ASSERT_TRUE(dir.ok());
    Xapian::WritableDatabase db((*dir)->LivePath());
    int rewritten = 0;
    for (auto key = db.metadata_keys_begin(kFileStatePrefix);
         key != db.metadata_keys_end(kFileStatePrefix); ++key) {
      std::string data = db.get_metadata(*key);
      Result<FileState> state = DecodeFileState(data);
      ASSERT_TRUE(state.ok());
      ASSERT_FALSE(state->canonical.empty());
      ASSERT_LT(state->canonical.size(), 128u);  // a one-byte length
      std::string old = data.substr(0, data.size() - state->canonical.size() - 1);
      old[0] = '\x01';
      Result<FileState> back = DecodeFileState(old);
      ASSERT_TRUE(back.ok());
      EXPECT_EQ(back->path, state->path);
      EXPECT_TRUE(back->canonical.empty());
      db.set_metadata(*key, old);
      ++rewritten;
    }
    db.commit();
    EXPECT_EQ(rewritten, 2);
  };
  to_format_one();
  {
    // Listed as they were: the unchanged files' states learn their path...
    WorkingDir in(root_);
    EXPECT_EQ(IndexPath("src", &warnings).unchanged, 20);
  }
  {
    // ...so that another directory and spelling find them.
    WorkingDir elsewhere("/");
    IndexSummary absolute = IndexPath(src_, &warnings);
    EXPECT_EQ(absolute.unchanged, 20);
    EXPECT_EQ(absolute.indexed, 0);
  }
  {
    // A relative name of format 1 is resolved against the run's directory,
    // taken for an unchanged file only: a changed one is indexed again,
    // with a warning.
    to_format_one();
    WriteLines("b.jsonl", 10, 21);
    WorkingDir in(root_);
    IndexSummary changed = IndexPath(src_, &warnings);
    EXPECT_EQ(changed.unchanged, 10);
    EXPECT_EQ(changed.updated, 10);
    EXPECT_EQ(changed.added, 1);
    EXPECT_EQ(changed.documents, 21);
    EXPECT_EQ(changed.warnings, 1);
    EXPECT_NE(warnings.find(src_ + "/b.jsonl: perhaps indexed before as src/b.jsonl; 1 changed"),
              std::string::npos)
        << warnings;
  }
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
